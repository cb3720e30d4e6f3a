import { parseBpmn } from '@app/process-models';
import { ModelElement, nextDocuments } from './next-documents';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:sa="http://shehuijiuzhu.gov.cn/schema/bpmn/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:userTask id="Decide" />
    <bpmn:sequenceFlow id="f1" sourceRef="Decide" targetRef="G" />
    <bpmn:exclusiveGateway id="G" default="fOther" />
    <bpmn:sequenceFlow id="fYes" sourceRef="G" targetRef="DocA">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${decision == "yes"}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="fOther" sourceRef="G" targetRef="DocC" />
    <bpmn:serviceTask id="DocA" sa:service="document.issue" sa:template="a" />
    <bpmn:sequenceFlow id="f2" sourceRef="DocA" targetRef="DocB" />
    <bpmn:serviceTask id="DocB" sa:service="document.issue" sa:template="b" />
    <bpmn:sequenceFlow id="f3" sourceRef="DocB" targetRef="Assess" />
    <bpmn:serviceTask id="Assess" sa:service="assessment.evaluate" />
    <bpmn:sequenceFlow id="f4" sourceRef="Assess" targetRef="DocD" />
    <bpmn:serviceTask id="DocD" sa:service="document.issue" sa:template="d" />
    <bpmn:serviceTask id="DocC" sa:service="document.issue" sa:template="c" />
    <bpmn:sequenceFlow id="f5" sourceRef="DocC" targetRef="Next" />
    <bpmn:userTask id="Next" />
    <bpmn:sequenceFlow id="f6" sourceRef="Next" targetRef="DocE" />
    <bpmn:serviceTask id="DocE" sa:service="document.issue" sa:template="e" />
  </bpmn:process>
</bpmn:definitions>`;

describe('nextDocuments (what a step would issue)', () => {
  let process: ModelElement;
  beforeAll(async () => {
    const { rootElement } = await parseBpmn(XML);
    process = (rootElement as unknown as ModelElement).rootElements![0];
  });

  it('follows the branch the condition picks, through consecutive documents, up to another service', () => {
    expect(nextDocuments(process, 'Decide', { decision: 'yes' }).map((d) => d.templateId)).toEqual([
      'a',
      'b',
    ]);
  });

  it('takes the default flow when no condition holds and stops at the next user task', () => {
    expect(nextDocuments(process, 'Decide', { decision: 'no' })).toEqual([
      { elementId: 'DocC', templateId: 'c' },
    ]);
  });

  it('finds nothing for an element without documents ahead', () => {
    expect(nextDocuments(process, 'DocE', {})).toEqual([]);
    expect(nextDocuments(process, 'Missing', {})).toEqual([]);
  });
});
