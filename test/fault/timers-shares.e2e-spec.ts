import { setTimeout as sleep } from 'node:timers/promises';
import { ProcessRuntime } from '@app/workflow';
import { TestApp } from '../support/test-app';
import { TimerWorker, until } from '../support/timer-workers';
import { closeTimerTestApp, timerTestApp } from '../support/timer-test-app';

/**
 * Two timer pollers share the instances out (issue 19): each loads ahead only the engines of its own
 * share, so between them every engine is loaded once. One is killed (`kill -9`) holding a claimed
 * batch it fired part of; the survivor, seeing the dead one's slot gone, loads the dead one's share
 * too and fires every timer exactly once, all from engines it loaded.
 *
 * Runs only with DATABASE_URL: two OS processes cannot share a PGlite database.
 */
const describeWithPostgres = process.env.DATABASE_URL ? describe : describe.skip;

const DAY = 86_400_000;
const TOTAL = 40;
const BATCH = 10;
const KEY = 'h5-tiny-timer';

describeWithPostgres('timer pollers sharing the instances', () => {
  let t: TestApp;
  let env: Record<string, string>;
  const workers: TimerWorker[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    ({ t, env } = await timerTestApp('timer-shares-', ['test/fixtures/models/tiny-timer.bpmn'], {
      TIMER_BATCH_SIZE: String(BATCH),
      // The timers fall due in a day: the look-ahead window covers them from the start.
      TIMER_WARM_MS: String(2 * DAY),
    }));
  }, 600_000);

  afterAll(() => closeTimerTestApp(t, workers), 120_000);

  /** Pollers holding a slot in this schema (the advisory locks TimerShares takes). */
  const pollers = async () =>
    (
      await t.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND objsubid = 2
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND classid = hashtext('timer-poller:' || current_schema())::oid`,
      )
    )[0].n;

  // Waits on the database, which sends no events; bounded by the test's timeout.
  const eventually = async (condition: () => Promise<boolean>) => {
    while (!(await condition())) await sleep(50);
  };

  it('loads each engine once between two pollers, and the survivor of a kill -9 fires all exactly once', async () => {
    const a = new TimerWorker('A', env);
    const b = new TimerWorker('B', { ...env, HOLD_AFTER_FIRES: '3' });
    workers.push(a, b);
    await Promise.all([a.ready(), b.ready()]);
    // After its first poll each holds a slot.
    await Promise.all([a.next((m) => m.polled === true), b.next((m) => m.polled === true)]);
    expect(await pollers()).toBe(2);

    // All made in one transaction: both pollers see the whole window at once.
    const runtime = t.app.get(ProcessRuntime);
    ids = await runtime.transaction(async (em) => {
      const made: string[] = [];
      for (let i = 0; i < TOTAL; i++) {
        const { instance } = await runtime.start(em, {
          definitionKey: KEY,
          businessKey: `share-${i}`,
          variables: {},
          actorId: null,
        });
        made.push(instance.id);
      }
      return made;
    });
    const halves = (
      await t.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM unnest($1::uuid[]) id
          GROUP BY mod(get_byte(uuid_send(id), 15), 2) ORDER BY 1`,
        [ids],
      )
    ).map((r) => r.n);

    // Each loads its own share: every engine once between the two, none twice.
    await until([a, b], () => a.warmed + b.warmed >= TOTAL, 'both loaded their shares');
    expect([a.warmed, b.warmed].sort((x, y) => x - y)).toEqual(halves.length === 2 ? halves : [0, TOTAL]);
    const aShare = a.warmed;

    // B claims a batch of its share, fires part of it without committing, and is killed.
    await b.advance(2 * DAY);
    await b.next((m) => m.event === 'holding');
    await b.kill();
    await eventually(async () => (await pollers()) === 1);

    // A takes the dead one's share: it loads those engines too, then fires every timer hot.
    await until([a], () => a.warmed >= TOTAL, 'A loaded the dead poller share');
    expect(a.warmed).toBe(TOTAL);
    await a.advance(2 * DAY);
    await until([a], () => a.fired >= TOTAL, 'A fired every timer');
    const report = await a.stop();
    expect(report.fired).toBe(TOTAL);
    expect(report.coldFires).toBe(0);
    expect(report.warmed).toBe(TOTAL);
    expect(aShare).toBeLessThan(TOTAL);

    // Exactly once: one fired timer row, one state step, one timer end and one task per instance.
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
      `SELECT instance_id, count(*)::int AS n FROM activity_log
        WHERE instance_id = ANY($1::uuid[]) AND element_id = 'Timer_Wait' AND event = 'end'
        GROUP BY instance_id HAVING count(*) <> 1`,
      [ids],
    );
    expect(ends).toEqual([]);
    const tasks = await t.query(
      `SELECT i.id, (SELECT count(*)::int FROM task k WHERE k.instance_id = i.id) AS n
         FROM process_instance i WHERE i.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(tasks.filter((r) => r.n !== 1)).toEqual([]);
  }, 900_000);
});
