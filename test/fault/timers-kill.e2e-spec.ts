import { TestApp } from '../support/test-app';
import { TimerWorker, until } from '../support/timer-workers';
import { closeTimerTestApp, startInstances, timerTestApp } from '../support/timer-test-app';

/**
 * Batched timers stay exactly once under `kill -9` (issue 19): process A claims a batch, fires some
 * of it inside the batch's transaction and is killed before it commits; process B fires everything
 * else meanwhile (SKIP LOCKED passes A's locked rows), then A's batch once PostgreSQL has rolled it
 * back. Every timer fires once: no timer lost, none fired twice.
 *
 * Runs only with DATABASE_URL: two OS processes cannot share a PGlite database.
 */
const describeWithPostgres = process.env.DATABASE_URL ? describe : describe.skip;

const DAY = 86_400_000;
const TOTAL = 60;
const BATCH = 20;
const HOLD_AFTER = 5;
const KEY = 'h5-tiny-timer';

describeWithPostgres('a timer batch killed mid-way', () => {
  let t: TestApp;
  let env: Record<string, string>;
  const workers: TimerWorker[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    ({ t, env } = await timerTestApp('timer-kill-', ['test/fixtures/models/tiny-timer.bpmn'], {
      TIMER_BATCH_SIZE: String(BATCH),
    }));
    ids.push(...(await startInstances(t, KEY, TOTAL, 'kill')));
  }, 600_000);

  afterAll(() => closeTimerTestApp(t, workers), 120_000);

  const pending = async () =>
    (
      await t.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM timer WHERE status = 'pending' AND instance_id = ANY($1::uuid[])`,
        [ids],
      )
    )[0].n;

  /** Pending timers no transaction holds locked. */
  const unlocked = () =>
    t.db.transaction(async (em) => {
      const rows: unknown[] = await em.query(
        `SELECT id FROM timer WHERE status = 'pending' AND instance_id = ANY($1::uuid[]) FOR UPDATE SKIP LOCKED`,
        [ids],
      );
      return rows.length;
    });

  it('fires every timer exactly once when a process dies after firing part of its batch', async () => {
    const a = new TimerWorker('A', { ...env, HOLD_AFTER_FIRES: String(HOLD_AFTER) });
    const b = new TimerWorker('B', env);
    workers.push(a, b);
    await Promise.all([a.ready(), b.ready()]);

    // A alone sees the timers due: it claims one batch, fires HOLD_AFTER of it and holds.
    await a.advance(2 * DAY);
    await a.next((m) => m.event === 'holding');
    expect(await pending()).toBe(TOTAL);
    expect(await unlocked()).toBe(TOTAL - BATCH);

    // B fires everything A does not hold, and nothing of A's batch.
    await b.advance(2 * DAY);
    await until([b], () => b.fired >= TOTAL - BATCH, 'B fired the unclaimed timers');
    expect(await pending()).toBe(BATCH);

    // kill -9: A's transaction never commits; PostgreSQL rolls it back and B fires the batch.
    await a.kill();
    await until([b], () => b.fired >= TOTAL, 'B fired the batch A died holding');
    const report = await b.stop();
    expect(report.fired).toBe(TOTAL);
    expect(a.fired).toBe(0);
    expect(await pending()).toBe(0);

    // Exactly once: one fired timer row, one state step, one timer end in the activity log and
    // one opened task per instance.
    const timers = await t.query(
      `SELECT status, count(*)::int AS n FROM timer WHERE instance_id = ANY($1::uuid[]) GROUP BY status`,
      [ids],
    );
    expect(timers).toEqual([{ status: 'fired', n: TOTAL }]);
    const versions = await t.query(
      `SELECT version, count(*)::int AS n FROM process_instance WHERE id = ANY($1::uuid[]) GROUP BY version`,
      [ids],
    );
    expect(versions).toEqual([{ version: 2, n: TOTAL }]);
    const ends = await t.query(
      `SELECT i.id, (SELECT count(*)::int FROM activity_log l
                      WHERE l.instance_id = i.id AND l.element_id = 'Timer_Wait' AND l.event = 'end') AS n
         FROM process_instance i WHERE i.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(ends.filter((r) => r.n !== 1)).toEqual([]);
    const tasks = await t.query(
      `SELECT i.id, (SELECT count(*)::int FROM task k WHERE k.instance_id = i.id) AS n
         FROM process_instance i WHERE i.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(tasks.filter((r) => r.n !== 1)).toEqual([]);
  }, 900_000);
});
