import { TestApp } from './support/test-app';
import { TimerWorker, until } from './support/timer-workers';
import { closeTimerTestApp, startInstances, timerTestApp } from './support/timer-test-app';

/**
 * Durable timers with several API processes on one PostgreSQL database: two separate OS processes
 * poll the same timer table (claimed with FOR UPDATE SKIP LOCKED); every timer fires exactly once,
 * both processes fire some; one is killed mid-way, and after a downtime a restarted process
 * catches up on everything that fell due meanwhile.
 *
 * Runs only with DATABASE_URL: PGlite is an in-process database that a second OS process cannot
 * open, so there is nothing to share between processes without PostgreSQL.
 */
const describeWithPostgres = process.env.DATABASE_URL ? describe : describe.skip;

const DAY = 86_400_000;
const FIRST = 120; // due on day 1
const SECOND = 240; // due on day 3
const KEY = 'h5-tiny-timer';

describeWithPostgres('timers across two OS processes', () => {
  let t: TestApp;
  let env: Record<string, string>;
  const workers: TimerWorker[] = [];
  let first: string[] = [];
  let second: string[] = [];

  const spawnWorker = (name: string, offsetMs: number) => {
    const w = new TimerWorker(name, { ...env, CLOCK_OFFSET_MS: String(offsetMs) });
    workers.push(w);
    return w;
  };

  const pending = async (ids: string[]) =>
    (
      await t.query(
        `SELECT count(*)::int AS n FROM timer WHERE status = 'pending' AND instance_id = ANY($1::uuid[])`,
        [ids],
      )
    )[0].n as number;

  beforeAll(async () => {
    ({ t, env } = await timerTestApp('timer-processes-', [
      'test/fixtures/models/tiny-timer.bpmn',
      'processes/dibao-application.bpmn',
    ]));
    first = await startInstances(t, KEY, FIRST, 'first');
    t.clock.advance(2 * DAY);
    second = await startInstances(t, KEY, SECOND, 'second');
  }, 600_000);

  afterAll(() => closeTimerTestApp(t, workers), 120_000);

  it('fires every timer exactly once across two processes, and catches up after a crash and downtime', async () => {
    expect(await pending(first)).toBe(FIRST);
    expect(await pending(second)).toBe(SECOND);

    // Two API processes; nothing is due on their clocks yet.
    const a = spawnWorker('A', 0);
    const b = spawnWorker('B', 0);
    await Promise.all([a.ready(), b.ready()]);
    expect(a.fired + b.fired).toBe(0);

    // Day 2 on both clocks: the first batch is due and both processes race for it.
    await Promise.all([a.advance(2 * DAY), b.advance(2 * DAY)]);
    await until([a, b], () => a.fired + b.fired >= FIRST, 'first batch fired');
    expect(await pending(first)).toBe(0);
    expect(await pending(second)).toBe(SECOND);
    expect(a.fired).toBeGreaterThan(0);
    expect(b.fired).toBeGreaterThan(0);
    expect(a.fired + b.fired).toBe(FIRST);

    // Day 4 on A only: it starts on the second batch and is killed mid-way (kill -9).
    const aBefore = a.fired;
    await a.advance(2 * DAY);
    await until([a], () => a.fired > aBefore, 'A fired from the second batch');
    await a.kill();
    // B is shut down too: from here no process runs (downtime) while the rest stays due.
    await b.stop();
    const left = await pending(second);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(SECOND);

    // A restarted process catches up on everything that fell due while none was running.
    const c = spawnWorker('A-restarted', 4 * DAY);
    await c.ready();
    await until([c], () => c.fired >= left, 'restarted process caught up');
    expect(await pending(second)).toBe(0);
    await c.stop();

    // Exactly once: one fired timer row, one state step (version 1 → 2), one timer end in the
    // activity log and one opened task per instance.
    const all = [...first, ...second];
    const timers = await t.query(
      `SELECT status, count(*)::int AS n FROM timer WHERE instance_id = ANY($1::uuid[]) GROUP BY status`,
      [all],
    );
    expect(timers).toEqual([{ status: 'fired', n: all.length }]);
    const versions = await t.query(
      `SELECT version, count(*)::int AS n FROM process_instance WHERE id = ANY($1::uuid[]) GROUP BY version`,
      [all],
    );
    expect(versions).toEqual([{ version: 2, n: all.length }]);
    const ends = await t.query(
      `SELECT instance_id, count(*)::int AS n FROM activity_log
        WHERE instance_id = ANY($1::uuid[]) AND element_id = 'Timer_Wait' AND event = 'end'
        GROUP BY instance_id HAVING count(*) <> 1`,
      [all],
    );
    expect(ends).toEqual([]);
    const [{ n: withTask }] = await t.query(
      `SELECT count(DISTINCT instance_id)::int AS n FROM task
        WHERE instance_id = ANY($1::uuid[]) AND element_id = 'Task_Check' AND status = 'open'`,
      [all],
    );
    const [{ n: tasks }] = await t.query(
      `SELECT count(*)::int AS n FROM task WHERE instance_id = ANY($1::uuid[])`,
      [all],
    );
    expect(withTask).toBe(all.length);
    expect(tasks).toBe(all.length);
  }, 900_000); // three cold boots of the API under ts-node take about a minute each on a busy machine
});
