/**
 * The blank model "新建模型" starts from: a start event, one handling step and an end, with the
 * diagram laid out. It does not pass the deploy checks on purpose (no program, no outcome): the
 * lint tells the legal officer what a lawful model still needs.
 */
function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

export function blankModel(key: string, name: string): string {
  const k = escape(key);
  const n = escape(name);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:sa="http://shehuijiuzhu.gov.cn/schema/bpmn/1.0" id="Definitions_${k}" targetNamespace="http://shehuijiuzhu.gov.cn/bpmn/${k}">
  <bpmn:process id="${k}" name="${n}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_Submitted" name="申请已提交">
      <bpmn:outgoing>Flow_ToHandle</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="Task_Handle" name="受理审查" camunda:candidateGroups="window_clerk" sa:due="5WD">
      <bpmn:incoming>Flow_ToHandle</bpmn:incoming>
      <bpmn:outgoing>Flow_ToEnd</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="EndEvent_Done" name="办结">
      <bpmn:incoming>Flow_ToEnd</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_ToHandle" sourceRef="StartEvent_Submitted" targetRef="Task_Handle" />
    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_Handle" targetRef="EndEvent_Done" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${k}">
    <bpmndi:BPMNPlane id="Plane_${k}" bpmnElement="${k}">
      <bpmndi:BPMNShape id="StartEvent_Submitted_di" bpmnElement="StartEvent_Submitted">
        <dc:Bounds x="152" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_Handle_di" bpmnElement="Task_Handle">
        <dc:Bounds x="240" y="80" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="EndEvent_Done_di" bpmnElement="EndEvent_Done">
        <dc:Bounds x="392" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_ToHandle_di" bpmnElement="Flow_ToHandle">
        <di:waypoint x="188" y="120" />
        <di:waypoint x="240" y="120" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_ToEnd_di" bpmnElement="Flow_ToEnd">
        <di:waypoint x="340" y="120" />
        <di:waypoint x="392" y="120" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** A copy of a model under another process key: the process id and the diagram's reference to it. */
export function renameProcess(xml: string, from: string, to: string, name?: string): string {
  const quoted = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let out = xml.replace(new RegExp(`(<(?:\\w+:)?process\\b[^>]*?\\sid=")${quoted}"`), `$1${escape(to)}"`);
  out = out.replace(new RegExp(`(\\sbpmnElement=")${quoted}"`, 'g'), `$1${escape(to)}"`);
  if (name !== undefined) {
    out = out.replace(new RegExp(`(<(?:\\w+:)?process\\b[^>]*?\\sname=")[^"]*"`), `$1${escape(name)}"`);
  }
  return out;
}

/** The process name a draft shows: the model's own, read without parsing (a draft may not parse). */
export function modelName(xml: string): string | undefined {
  const tag = /<(?:\w+:)?process\b[^>]*>/.exec(xml)?.[0];
  const name = tag && /\sname="([^"]*)"/.exec(tag)?.[1];
  return name?.trim() || undefined;
}
