/**
 * Small BPMN models around one timer (PT1H) for the timer specs. Each spec gives its own prefix for
 * the process ids: the specs of one api bundle share a database.
 */
const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:sa="http://shehuijiuzhu.gov.cn/schema/bpmn/1.0" id="Defs" targetNamespace="http://example.org"`;

export const TIMER = `<bpmn:intermediateCatchEvent id="Timer_Wait" name="等待一小时">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>`;

/** A model of one executable process `key` (also its name) with the given elements. */
export const bpmnModel = (key: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS}>
  <bpmn:process id="${key}" name="${key}" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;

/**
 * `<prefix>-timer`: start → timer → 复核 → end. `<prefix>-parallel`: 填报 waits beside the timer, so
 * a user can step the case while its timer is pending. `check` is the 复核 task's element.
 */
export function timerModels(
  prefix: string,
  check = `<bpmn:userTask id="Task_Check" name="复核" camunda:candidateGroups="township_reviewer" />`,
): { timerTask: string; taskBesideTimer: string } {
  return {
    timerTask: bpmnModel(
      `${prefix}-timer`,
      `<bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Timer_Wait" />
    ${TIMER}
    <bpmn:sequenceFlow id="F1" sourceRef="Timer_Wait" targetRef="Task_Check" />
    ${check}
    <bpmn:sequenceFlow id="F2" sourceRef="Task_Check" targetRef="End" />
    <bpmn:endEvent id="End" />`,
    ),
    taskBesideTimer: bpmnModel(
      `${prefix}-parallel`,
      `<bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Fork" />
    <bpmn:parallelGateway id="Fork" />
    <bpmn:sequenceFlow id="F1" sourceRef="Fork" targetRef="Task_Fill" />
    <bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="Timer_Wait" />
    <bpmn:userTask id="Task_Fill" name="填报" camunda:candidateGroups="township_clerk" />
    <bpmn:sequenceFlow id="F3" sourceRef="Task_Fill" targetRef="End_Fill" />
    <bpmn:endEvent id="End_Fill" />
    ${TIMER}
    <bpmn:sequenceFlow id="F4" sourceRef="Timer_Wait" targetRef="Task_Check" />
    ${check}
    <bpmn:sequenceFlow id="F5" sourceRef="Task_Check" targetRef="End_Check" />
    <bpmn:endEvent id="End_Check" />`,
    ),
  };
}
