import { AuditService } from '@app/audit';
import { ProcessRuntime, ServiceRegistry, TimerPoller } from '@app/workflow';
import { statements } from './support/statements';
import { TestApp } from './support/test-app';
import { installUnchecked } from './support/unchecked-model';
import { EngineSession } from '../libs/workflow/src/engine-session';

/**
 * Batched timers (issue 19): due timers are claimed and fired in batches, one transaction per
 * batch with a savepoint per timer, so a timer whose step fails becomes an incident without
 * losing the rest of its batch; a fire costs a handful of statements, not a transaction of its own.
 */
let t: TestApp;

const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:sa="http://shehuijiuzhu.gov.cn/schema/bpmn/1.0" id="Defs" targetNamespace="http://example.org"`;
const timerThen = (
  key: string,
  name: string,
  after: string,
  duration = 'PT1H',
) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS}>
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Timer_Wait" />
    <bpmn:intermediateCatchEvent id="Timer_Wait" name="等待一小时">
      <bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    ${after}
  </bpmn:process>
</bpmn:definitions>`;
// The timer opens a user task: one task row per fire shows each fired once.
const TASK_AFTER = `<bpmn:sequenceFlow id="F1" sourceRef="Timer_Wait" targetRef="Task_Check" />
   <bpmn:userTask id="Task_Check" name="复核" camunda:candidateGroups="township_reviewer" />
   <bpmn:sequenceFlow id="F2" sourceRef="Task_Check" targetRef="End" />
   <bpmn:endEvent id="End" />`;
const OK = timerThen('h19-timer-task', '定时后复核', TASK_AFTER);
// Due a second after it is armed: by the time it fires, it is due on the engine's own clock too.
const SECOND = timerThen('h19-timer-second', '一秒后复核', TASK_AFTER, 'PT1S');
// Passed the lint of its day, but no branch holds without `income`: the step fails after the timer.
const FAILS = timerThen(
  'h19-timer-fails',
  '定时后判断',
  `<bpmn:sequenceFlow id="F1" sourceRef="Timer_Wait" targetRef="Gateway_Income" />
   <bpmn:exclusiveGateway id="Gateway_Income" name="收入是否超标" />
   <bpmn:sequenceFlow id="F2" sourceRef="Gateway_Income" targetRef="End_A"><bpmn:conditionExpression>\${income &gt; 100}</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="F3" sourceRef="Gateway_Income" targetRef="End_B"><bpmn:conditionExpression>\${income &lt;= 100}</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:endEvent id="End_A" /><bpmn:endEvent id="End_B" />`,
);
// A service writes to the database, then the step fails after it: the write must not survive.
const WRITES_THEN_FAILS = timerThen(
  'h19-timer-writes-fails',
  '定时后登记再判断',
  `<bpmn:sequenceFlow id="F1" sourceRef="Timer_Wait" targetRef="Service_Mark" />
   <bpmn:serviceTask id="Service_Mark" name="登记" sa:service="h19.mark" />
   <bpmn:sequenceFlow id="F2" sourceRef="Service_Mark" targetRef="Gateway_Income" />
   <bpmn:exclusiveGateway id="Gateway_Income" name="收入是否超标" />
   <bpmn:sequenceFlow id="F3" sourceRef="Gateway_Income" targetRef="End_A"><bpmn:conditionExpression>\${income &gt; 100}</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="F4" sourceRef="Gateway_Income" targetRef="End_B"><bpmn:conditionExpression>\${income &lt;= 100}</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:endEvent id="End_A" /><bpmn:endEvent id="End_B" />`,
);
// A service records an audit entry and the step goes on to its end.
const RECORDS = timerThen(
  'h19-timer-records',
  '定时后记录',
  `<bpmn:sequenceFlow id="F1" sourceRef="Timer_Wait" targetRef="Service_Record" />
   <bpmn:serviceTask id="Service_Record" name="记录" sa:service="h19.record" />
   <bpmn:sequenceFlow id="F2" sourceRef="Service_Record" targetRef="End" />
   <bpmn:endEvent id="End" />`,
);

beforeAll(async () => {
  process.env.TIMER_BATCH_SIZE = '10';
  // The tests poll by hand; a poll loads the engines of timers due within the next five minutes.
  process.env.TIMER_WARM_MS = String(5 * 60_000);
  t = await TestApp.start();
  await installUnchecked(t, OK);
  await installUnchecked(t, FAILS);
  await installUnchecked(t, SECOND);
  await installUnchecked(t, WRITES_THEN_FAILS);
  await installUnchecked(t, RECORDS);
  const audit = t.app.get(AuditService);
  const recordFor = (action: string, instanceId: string, at: Date) =>
    ({ at, actorId: null, action, detail: { instanceId } }) as const;
  t.app.get(ServiceRegistry).register('h19.mark', async (call, step) => {
    await step.em.query(
      `UPDATE process_instance SET business_key = business_key || '-marked' WHERE id = $1`,
      [call.instanceId],
    );
    await audit.record(step.em, recordFor('h19.mark', call.instanceId, step.now));
  });
  t.app.get(ServiceRegistry).register('h19.record', async (call, step) => {
    await audit.record(step.em, recordFor('h19.record', call.instanceId, step.now));
  });
});
afterAll(async () => {
  delete process.env.TIMER_BATCH_SIZE;
  delete process.env.TIMER_WARM_MS;
  await t?.stop();
});

async function start(key: string, businessKey: string): Promise<string> {
  const runtime = t.app.get(ProcessRuntime);
  const { instance } = await runtime.transaction((em) =>
    runtime.start(em, { definitionKey: key, businessKey, variables: {}, actorId: null }),
  );
  return instance.id;
}

/** Starts instances a minute apart, so their timers fall due in this order. */
async function startInOrder(keys: string[], prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, key] of keys.entries()) {
    ids.push(await start(key, `${prefix}-${i}`));
    t.clock.advance(60_000);
  }
  return ids;
}

/** Engines the process holds are dropped: every fire recovers its case from the stored state. */
function coldEngines(): void {
  (t.app.get(ProcessRuntime) as unknown as { hot: Map<string, unknown> }).hot.clear();
}

const transactions = (sql: string[]) => sql.filter((s) => /^(START TRANSACTION|BEGIN)/i.test(s)).length;

describe('a batch of due timers', () => {
  it('fires in one transaction; a failing timer becomes an incident, its writes undone, and the others fire', async () => {
    const keys = Array.from({ length: 10 }, (_, i) =>
      i === 4 ? 'h19-timer-fails' : i === 7 ? 'h19-timer-writes-fails' : 'h19-timer-task',
    );
    const ids = await startInOrder(keys, 'savepoint');
    const [bad, writer] = [ids[4], ids[7]];
    const good = ids.filter((id) => id !== bad && id !== writer);
    coldEngines();

    let handled = 0;
    t.clock.advance(2 * 3_600_000);
    const sql = await statements(t, async () => {
      handled = await t.app.get(ProcessRuntime).fireDueTimers(t.clock.now(), 10);
    });
    expect(handled).toBe(10);
    // One transaction for the batch; the failing timer's incident is written inside it.
    expect(transactions(sql)).toBe(1);
    // Only the fire that wrote at once (its service) took a savepoint; the others' rows are
    // written for the batch after them, and a failing one's are dropped.
    expect(sql.filter((s) => /^SAVEPOINT/i.test(s))).toHaveLength(1);
    expect(sql.filter((s) => /^ROLLBACK TO SAVEPOINT/i.test(s))).toHaveLength(1);
    const [{ business_key }] = await t.query<{ business_key: string }>(
      `SELECT business_key FROM process_instance WHERE id = $1`,
      [writer],
    );
    expect(business_key).toBe('savepoint-7');

    const timers = await t.query<{ instance_id: string; status: string }>(
      `SELECT instance_id, status FROM timer WHERE instance_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(
      timers
        .filter((r) => r.status === 'fired')
        .map((r) => r.instance_id)
        .sort(),
    ).toEqual([...good].sort());
    expect(timers.find((r) => r.instance_id === bad)?.status).toBe('pending');
    expect(timers.find((r) => r.instance_id === writer)?.status).toBe('pending');
    const tasks = await t.query<{ instance_id: string; n: number }>(
      `SELECT instance_id, count(*)::int AS n FROM task WHERE instance_id = ANY($1::uuid[]) GROUP BY instance_id`,
      [ids],
    );
    expect(tasks.map((r) => r.instance_id).sort()).toEqual([...good].sort());
    expect(tasks.every((r) => r.n === 1)).toBe(true);
    const incidents = await t.query<{ instance_id: string; kind: string; element_id: string }>(
      `SELECT instance_id, kind, element_id FROM incident WHERE instance_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(incidents.sort((a, b) => (a.instance_id === bad ? -1 : b.instance_id === bad ? 1 : 0))).toEqual([
      { instance_id: bad, kind: 'timer', element_id: 'Gateway_Income' },
      { instance_id: writer, kind: 'timer', element_id: 'Gateway_Income' },
    ]);
    // The failing cases kept their state from before the timer: nothing of their steps survived.
    const versions = await t.query<{ version: number }>(
      `SELECT version FROM process_instance WHERE id = ANY($1::uuid[])`,
      [[bad, writer]],
    );
    expect(versions.map((v) => v.version)).toEqual([1, 1]);
    const logged = await t.query<{ instance_id: string }>(
      `SELECT DISTINCT instance_id FROM activity_log WHERE instance_id = ANY($1::uuid[]) AND element_id = 'Timer_Wait'`,
      [ids],
    );
    expect(logged.map((r) => r.instance_id).sort()).toEqual([...good].sort());

    // The next poll does not claim it again (it waits for the incident's retry).
    t.clock.advance(3_600_000);
    expect(await t.app.get(TimerPoller).poll(t.clock.now())).toBe(0);
  });

  it('keeps the audit entries of the fires that succeed and drops those of a fire rolled back', async () => {
    await t.app.get(TimerPoller).poll(t.clock.now()); // whatever an earlier test left due
    const ids = await startInOrder(
      ['h19-timer-records', 'h19-timer-writes-fails', 'h19-timer-records'],
      'audit',
    );
    t.clock.advance(2 * 3_600_000);
    expect(await t.app.get(ProcessRuntime).fireDueTimers(t.clock.now(), 10)).toBe(3);
    // Entries are held back to the commit in one statement: the first fire's must still be written
    // before the second fire's savepoint, and the second's dropped with its rollback.
    const entries = await t.query<{ action: string; instance_id: string }>(
      `SELECT action, detail->>'instanceId' AS instance_id FROM audit_entry
        WHERE action IN ('h19.record', 'h19.mark') AND detail->>'instanceId' = ANY($1::text[]) ORDER BY id`,
      [ids],
    );
    expect(entries).toEqual([
      { action: 'h19.record', instance_id: ids[0] },
      { action: 'h19.record', instance_id: ids[2] },
    ]);
  });

  it('costs few statements per fire, from cold engines', async () => {
    const n = 10;
    await t.app.get(TimerPoller).poll(t.clock.now()); // whatever an earlier test left due
    const ids = await startInOrder(
      Array.from({ length: n }, () => 'h19-timer-task'),
      'statements',
    );
    coldEngines();
    // What a poll costs with nothing due (the empty claim, the stalled-case watchdog).
    let idleHandled = -1;
    const idle = await statements(t, async () => {
      idleHandled = await t.app.get(TimerPoller).poll(t.clock.now());
    });
    expect(idleHandled).toBe(0);
    t.clock.advance(2 * 3_600_000);
    let handled = 0;
    const sql = await statements(t, async () => {
      handled = await t.app.get(TimerPoller).poll(t.clock.now());
    });
    expect(handled).toBe(n);
    const [{ fired }] = await t.query<{ fired: number }>(
      `SELECT count(*)::int AS fired FROM timer WHERE status = 'fired' AND instance_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(fired).toBe(n);
    const perFire = (sql.length - idle.length) / n;
    if (process.env.SHOW_SQL) console.log(sql.join('\n'));
    console.log(
      `timer fire: ${perFire.toFixed(1)} statements per fire (${sql.length} for ${n}, ${idle.length} idle)`,
    );
    // The batch writes its fires' states, tasks and paths in one statement each.
    expect(perFire).toBeLessThanOrEqual(1.5);
  });

  it('counts a timer the engine completes while it is recovered as fired, once', async () => {
    const id = await start('h19-timer-second', 'recovered');
    // bpmn-engine reads the real clock: once it has passed the due time, recovering the case
    // completes the timer itself, before the poller asks it to fire.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    coldEngines();
    t.clock.advance(60_000);
    expect(await t.app.get(TimerPoller).poll(t.clock.now())).toBe(1);
    const [timer] = await t.query<{ status: string }>(`SELECT status FROM timer WHERE instance_id = $1`, [
      id,
    ]);
    expect(timer.status).toBe('fired');
    const [{ ends }] = await t.query<{ ends: number }>(
      `SELECT count(*)::int AS ends FROM activity_log WHERE instance_id = $1 AND element_id = 'Timer_Wait' AND event = 'end'`,
      [id],
    );
    expect(ends).toBe(1);
    const [{ tasks }] = await t.query<{ tasks: number }>(
      `SELECT count(*)::int AS tasks FROM task WHERE instance_id = $1 AND status = 'open'`,
      [id],
    );
    expect(tasks).toBe(1);
  });

  it('loads the engines of cases whose timers fall due before the next poll, so their fire recovers none', async () => {
    const ids = await startInOrder(['h19-timer-task', 'h19-timer-task', 'h19-timer-task'], 'warm');
    coldEngines();
    const recover = jest.spyOn(EngineSession, 'recover');
    try {
      // 56 minutes on: nothing is due, the three timers fall due within the next five minutes.
      t.clock.advance(56 * 60_000);
      expect(await t.app.get(TimerPoller).poll(t.clock.now())).toBe(0);
      expect(recover).toHaveBeenCalledTimes(3);
      recover.mockClear();
      t.clock.advance(5 * 60_000);
      expect(await t.app.get(TimerPoller).poll(t.clock.now())).toBe(3);
      expect(recover).not.toHaveBeenCalled();
    } finally {
      recover.mockRestore();
    }
    const [{ fired }] = await t.query<{ fired: number }>(
      `SELECT count(*)::int AS fired FROM timer WHERE status = 'fired' AND instance_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(fired).toBe(3);
  });
});
