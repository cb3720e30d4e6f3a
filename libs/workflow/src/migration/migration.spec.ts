import * as fs from 'node:fs';
import * as path from 'node:path';
import { EngineSession } from '../engine-session';
import { engineModel } from '../engine-model';
import { BpmnElement, parseBpmn } from '@app/process-models';
import { ServiceRegistry, StepContext } from '../service-registry';
import { checkMapping, indexModel, planInstance } from './plan-migration';
import { rewriteState } from './rewrite-state';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/models');
const V1 = fs.readFileSync(path.join(FIXTURES, 'migrate-v1.bpmn'), 'utf8');
const V2 = fs.readFileSync(path.join(FIXTURES, 'migrate-v2.bpmn'), 'utf8');

async function index(xml: string) {
  return indexModel((await parseBpmn(xml)).rootElement as BpmnElement);
}

const step = (now = new Date('2026-11-02T02:00:00Z')): StepContext => ({
  em: null as never,
  actorId: null,
  now,
});
const ids = { instanceId: 'i-1', businessKey: 'b-1' };

describe('planInstance', () => {
  it.each([
    [
      'an explicit mapping of the waiting task and its timer',
      { Task_Check: 'Task_Review' },
      { Task_Check: 'Task_Review', Timer_Overdue: 'Timer_Overdue' },
      [],
    ],
    [
      'an unmapped task the target does not have',
      {},
      { Timer_Overdue: 'Timer_Overdue' },
      ['mapping.Task_Check', 'mapping.Timer_Overdue'],
    ],
    [
      'a mapping to a missing element',
      { Task_Check: 'Task_Gone' },
      { Timer_Overdue: 'Timer_Overdue' },
      ['mapping.Task_Check', 'mapping.Timer_Overdue'],
    ],
    [
      'a mapping to another element type',
      { Task_Check: 'EndEvent_Done' },
      { Timer_Overdue: 'Timer_Overdue' },
      ['mapping.Task_Check', 'mapping.Timer_Overdue'],
    ],
  ])('%s', async (_label, mapping, rename, fields) => {
    const plan = planInstance(
      [
        { elementId: 'Task_Check', kind: 'task' },
        { elementId: 'Timer_Overdue', kind: 'timer' },
      ],
      mapping,
      await index(V1),
      await index(V2),
    );
    expect(plan.rename).toEqual(rename);
    expect(plan.problems.map((p) => p.field)).toEqual(fields);
    for (const p of plan.problems) expect(p.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('names the unmapped element and the boundary timer whose host moved elsewhere', async () => {
    const plan = planInstance(
      [
        { elementId: 'Task_Check', kind: 'task' },
        { elementId: 'Timer_Overdue', kind: 'timer' },
      ],
      {},
      await index(V1),
      await index(V2),
    );
    expect(plan.problems[0].message).toContain('用户任务“审查”');
    expect(plan.problems[0].message).toContain('未映射');
    expect(plan.problems[1].message).toContain('附着');
  });

  it('reports a required field added to a mapped task, and a changed type', async () => {
    const stricter = V2.replace(
      '<camunda:formField id="remark" label="备注" type="text" />',
      '<camunda:formField id="remark" label="备注" type="text"><camunda:validation><camunda:constraint name="required" /></camunda:validation></camunda:formField>',
    ).replace(
      '<camunda:formField id="opinion" label="意见" type="text">',
      '<camunda:formField id="opinion" label="意见" type="long">',
    );
    const plan = planInstance(
      [{ elementId: 'Task_Check', kind: 'task' }],
      { Task_Check: 'Task_Review' },
      await index(V1),
      await index(stricter),
    );
    const messages = plan.problems.map((p) => p.message).join('\n');
    expect(messages).toContain('新增了必填字段“备注”（remark）');
    expect(messages).toContain('“意见”（opinion）类型由 text 改为 long');
  });

  it('checks the mapping itself', async () => {
    const problems = checkMapping(
      { Task_Nope: 'Task_Review', Task_Check: 'Timer_Overdue' },
      [await index(V1)],
      await index(V2),
    );
    expect(problems.map((p) => p.field)).toEqual(['mapping.Task_Nope', 'mapping.Task_Check']);
  });
});

describe('rewriteState', () => {
  it('resumes a v1 instance on v2 at the mapped task and continues on the new flow', async () => {
    const services = new ServiceRegistry();
    const { session } = await EngineSession.start(await engineModel(V1), ids, {}, services, step());
    expect(session.isWaiting('Task_Check')).toBe(true);
    const due = session.timers.list();
    expect(due.map((t) => t.elementId)).toEqual(['Timer_Overdue']);

    const state = await rewriteState(session.getState(), V2, { Task_Check: 'Task_Review' });
    expect(JSON.stringify(state)).not.toContain('"Task_Check"');

    const { session: moved } = await EngineSession.recover(
      state,
      await engineModel(V2),
      ids,
      services,
      step(),
    );
    expect(moved.isWaiting('Task_Review')).toBe(true);
    expect(moved.timers.list().map((t) => t.elementId)).toEqual(['Timer_Overdue']);

    const effects = await moved.signal('Task_Review', { opinion: '同意' }, step());
    // v1 would have ended here; v2 goes on to the new 复核 step.
    expect(effects.ended).toBe(false);
    expect(effects.opened.map((o) => o.elementId)).toEqual(['Task_Approve']);
    expect(moved.timers.list()).toEqual([]);
    const done = await moved.signal('Task_Approve', { opinion: '同意' }, step());
    expect(done.ended).toBe(true);
    expect(done.outcome).toBe('confirmed');
  });

  it('keeps the unmigrated state running on v1 (the original is not modified)', async () => {
    const services = new ServiceRegistry();
    const { session } = await EngineSession.start(await engineModel(V1), ids, {}, services, step());
    const original = session.getState();
    const before = JSON.stringify(original);
    await rewriteState(original, V2, { Task_Check: 'Task_Review' });
    expect(JSON.stringify(original)).toBe(before);
    const { session: again } = await EngineSession.recover(
      original,
      await engineModel(V1),
      ids,
      services,
      step(),
    );
    const effects = await again.signal('Task_Check', { opinion: '同意' }, step());
    expect(effects.ended).toBe(true);
  });
});
