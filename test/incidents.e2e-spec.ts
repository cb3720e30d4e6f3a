import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IncidentService, ProcessRuntime } from '@app/workflow';
import { apply, openTasks } from './support/case-driver';
import { TestApp } from './support/test-app';
import { installUnchecked } from './support/unchecked-model';

/**
 * Incidents (issue 15 §2): a step that fails after deploy answers 409 naming the element and the
 * cause, rolls back, and leaves an incident that survives the rollback; a failing timer becomes an
 * incident instead of blocking the poller; a case that hangs is found by the watchdog. The legal
 * officer lists them, retries after a fix and migration, or resolves with a reason.
 */
let t: TestApp;
const KEY = 'dibao-application';
const V1 = fs.readFileSync(path.join(__dirname, '../processes/dibao-application.bpmn'), 'utf8');
// Passed the lint of its day, but “不予受理” has no branch: the condition names another value.
const BROKEN = V1.replace('${decision == &quot;refuse&quot;}', '${decision == &quot;reject&quot;}');
// The fix: the original conditions again (new bytes, so a new version).
const FIXED = `${V1}\n<!-- 修正：恢复“不予受理”分支 -->\n`;
const REFUSE = { decision: 'refuse', reasons: '申请人户籍不在本乡镇，应向户籍所在地申请' };

const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="http://example.org"`;
const tinyModel = (key: string, name: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS}>
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="Start" />
    ${body}
  </bpmn:process>
</bpmn:definitions>`;
const TIMER_FAILS = tinyModel(
  'h15-timer-fails',
  '定时后判断',
  `<bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Timer_Wait" />
   <bpmn:intermediateCatchEvent id="Timer_Wait" name="等待一小时">
     <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
   </bpmn:intermediateCatchEvent>
   <bpmn:sequenceFlow id="F1" sourceRef="Timer_Wait" targetRef="Gateway_Income" />
   <bpmn:exclusiveGateway id="Gateway_Income" name="收入是否超标" />
   <bpmn:sequenceFlow id="F2" sourceRef="Gateway_Income" targetRef="End_A"><bpmn:conditionExpression>\${income &gt; 100}</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="F3" sourceRef="Gateway_Income" targetRef="End_B"><bpmn:conditionExpression>\${income &lt;= 100}</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:endEvent id="End_A" /><bpmn:endEvent id="End_B" />`,
);
const TIMER_OK = tinyModel(
  'h15-timer-ok',
  '定时结束',
  `<bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Timer_Wait" />
   <bpmn:intermediateCatchEvent id="Timer_Wait" name="等待一小时">
     <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
   </bpmn:intermediateCatchEvent>
   <bpmn:sequenceFlow id="F1" sourceRef="Timer_Wait" targetRef="End" />
   <bpmn:endEvent id="End" />`,
);
const HANGS = tinyModel(
  'h15-hangs',
  '等待回执',
  `<bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Catch_Receipt" />
   <bpmn:intermediateCatchEvent id="Catch_Receipt" name="等待外部回执"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>
   <bpmn:sequenceFlow id="F1" sourceRef="Catch_Receipt" targetRef="End" />
   <bpmn:endEvent id="End" />`,
);

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-processes-'));
  fs.writeFileSync(path.join(dir, 'dibao-application.bpmn'), V1);
  process.env.PROCESSES_DIR = dir;
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  delete process.env.PROCESSES_DIR;
  await t?.stop();
});

async function incidentsOf(instanceOrCase: string) {
  return t.query<{
    id: string;
    kind: string;
    status: string;
    element_id: string;
    element_name: string;
    cause: string;
    occurrences: number;
    definition_version: number;
    case_id: string | null;
  }>(`SELECT * FROM incident WHERE case_id::text = $1 OR instance_id::text = $1 ORDER BY created_at`, [
    instanceOrCase,
  ]);
}

async function startTiny(key: string, businessKey: string): Promise<string> {
  const runtime = t.app.get(ProcessRuntime);
  const { instance } = await runtime.transaction((em) =>
    runtime.start(em, { definitionKey: key, businessKey, variables: {}, actorId: null }),
  );
  return instance.id;
}

describe('a step that fails on real data', () => {
  let caseId: string;
  let taskId: string;
  let incidentId: string;

  beforeAll(async () => {
    expect(BROKEN).not.toBe(V1);
    const broken = await installUnchecked(t, BROKEN);
    expect(broken.version).toBe(2);
    caseId = await apply(t);
    [{ id: taskId }] = await openTasks(t, caseId);
  });

  it('answers 409 naming the step, the gateway and the cause — not a 500 — and rolls the step back', async () => {
    const [{ version: before }] = await t.query<{ version: number }>(
      `SELECT i.version FROM assistance_case c JOIN process_instance i ON i.id = c.process_instance_id WHERE c.id = $1`,
      [caseId],
    );
    const clerk = await t.as('clerk');
    const res = await clerk.post(`/api/tasks/${taskId}/complete`, { data: REFUSE });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('STEP_FAILED');
    expect(res.body.message).toContain('受理审查');
    expect(res.body.message).toContain('受理决定');
    expect(res.body.message).toContain('没有任何一个分支的条件成立');
    expect(res.body.details[0]).toMatchObject({ field: 'Gateway_AcceptanceDecision' });

    // Rolled back: the task is still open, the engine state unchanged, nothing issued.
    const open = await openTasks(t, caseId);
    expect(open.map((x: { id: string }) => x.id)).toEqual([taskId]);
    const [{ version: after }] = await t.query<{ version: number }>(
      `SELECT i.version FROM assistance_case c JOIN process_instance i ON i.id = c.process_instance_id WHERE c.id = $1`,
      [caseId],
    );
    expect(after).toBe(before);
    const audit = await t.query(`SELECT 1 FROM audit_entry WHERE action = 'task.complete' AND case_id = $1`, [
      caseId,
    ]);
    expect(audit).toHaveLength(0);

    // …and the incident survived the rollback.
    const [incident] = await incidentsOf(caseId);
    expect(incident).toMatchObject({
      kind: 'task',
      status: 'open',
      element_id: 'Gateway_AcceptanceDecision',
      element_name: '受理决定',
      definition_version: 2,
      case_id: caseId,
      occurrences: 1,
    });
    incidentId = incident.id;
  });

  it('a second failed submission counts on the same incident', async () => {
    const clerk = await t.as('clerk');
    await clerk.post(`/api/tasks/${taskId}/complete`, { data: REFUSE }).expect(409);
    const rows = await incidentsOf(caseId);
    expect(rows).toHaveLength(1);
    expect(rows[0].occurrences).toBe(2);
  });

  it('the clerk sees the open incident on the case page in plain words', async () => {
    const res = await (await t.as('clerk')).get(`/api/cases/${caseId}`).expect(200);
    expect(res.body.incident).toMatchObject({ id: incidentId, elementName: '受理决定' });
    expect(res.body.incident.message).toContain('本案在“受理决定”环节遇到流程故障');
    expect(res.body.incident.message).toContain('已通知法制人员');
  });

  it('the operations view lists it for the legal officer, filtered by process, version and status', async () => {
    await (await t.as('clerk')).get('/api/incidents').expect(403);
    const legal = await t.as('legal');
    const v2 = await legal.get(`/api/incidents?key=${KEY}&version=2&status=open`).expect(200);
    expect(v2.body.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    const v1 = await legal.get(`/api/incidents?key=${KEY}&version=1`).expect(200);
    expect(v1.body).toEqual([]);
    const resolved = await legal.get(`/api/incidents?key=${KEY}&status=resolved`).expect(200);
    expect(resolved.body).toEqual([]);
    await legal.get('/api/incidents?status=closed').expect(400);

    const detail = await (await t.as('admin')).get(`/api/incidents/${incidentId}`).expect(200);
    expect(detail.body).toMatchObject({
      elementId: 'Gateway_AcceptanceDecision',
      elementName: '受理决定',
      caseId,
      definitionKey: KEY,
      definitionVersion: 2,
      kind: 'task',
      taskId,
    });
    // The diagram of the failing version is there for the element to be highlighted on.
    const model = await legal.get(`/api/processes/${detail.body.definitionId}`).expect(200);
    expect(model.body.source).toContain('id="Gateway_AcceptanceDecision"');
  });

  it('retry before a fix fails again with the cause and stays open', async () => {
    const legal = await t.as('legal');
    const res = await legal.post(`/api/incidents/${incidentId}/retry`).expect(409);
    expect(res.body.message).toContain('受理决定');
    const [row] = await incidentsOf(caseId);
    expect(row).toMatchObject({ status: 'open', occurrences: 3 });
  });

  it('after the model is fixed and the case migrated, retry re-runs the step and resolves the incident', async () => {
    const legal = await t.as('legal');
    await legal.post('/api/processes', { xml: FIXED, fileName: 'dibao-application.bpmn' }).expect(201);
    await legal
      .post(`/api/processes/${KEY}/migrations`, {
        toVersion: 3,
        caseIds: [caseId],
        mapping: {},
        reason: '第2版“不予受理”分支条件写错，迁至修正后的第3版',
      })
      .expect(200);
    const res = await legal.post(`/api/incidents/${incidentId}/retry`).expect(200);
    expect(res.body).toMatchObject({ status: 'resolved' });
    expect(res.body.resolution).toContain('自动解除');

    const open = await openTasks(t, caseId);
    expect(open.map((x: { name: string }) => x.name)).toEqual(['送达不予受理通知书']);
    // The step was the clerk's submission, re-run by the legal officer: both on the record.
    const [audit] = await t.query<{ detail: { submittedBy: string; data: unknown } }>(
      `SELECT detail FROM audit_entry WHERE action = 'incident.retry' AND case_id = $1`,
      [caseId],
    );
    expect(audit.detail.data).toEqual(REFUSE);
    const detail = await (await t.as('clerk')).get(`/api/cases/${caseId}`).expect(200);
    expect(detail.body.incident).toBeNull();
  });
});

describe('a timer whose step fails', () => {
  let bad: string;
  let good: string;

  beforeAll(async () => {
    await installUnchecked(t, TIMER_FAILS);
    await installUnchecked(t, TIMER_OK);
    bad = await startTiny('h15-timer-fails', 'h15-bad');
    good = await startTiny('h15-timer-ok', 'h15-good');
  });

  it('becomes an incident, is not claimed again on every poll, and the other timers still fire', async () => {
    await t.advanceDays(1);
    const [incident] = await incidentsOf(bad);
    expect(incident).toMatchObject({
      kind: 'timer',
      status: 'open',
      element_id: 'Gateway_Income',
      element_name: '收入是否超标',
    });
    expect(incident.cause).toContain('${income > 100}');
    const [{ status }] = await t.query<{ status: string }>(
      `SELECT status FROM process_instance WHERE id = $1`,
      [good],
    );
    expect(status).toBe('completed');

    await t.advanceDays(1);
    const [again] = await incidentsOf(bad);
    expect(again.occurrences).toBe(1);
    const [timer] = await t.query<{ status: string }>(`SELECT status FROM timer WHERE instance_id = $1`, [
      bad,
    ]);
    expect(timer.status).toBe('pending');
  });

  it('resolving needs a reason, and the resolution is audited', async () => {
    const [incident] = await incidentsOf(bad);
    const legal = await t.as('legal');
    await legal.post(`/api/incidents/${incident.id}/retry`).expect(409);
    await legal.post(`/api/incidents/${incident.id}/resolve`, {}).expect(400);
    await legal.post(`/api/incidents/${incident.id}/resolve`, { reason: '  ' }).expect(400);
    const res = await legal
      .post(`/api/incidents/${incident.id}/resolve`, { reason: '测试流程，已人工终止，不再办理' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolution: '测试流程，已人工终止，不再办理' });
    const audit = await t.query<{ detail: { reason: string } }>(
      `SELECT detail FROM audit_entry WHERE action = 'incident.resolve' AND detail->>'incidentId' = $1`,
      [incident.id],
    );
    expect(audit.map((a) => a.detail.reason)).toEqual(['测试流程，已人工终止，不再办理']);
    await legal.post(`/api/incidents/${incident.id}/resolve`, { reason: '再次解除一次' }).expect(409);
  });
});

describe('the watchdog', () => {
  it('records a running case with no task, no timer and no incident as 流程停滞, once', async () => {
    await installUnchecked(t, HANGS);
    const hung = await startTiny('h15-hangs', 'h15-hung');
    expect(await incidentsOf(hung)).toEqual([]);
    const watchdog = t.app.get(IncidentService);
    expect(await watchdog.watch()).toBe(1);
    const [incident] = await incidentsOf(hung);
    expect(incident).toMatchObject({
      kind: 'stalled',
      status: 'open',
      element_id: 'Catch_Receipt',
      element_name: '等待外部回执',
    });
    expect(incident.cause).toContain('流程停滞');
    // Runs on the poller's schedule too, and does not record it twice.
    await t.advanceDays(1);
    expect(await incidentsOf(hung)).toHaveLength(1);
    const legal = await t.as('legal');
    const res = await legal.post(`/api/incidents/${incident.id}/retry`).expect(409);
    expect(res.body.message).toContain('流程停滞');
  });
});
