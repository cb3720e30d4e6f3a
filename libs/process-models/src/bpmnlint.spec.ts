import * as fs from 'node:fs';
import * as path from 'node:path';
import { BPMNLINT_RULES, lintWithBpmnlint } from './bpmnlint';
import { BpmnElement, validateModel } from './validate-model';

const PROCESSES = path.resolve(__dirname, '../../../processes');
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/models');

async function lint(xml: string) {
  const { definitions } = await validateModel(xml);
  return lintWithBpmnlint(definitions as BpmnElement);
}

/** A start → user task → end model; `body` replaces the flow part. */
function model(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:sa="http://shehuijiuzhu.gov.cn/schema/bpmn/1.0" id="D" targetNamespace="t">
  <bpmn:process id="p" name="测试" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
}

const START = '<bpmn:startEvent id="Start" name="开始" />';
const TASK =
  '<bpmn:userTask id="Task_A" name="审核" camunda:candidateGroups="township_reviewer" sa:due="5WD" />';
const END = '<bpmn:endEvent id="End" name="结束" sa:outcome="confirmed" />';
const flow = (id: string, from: string, to: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

describe('lintWithBpmnlint', () => {
  it('covers every rule of bpmnlint recommended, each with our severity', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const recommended = require('bpmnlint/config/recommended') as { rules: Record<string, string> };
    expect(Object.keys(BPMNLINT_RULES).sort()).toEqual(Object.keys(recommended.rules).sort());
  });

  it('passes every model in processes/ with no errors', async () => {
    const files = fs.readdirSync(PROCESSES).filter((f) => f.endsWith('.bpmn'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const { errors } = await lint(fs.readFileSync(path.join(PROCESSES, file), 'utf8'));
      expect({ file, errors }).toEqual({ file, errors: [] });
    }
  });

  it.each([
    [
      'a disconnected element',
      model(
        `${START}${TASK}${END}<bpmn:userTask id="Task_Lost" name="孤立" />${flow('F1', 'Start', 'Task_A')}${flow('F2', 'Task_A', 'End')}`,
      ),
      'Task_Lost',
      /孤立元素.*no-disconnected/,
    ],
    [
      'an implicit split',
      model(
        `${START}${TASK}${END}<bpmn:endEvent id="End2" name="结束2" />${flow('F1', 'Start', 'Task_A')}${flow('F2', 'Task_A', 'End')}${flow('F3', 'Task_A', 'End2')}`,
      ),
      'Task_A',
      /隐式并行分支/,
    ],
    ['an implicit end', model(`${START}${TASK}${END}${flow('F1', 'Start', 'Task_A')}`), 'Task_A', /隐式结束/],
    ['a missing start event', model(`${TASK}${END}${flow('F2', 'Task_A', 'End')}`), 'p', /缺少开始事件/],
  ])('refuses %s, naming the element in zh-CN', async (_label, xml, elementId, message) => {
    const { errors } = await lint(xml);
    const hit = errors.find((e) => e.elementId === elementId);
    expect(hit?.message).toMatch(message);
  });

  it('only warns about a missing label and missing diagram information', async () => {
    const xml = model(
      `${START}<bpmn:userTask id="Task_A" camunda:candidateGroups="township_reviewer" sa:due="5WD" />${END}${flow('F1', 'Start', 'Task_A')}${flow('F2', 'Task_A', 'End')}`,
    );
    const { errors, warnings } = await lint(xml);
    expect(errors).toEqual([]);
    expect(
      warnings.find((w) => w.elementId === 'Task_A' && /label-required/.test(w.message))?.message,
    ).toContain('缺少名称');
    expect(warnings.some((w) => /no-bpmndi/.test(w.message))).toBe(true);
  });

  it('lints the good fixture clean', async () => {
    const { errors } = await lint(fs.readFileSync(path.join(FIXTURES, 'good.bpmn'), 'utf8'));
    expect(errors).toEqual([]);
  });
});
