import { ProcessRuntime, TimerPoller } from '@app/workflow';
import { statements } from './support/statements';
import { TestApp } from './support/test-app';
import { installUnchecked } from './support/unchecked-model';

/**
 * Batched timers (issue 19): due timers are claimed and fired in batches, one transaction per
 * batch with a savepoint per timer, so a timer whose step fails becomes an incident without
 * losing the rest of its batch; a fire costs a handful of statements, not a transaction of its own.
 */
let t: TestApp;

const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs" targetNamespace="http://example.org"`;
const timerThen = (key: string, name: string, after: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS}>
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Timer_Wait" />
    <bpmn:intermediateCatchEvent id="Timer_Wait" name="等待一小时">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    ${after}
  </bpmn:process>
</bpmn:definitions>`;
// The timer opens a user task: one task row per fire shows each fired once.
const OK = timerThen(
  'h19-timer-task',
  '定时后复核',
  `<bpmn:sequenceFlow id="F1" sourceRef="Timer_Wait" targetRef="Task_Check" />
   <bpmn:userTask id="Task_Check" name="复核" camunda:candidateGroups="township_reviewer" />
   <bpmn:sequenceFlow id="F2" sourceRef="Task_Check" targetRef="End" />
   <bpmn:endEvent id="End" />`,
);
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

beforeAll(async () => {
  process.env.TIMER_BATCH_SIZE = '10';
  t = await TestApp.start();
  await installUnchecked(t, OK);
  await installUnchecked(t, FAILS);
});
afterAll(async () => {
  delete process.env.TIMER_BATCH_SIZE;
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
  it('fires in one transaction; one failing timer becomes an incident and the other nine fire', async () => {
    const keys = Array.from({ length: 10 }, (_, i) => (i === 4 ? 'h19-timer-fails' : 'h19-timer-task'));
    const ids = await startInOrder(keys, 'savepoint');
    const bad = ids[4];
    const good = ids.filter((id) => id !== bad);
    coldEngines();

    let handled = 0;
    t.clock.advance(2 * 3_600_000);
    const sql = await statements(t, async () => {
      handled = await t.app.get(ProcessRuntime).fireDueTimers(t.clock.now(), 10);
    });
    expect(handled).toBe(10);
    // One transaction for the batch; the failing timer's incident is written inside it.
    expect(transactions(sql)).toBe(1);
    expect(sql.filter((s) => /^SAVEPOINT/i.test(s))).toHaveLength(10);
    expect(sql.filter((s) => /^ROLLBACK TO SAVEPOINT/i.test(s))).toHaveLength(1);

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
    expect(incidents).toEqual([{ instance_id: bad, kind: 'timer', element_id: 'Gateway_Income' }]);
    // The failing case kept its state from before the timer: nothing of its step survived.
    const [{ version }] = await t.query<{ version: number }>(
      `SELECT version FROM process_instance WHERE id = $1`,
      [bad],
    );
    expect(version).toBe(1);

    // The next poll does not claim it again (it waits for the incident's retry).
    t.clock.advance(3_600_000);
    expect(await t.app.get(TimerPoller).poll(t.clock.now())).toBe(0);
  });

  it('costs few statements per fire, from cold engines', async () => {
    const n = 10;
    const ids = await startInOrder(
      Array.from({ length: n }, () => 'h19-timer-task'),
      'statements',
    );
    coldEngines();
    // What a poll costs with nothing due (the empty claim, the stalled-case watchdog).
    const idle = await statements(t, () => t.app.get(TimerPoller).poll(t.clock.now()));
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
    expect(perFire).toBeLessThanOrEqual(6);
  });
});
