import { ProcessRuntime, TimerPoller } from '@app/workflow';
import { TestApp } from './support/test-app';
import { timerModels } from './support/timer-models';
import { completeUserTask, persistedCase, startInstance } from './support/timer-test-app';
import { installUnchecked } from './support/unchecked-model';
import { EngineSession } from '../libs/workflow/src/engine-session';
import { timerRepository } from '../libs/workflow/src/timer.repository';

/**
 * The engines of cases whose timers fall due soon are kept loaded (issue 19), so that their fire
 * does not recover them from the stored state. A loaded engine is used only while it is the
 * committed version; the engines loaded ahead are bounded (TIMER_WARM_MAX), loaded a chunk at a
 * time (TIMER_WARM_LIMIT) until the look-ahead window is covered, and kept apart from the engines
 * other steps leave (ENGINE_CACHE_SIZE), so that those do not push them out.
 */
let t: TestApp;

const { timerTask: TIMER_TASK, taskBesideTimer: TASK_BESIDE_TIMER } = timerModels('h19-hot');

const CACHE = 3;
const AHEAD = 4;

beforeAll(async () => {
  process.env.TIMER_BATCH_SIZE = '10';
  process.env.TIMER_WARM_MS = String(5 * 60_000);
  process.env.ENGINE_CACHE_SIZE = String(CACHE);
  process.env.TIMER_WARM_MAX = String(AHEAD);
  process.env.TIMER_WARM_LIMIT = '2';
  t = await TestApp.start();
  await installUnchecked(t, TIMER_TASK);
  await installUnchecked(t, TASK_BESIDE_TIMER);
});
afterAll(async () => {
  delete process.env.TIMER_BATCH_SIZE;
  delete process.env.TIMER_WARM_MS;
  delete process.env.ENGINE_CACHE_SIZE;
  delete process.env.TIMER_WARM_MAX;
  delete process.env.TIMER_WARM_LIMIT;
  await t?.stop();
});

type HotEntry = { version: number; session: EngineSession; dueAt?: Date };
const maps = () =>
  t.app.get(ProcessRuntime) as unknown as { hot: Map<string, HotEntry>; ahead: Map<string, HotEntry> };
/** Every loaded engine: those loaded ahead of their timers and those kept after a step. */
const hot = () => {
  const { hot: recent, ahead = new Map<string, HotEntry>() } = maps();
  return {
    has: (id: string) => ahead.has(id) || recent.has(id),
    get: (id: string) => ahead.get(id) ?? recent.get(id),
    delete: (id: string) => [ahead.delete(id), recent.delete(id)].some(Boolean),
    clear: () => [ahead, recent].forEach((m) => m.clear()),
    keys: () => [...ahead.keys(), ...recent.keys()],
    get size() {
      return ahead.size + recent.size;
    },
  };
};
const poll = () => t.app.get(TimerPoller).poll(t.clock.now());

const start = (key: string, businessKey: string) => startInstance(t, key, businessKey);
const persisted = (id: string) => persistedCase(t, id);

describe('engines kept hot for imminent timers', () => {
  it('a fire from a hot engine persists the same case as a fire from the stored state', async () => {
    hot().clear();
    const warmId = await start('h19-hot-timer', 'hot-a');
    const coldId = await start('h19-hot-timer', 'cold-a');
    hot().clear();
    const recover = jest.spyOn(EngineSession, 'recover');
    try {
      t.clock.advance(56 * 60_000);
      expect(await poll()).toBe(0);
      expect(hot().has(warmId)).toBe(true);
      hot().delete(coldId);
      recover.mockClear();
      t.clock.advance(5 * 60_000);
      expect(await poll()).toBe(2);
      // Only the case whose engine was dropped recovered it.
      expect(recover).toHaveBeenCalledTimes(1);
    } finally {
      recover.mockRestore();
    }
    const [fromHot, fromCold] = [await persisted(warmId), await persisted(coldId)];
    expect(fromHot.tasks).toHaveLength(1);
    expect(fromHot.timers).toEqual([{ element_id: 'Timer_Wait', status: 'fired' }]);
    expect(fromHot).toEqual(fromCold);
  });

  it('fires from the stored state when a user step changed the case after its engine was loaded', async () => {
    hot().clear();
    const id = await start('h19-hot-parallel', 'stepped');
    hot().clear();
    t.clock.advance(56 * 60_000);
    expect(await poll()).toBe(0);
    const warmed = hot().get(id);
    expect(warmed).toBeDefined();
    // Another process completes 填报 (its own engine, a new version); this one still holds the
    // engine it loaded, in which 填报 waits.
    hot().delete(id);
    await completeUserTask(t, id, 'Task_Fill');
    maps().ahead.set(id, warmed!);

    t.clock.advance(5 * 60_000);
    expect(await poll()).toBe(1);
    const after = await persisted(id);
    // 填报 stays done, once; the timer fired once and opened 复核 once.
    expect(after.tasks).toEqual([
      expect.objectContaining({ element_id: 'Task_Check', status: 'open' }),
      expect.objectContaining({ element_id: 'Task_Fill', status: 'completed' }),
    ]);
    expect(after.timers).toEqual([{ element_id: 'Timer_Wait', status: 'fired' }]);
    const ends = (element: string) =>
      after.path.filter(
        (p) =>
          (p as { element_id: string; event: string }).element_id === element &&
          (p as { event: string }).event === 'end',
      ).length;
    expect(ends('Task_Fill')).toBe(1);
    expect(ends('Timer_Wait')).toBe(1);
    const fillInState = after.elements.find((e) => e.id === 'Task_Fill')!;
    expect(fillInState.status).toBeNull();
    expect(fillInState.counters.taken).toBe(1);
    const checkInState = after.elements.find((e) => e.id === 'Task_Check')!;
    expect(checkInState.status).not.toBeNull();
    expect(after.version).toBe(3);
  });

  it('keeps at most TIMER_WARM_MAX engines ahead, the most imminent timers first', async () => {
    t.clock.advance(24 * 3_600_000);
    await poll(); // whatever an earlier test left due
    hot().clear();
    const ids: string[] = [];
    for (let i = 0; i < AHEAD + 2; i++) {
      ids.push(await start('h19-hot-timer', `bounded-${i}`));
      t.clock.advance(10_000);
    }
    hot().clear();
    // All fall due within the look-ahead; only AHEAD engines are loaded for them.
    t.clock.advance(56 * 60_000 - (AHEAD + 2) * 10_000);
    expect(await poll()).toBe(0);
    expect(hot().size).toBe(AHEAD);
    expect([...hot().keys()].sort()).toEqual(ids.slice(0, AHEAD).sort());
    t.clock.advance(10 * 60_000);
    expect(await poll()).toBe(AHEAD + 2);
    expect(maps().ahead.size).toBe(0);
    expect(maps().hot.size).toBeLessThanOrEqual(CACHE);
    const [{ fired }] = await t.query<{ fired: number }>(
      `SELECT count(*)::int AS fired FROM timer WHERE status = 'fired' AND instance_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(fired).toBe(AHEAD + 2);
  });

  it('loads a window larger than one chunk in one poll, chunk after chunk, and fires them all hot', async () => {
    t.clock.advance(24 * 3_600_000);
    await poll();
    hot().clear();
    const ids: string[] = [];
    for (let i = 0; i < AHEAD; i++) ids.push(await start('h19-hot-timer', `chunked-${i}`));
    hot().clear();
    // A due time with microseconds (as SQL's now() makes), shared by all: the window's cursor must pass it.
    await t.query(
      `UPDATE timer SET due_at = due_at + interval '1 microsecond' WHERE instance_id = ANY($1::uuid[])`,
      [ids],
    );
    // TIMER_WARM_LIMIT is 2: the poll loads two, looks for due timers, then loads the next two.
    t.clock.advance(56 * 60_000);
    expect(await poll()).toBe(0);
    expect([...hot().keys()].sort()).toEqual([...ids].sort());
    const recover = jest.spyOn(EngineSession, 'recover');
    const states = jest.spyOn(timerRepository, 'states');
    try {
      t.clock.advance(5 * 60_000);
      expect(await poll()).toBe(AHEAD);
      expect(recover).not.toHaveBeenCalled();
      // Hot fires read no engine state: the claim leaves it out and none is read after.
      expect(states.mock.calls.flatMap(([, ids]) => ids)).toEqual([]);
    } finally {
      recover.mockRestore();
      states.mockRestore();
    }
  });

  it("keeps the engines loaded ahead while other cases' steps fill the least-recently-used set", async () => {
    t.clock.advance(24 * 3_600_000);
    await poll();
    hot().clear();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push(await start('h19-hot-timer', `kept-${i}`));
    hot().clear();
    t.clock.advance(56 * 60_000);
    expect(await poll()).toBe(0);
    // More steps of other cases than ENGINE_CACHE_SIZE holds, their timers not yet near.
    for (let i = 0; i < CACHE + 2; i++) await start('h19-hot-parallel', `busy-${i}`);
    expect(ids.every((id) => hot().has(id))).toBe(true);
    const recover = jest.spyOn(EngineSession, 'recover');
    try {
      t.clock.advance(5 * 60_000);
      expect(await poll()).toBe(2);
      expect(recover).not.toHaveBeenCalled();
    } finally {
      recover.mockRestore();
    }
  });
});
