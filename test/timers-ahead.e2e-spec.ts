import { ProcessRuntime, ServiceRegistry, TimerPoller } from '@app/workflow';
import { TestApp } from './support/test-app';
import { bpmnModel, TIMER, timerModels } from './support/timer-models';
import { completeUserTask, persistedCase, startInstance } from './support/timer-test-app';
import { installUnchecked } from './support/unchecked-model';
import { EngineSession } from '../libs/workflow/src/engine-session';

/**
 * Fire ahead, commit at due time (issue 19): the warmer runs a loaded engine's timer fire in memory
 * and holds what it would write; at due time the batch writes it under its row locks only while the
 * instance is still at the version the fire started from (its tasks' due dates counted from the
 * day it commits). Otherwise, and for a fire that must write at once (a service call), the timer
 * fires the ordinary way. Nothing is written before due time.
 */
let t: TestApp;

// A due date in calendar days: a task opened a day later is due a day later.
const CHECK = `<bpmn:userTask id="Task_Check" name="复核" camunda:candidateGroups="township_reviewer" sa:due="7D" />`;
const { timerTask: TIMER_TASK, taskBesideTimer: TASK_BESIDE_TIMER } = timerModels('h19-ahead', CHECK);
// The fire calls a service (its effects are not rows the batch writes): it cannot run ahead.
const TIMER_SERVICE = bpmnModel(
  'h19-ahead-service',
  `<bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Timer_Wait" />
    ${TIMER}
    <bpmn:sequenceFlow id="F1" sourceRef="Timer_Wait" targetRef="Service_Note" />
    <bpmn:serviceTask id="Service_Note" name="登记" sa:service="h19.ahead-note" />
    <bpmn:sequenceFlow id="F2" sourceRef="Service_Note" targetRef="Task_Check" />
    ${CHECK}
    <bpmn:sequenceFlow id="F3" sourceRef="Task_Check" targetRef="End" />
    <bpmn:endEvent id="End" />`,
);

const noted: { instanceId: string; at: Date }[] = [];

beforeAll(async () => {
  process.env.TIMER_BATCH_SIZE = '10';
  process.env.TIMER_WARM_MS = String(5 * 60_000);
  t = await TestApp.start();
  await installUnchecked(t, TIMER_TASK);
  await installUnchecked(t, TASK_BESIDE_TIMER);
  await installUnchecked(t, TIMER_SERVICE);
  t.app.get(ServiceRegistry).register('h19.ahead-note', async (call, step) => {
    noted.push({ instanceId: call.instanceId, at: step.now });
  });
});
afterAll(async () => {
  delete process.env.TIMER_BATCH_SIZE;
  delete process.env.TIMER_WARM_MS;
  await t?.stop();
});

type AheadEntry = { version: number; session?: EngineSession; prepared?: { elementId: string } };
const ahead = () => (t.app.get(ProcessRuntime) as unknown as { ahead: Map<string, AheadEntry> }).ahead;
const dropEngines = () => {
  const maps = t.app.get(ProcessRuntime) as unknown as {
    ahead: Map<string, unknown>;
    hot: Map<string, unknown>;
  };
  maps.ahead.clear();
  maps.hot.clear();
};
const runtime = () => t.app.get(ProcessRuntime);
const poll = () => t.app.get(TimerPoller).poll(t.clock.now());

const start = (key: string, businessKey: string) => startInstance(t, key, businessKey);
const persisted = (id: string) => persistedCase(t, id);

/** Moves the clock past what earlier tests left due and fires it, so each test starts clean. */
async function clean(): Promise<void> {
  t.clock.advance(24 * 3_600_000);
  await poll();
  dropEngines();
}

describe('timer fires run ahead and committed at due time', () => {
  it('writes the prepared fire at due time without running the engine, as a fire run then writes it', async () => {
    await clean();
    const aheadId = await start('h19-ahead-timer', 'ahead-a');
    const coldId = await start('h19-ahead-timer', 'cold-a');
    dropEngines();
    t.clock.advance(56 * 60_000);
    expect(await poll()).toBe(0);
    expect(ahead().get(aheadId)?.prepared?.elementId).toBe('Timer_Wait');
    expect(ahead().get(aheadId)?.session).toBeUndefined();
    // Nothing is written ahead.
    expect(await t.query(`SELECT element_id FROM task WHERE instance_id = $1`, [aheadId])).toEqual([]);
    expect((await persisted(aheadId)).version).toBe(1);
    ahead().delete(coldId);

    const recover = jest.spyOn(EngineSession, 'recover');
    const fireTimer = jest.spyOn(EngineSession.prototype, 'fireTimer');
    let firedAt: Date;
    try {
      t.clock.advance(5 * 60_000);
      firedAt = t.clock.now();
      expect(await poll()).toBe(2);
      // Only the case whose engine was dropped ran the engine.
      expect(recover).toHaveBeenCalledTimes(1);
      expect(fireTimer).toHaveBeenCalledTimes(1);
    } finally {
      recover.mockRestore();
      fireTimer.mockRestore();
    }
    const [fromAhead, fromCold] = [await persisted(aheadId), await persisted(coldId)];
    expect(fromAhead.tasks).toEqual([expect.objectContaining({ element_id: 'Task_Check', status: 'open' })]);
    expect(fromAhead.timers).toEqual([{ element_id: 'Timer_Wait', status: 'fired' }]);
    expect(fromAhead).toEqual(fromCold);
    // Dated when the fire committed, as a fire run then is: the task opened then.
    const [task] = await t.query<{ created_at: Date }>(`SELECT created_at FROM task WHERE instance_id = $1`, [
      aheadId,
    ]);
    const [timer] = await t.query<{ fired_at: Date }>(`SELECT fired_at FROM timer WHERE instance_id = $1`, [
      aheadId,
    ]);
    const times = await t.query<{ at: Date }>(
      `SELECT DISTINCT at FROM activity_log WHERE instance_id = $1 AND seq > 2`,
      [aheadId],
    );
    expect(new Date(task.created_at)).toEqual(firedAt);
    expect(new Date(timer.fired_at)).toEqual(firedAt);
    expect(times.map((r) => new Date(r.at))).toEqual([firedAt]);
    // Its engine is not kept (a prepared fire holds no engine): the next step recovers the state
    // the prepared fire wrote.
    const [check] = await t.query<{ id: string }>(`SELECT id FROM task WHERE instance_id = $1`, [aheadId]);
    const [reviewer] = await t.query<{ id: string }>(`SELECT id FROM app_user ORDER BY username LIMIT 1`);
    const again = jest.spyOn(EngineSession, 'recover');
    try {
      await runtime().transaction(async (em) => {
        const task = await runtime().lockOpenTask(em, check.id);
        await runtime().complete(em, task, { data: {}, actorId: reviewer.id });
      });
      expect(again).toHaveBeenCalledTimes(1);
    } finally {
      again.mockRestore();
    }
    expect((await persisted(aheadId)).status).toBe('completed');
  });

  it('discards the prepared fire when a step in another process moved the case in between', async () => {
    await clean();
    const id = await start('h19-ahead-parallel', 'moved-elsewhere');
    dropEngines();
    t.clock.advance(56 * 60_000);
    expect(await poll()).toBe(0);
    const prepared = ahead().get(id);
    expect(prepared?.prepared).toBeDefined();
    // Another process completes 填报 (a new version); this one still holds the fire it prepared,
    // in which 填报 still waits.
    ahead().delete(id);
    await completeFill(id);
    ahead().set(id, prepared!);

    const recover = jest.spyOn(EngineSession, 'recover');
    try {
      t.clock.advance(5 * 60_000);
      expect(await poll()).toBe(1);
      expect(recover).toHaveBeenCalledTimes(1);
    } finally {
      recover.mockRestore();
    }
    await expectFilledThenFired(id);
  });

  it('drops the prepared fire when a step in this process moves the case', async () => {
    await clean();
    const id = await start('h19-ahead-parallel', 'moved-here');
    dropEngines();
    t.clock.advance(56 * 60_000);
    expect(await poll()).toBe(0);
    expect(ahead().get(id)?.prepared).toBeDefined();
    await completeFill(id);
    expect(ahead().has(id)).toBe(false);
    t.clock.advance(5 * 60_000);
    expect(await poll()).toBe(1);
    await expectFilledThenFired(id);
  });

  it('counts the due dates of its tasks from the day it commits when the day changed since the fire ahead', async () => {
    await clean();
    // Due two minutes after midnight in China; loaded and fired ahead three minutes before it.
    const day = 86_400_000;
    const shanghai = t.clock.now().getTime() + 8 * 3_600_000;
    t.clock.advance(day - (shanghai % day) - 58 * 60_000);
    const aheadId = await start('h19-ahead-timer', 'midnight-ahead');
    const coldId = await start('h19-ahead-timer', 'midnight-cold');
    dropEngines();
    t.clock.advance(57 * 60_000);
    const before = t.clock.today();
    expect(await poll()).toBe(0);
    expect(ahead().get(aheadId)?.prepared).toBeDefined();
    ahead().delete(coldId);
    t.clock.advance(3 * 60_000);
    expect(t.clock.today()).not.toBe(before);
    const recover = jest.spyOn(EngineSession, 'recover');
    try {
      expect(await poll()).toBe(2);
      // The prepared fire was still written: only the case whose engine was dropped recovered it.
      expect(recover).toHaveBeenCalledTimes(1);
    } finally {
      recover.mockRestore();
    }
    const [fromAhead, fromCold] = [await persisted(aheadId), await persisted(coldId)];
    // 复核 is due seven days from the day it opened, the new one.
    expect(fromAhead.tasks).toEqual([expect.objectContaining({ element_id: 'Task_Check', status: 'open' })]);
    expect(fromAhead).toEqual(fromCold);
  });

  it('does not run ahead a fire that calls a service: it fires at due time and calls the service once', async () => {
    await clean();
    noted.length = 0;
    const ids = [
      await start('h19-ahead-service', 'service-0'),
      await start('h19-ahead-service', 'service-1'),
    ];
    dropEngines();
    t.clock.advance(56 * 60_000);
    expect(await poll()).toBe(0);
    // The first fire ahead stopped at the service; the other engine is only loaded.
    expect(noted).toEqual([]);
    expect(ids.some((id) => ahead().get(id)?.prepared)).toBe(false);
    t.clock.advance(5 * 60_000);
    const dueAt = t.clock.now();
    expect(await poll()).toBe(2);
    expect(noted.map((n) => n.instanceId).sort()).toEqual([...ids].sort());
    expect(noted.every((n) => +n.at === +dueAt)).toBe(true);
    for (const id of ids) {
      const after = await persisted(id);
      expect(after.tasks).toEqual([expect.objectContaining({ element_id: 'Task_Check', status: 'open' })]);
      expect(after.timers).toEqual([{ element_id: 'Timer_Wait', status: 'fired' }]);
    }
  });
});

const completeFill = (id: string) => completeUserTask(t, id, 'Task_Fill');

/** 填报 done once, the timer fired once and opened 复核 once, on top of the user's step. */
async function expectFilledThenFired(id: string): Promise<void> {
  const after = await persisted(id);
  expect(after.tasks).toEqual([
    expect.objectContaining({ element_id: 'Task_Check', status: 'open' }),
    expect.objectContaining({ element_id: 'Task_Fill', status: 'completed' }),
  ]);
  expect(after.timers).toEqual([{ element_id: 'Timer_Wait', status: 'fired' }]);
  const ends = (element: string) =>
    after.path.filter(
      (p) => (p as { element_id: string }).element_id === element && (p as { event: string }).event === 'end',
    ).length;
  expect(ends('Task_Fill')).toBe(1);
  expect(ends('Timer_Wait')).toBe(1);
  expect(after.version).toBe(3);
}
