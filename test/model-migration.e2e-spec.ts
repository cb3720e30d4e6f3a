import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { answersFor, servedToday } from '../apps/api/src/demo/drive';
import { CONFIRM_PATH, USER_FOR_ROLE, apply, openTasks } from './support/case-driver';
import { TestApp } from './support/test-app';

/**
 * Version migration over HTTP: validate everything first (all problems at once, per case), then move
 * the chosen running cases to the new version; the others stay on theirs.
 */
let t: TestApp;
const V1 = fs.readFileSync(path.join(__dirname, '../processes/dibao-application.bpmn'), 'utf8');
// v2 renames the first step and the gateway after it: a case can only go on if it runs on v2.
const V2 = V1.replace(/Task_AcceptanceReview/g, 'Task_AcceptanceCheck')
  .replace(/Gateway_AcceptanceDecision/g, 'Gateway_AcceptanceChoice')
  .replace('name="受理审查"', 'name="受理审查（新版）"');
// v3 also adds a required field to that step: open tasks cannot take it over.
const V3 = V2.replace(
  '<camunda:formField id="reasons" label="理由" type="text">',
  '<camunda:formField id="checkedBy" label="审查人" type="string"><camunda:validation><camunda:constraint name="required" /></camunda:validation></camunda:formField>\n          <camunda:formField id="reasons" label="理由" type="text">',
);
const KEY = 'dibao-application';

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-processes-'));
  fs.writeFileSync(path.join(dir, 'dibao-application.bpmn'), V1);
  process.env.PROCESSES_DIR = dir;
  t = await TestApp.start();
});
afterAll(async () => {
  delete process.env.PROCESSES_DIR;
  await t?.stop();
});

async function instanceOf(caseId: string) {
  const [row] = await t.query(
    `SELECT i.id, i.version AS state_version, d.version, d.id AS definition_id
       FROM assistance_case c JOIN process_instance i ON i.id = c.process_instance_id
       JOIN process_definition d ON d.id = i.definition_id WHERE c.id = $1`,
    [caseId],
  );
  return row as { id: string; state_version: number; version: number; definition_id: string };
}

async function completeFirstOpen(caseId: string) {
  const [task] = await openTasks(t, caseId);
  const user = await t.as(USER_FOR_ROLE[task.candidateGroups[0]]);
  await user
    .post(`/api/tasks/${task.id}/complete`, {
      data: answersFor(task.form, servedToday(CONFIRM_PATH, t.clock.today())),
    })
    .expect(200);
  return task;
}

async function loggedElements(caseId: string): Promise<string[]> {
  const { id } = await instanceOf(caseId);
  const rows = await t.query<{ element_id: string }>(
    `SELECT element_id FROM activity_log WHERE instance_id = $1 ORDER BY seq`,
    [id],
  );
  return rows.map((r) => r.element_id);
}

describe('process version migration', () => {
  let a: string, b: string, c: string;

  beforeAll(async () => {
    [a, b, c] = [await apply(t), await apply(t), await apply(t)];
    expect(V2).not.toBe(V1);
    expect(V3).not.toBe(V2);
    const legal = await t.as('legal');
    await legal.post('/api/processes', { xml: V2, fileName: 'dibao-application.bpmn' }).expect(201);
    await legal
      .post('/api/processes', { xml: V3, fileName: 'dibao-application.bpmn', effectiveFrom: '2099-01-01' })
      .expect(201);
  });

  it('lists the cases on older versions with the step each waits at', async () => {
    const res = await (await t.as('legal')).get(`/api/processes/${KEY}/migrations`).expect(200);
    expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    const listed = res.body.cases.filter((x: { caseId: string }) => [a, b, c].includes(x.caseId));
    expect(listed).toHaveLength(3);
    for (const x of listed) {
      expect(x.version).toBe(1);
      expect(x.waiting).toContainEqual({
        elementId: 'Task_AcceptanceReview',
        kind: 'task',
        name: '受理审查',
      });
    }
  });

  it('refuses other roles', async () => {
    await (
      await t.as('clerk')
    )
      .post(`/api/processes/${KEY}/migrations`, { toVersion: 2, caseIds: [a], mapping: {} })
      .expect(403);
  });

  it('reports every problem at once, per case, and changes nothing', async () => {
    const legal = await t.as('legal');
    const dry = await legal
      .post(`/api/processes/${KEY}/migrations`, { toVersion: 2, caseIds: [a, b], mapping: {}, dryRun: true })
      .expect(200);
    expect(dry.body.ok).toBe(false);
    for (const x of dry.body.cases) {
      expect(x.problems.map((p: { field: string }) => p.field)).toEqual(['mapping.Task_AcceptanceReview']);
      expect(x.problems[0].message).toContain('用户任务“受理审查”');
      expect(x.migrated).toBe(false);
    }

    const res = await legal.post(`/api/processes/${KEY}/migrations`, {
      toVersion: 3,
      caseIds: [a, b, '00000000-0000-4000-8000-000000000000'],
      mapping: { Task_AcceptanceReview: 'Task_AcceptanceCheck', Task_Nowhere: 'Task_AcceptanceCheck' },
      reason: '测试：一次列出全部问题',
    });
    expect(res.status).toBe(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'caseIds[0].mapping.Task_AcceptanceReview',
        'caseIds[1].mapping.Task_AcceptanceReview',
        'caseIds[0].mapping.Task_Nowhere',
        'caseIds[2]',
      ]),
    );
    const messages = res.body.details.map((d: { message: string }) => d.message).join('\n');
    expect(messages).toContain('新增了必填字段“审查人”（checkedBy）');
    expect(messages).toContain('案件不存在');
    expect((await instanceOf(a)).version).toBe(1);
    expect((await instanceOf(b)).version).toBe(1);
  });

  it('migrates the chosen cases, which then go on along the new model; the others stay', async () => {
    const legal = await t.as('legal');
    const before = await instanceOf(a);
    const body = {
      toVersion: 2,
      caseIds: [a, b],
      mapping: { Task_AcceptanceReview: 'Task_AcceptanceCheck' },
      reason: '第2版调整受理审查环节名称，在办案件随之迁移',
    };
    const dry = await legal.post(`/api/processes/${KEY}/migrations`, { ...body, dryRun: true }).expect(200);
    expect(dry.body.ok).toBe(true);
    expect(dry.body.cases[0].rename).toEqual({ Task_AcceptanceReview: 'Task_AcceptanceCheck' });
    expect((await instanceOf(a)).version).toBe(1);

    const res = await legal.post(`/api/processes/${KEY}/migrations`, body).expect(200);
    expect(res.body.cases.map((x: { migrated: boolean }) => x.migrated)).toEqual([true, true]);

    const after = await instanceOf(a);
    expect(after.version).toBe(2);
    expect(after.state_version).toBe(before.state_version + 1);
    expect((await instanceOf(b)).version).toBe(2);
    expect((await instanceOf(c)).version).toBe(1);

    const [task] = await openTasks(t, a);
    expect(task).toMatchObject({ elementId: 'Task_AcceptanceCheck', name: '受理审查（新版）' });
    const audit = await t.query(
      `SELECT detail FROM audit_entry WHERE action = 'process.migrate' AND case_id = $1`,
      [a],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      rename: body.mapping,
      reason: body.reason,
    });
    const recorded = await t.query<{ reason: string }>(
      `SELECT reason FROM process_migration WHERE to_version = 2`,
    );
    expect(recorded.map((r) => r.reason)).toEqual([body.reason, body.reason]);

    // The migrated case continues on v2's elements; the one left behind on v1's.
    await completeFirstOpen(a);
    await completeFirstOpen(c);
    expect(await loggedElements(a)).toEqual(
      expect.arrayContaining(['Task_AcceptanceCheck', 'Gateway_AcceptanceChoice']),
    );
    expect(await loggedElements(a)).not.toContain('Gateway_AcceptanceDecision');
    expect(await loggedElements(c)).toEqual(
      expect.arrayContaining(['Task_AcceptanceReview', 'Gateway_AcceptanceDecision']),
    );
    expect((await openTasks(t, a)).length).toBeGreaterThan(0);

    // Already on v2: refused with a reason.
    const again = await legal.post(`/api/processes/${KEY}/migrations`, { ...body, dryRun: true }).expect(200);
    expect(again.body.cases[1].problems[0].message).toContain('已在版本 2');
  });
});

describe('migration obeys legal effect', () => {
  // A case applied for on v2, then a day later v4 takes effect.
  let d: string;
  const V4 = V2.replace('name="受理审查（新版）"', 'name="受理审查（第四版）"');
  const LEGAL_BASIS = '《实施细则》第四十条：施行前受理尚未办结的案件适用本细则';

  beforeAll(async () => {
    d = await apply(t);
    expect((await instanceOf(d)).version).toBe(2);
    await t.advanceDays(1);
    const deployed = await (
      await t.as('legal')
    )
      .post('/api/processes', { xml: V4, fileName: 'dibao-application.bpmn' })
      .expect(201);
    expect(deployed.body.version).toBe(4);
  });

  it('needs a reason for each migration', async () => {
    const res = await (
      await t.as('legal')
    )
      .post(`/api/processes/${KEY}/migrations`, {
        toVersion: 4,
        caseIds: [d],
        mapping: {},
        legalBasis: LEGAL_BASIS,
      })
      .expect(400);
    expect(res.body.details).toContainEqual({ field: 'reason', message: '请填写迁移原因（至少 4 个字）' });
    expect((await instanceOf(d)).version).toBe(2);
  });

  it('refuses a version not yet in effect (2099), naming its date', async () => {
    const res = await (
      await t.as('legal')
    )
      .post(`/api/processes/${KEY}/migrations`, {
        toVersion: 3,
        caseIds: [d],
        mapping: {},
        legalBasis: LEGAL_BASIS,
        dryRun: true,
      })
      .expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.cases[0].problems).toContainEqual({
      field: 'toVersion',
      message: '版本 3 自 2099-01-01 起施行，尚未生效，不能把在办案件迁入',
    });
  });

  it('refuses a mapping that moves a case past 入户调查 and 信息核对 it has not done', async () => {
    const res = await (
      await t.as('legal')
    )
      .post(`/api/processes/${KEY}/migrations`, {
        toVersion: 4,
        caseIds: [d],
        mapping: { Task_AcceptanceCheck: 'Task_TownshipReview' },
        reason: '试图跳过调查',
        legalBasis: LEGAL_BASIS,
      })
      .expect(400);
    const messages = res.body.details
      .filter((x: { field: string }) => x.field === 'caseIds[0].mapping.Task_AcceptanceCheck')
      .map((x: { message: string }) => x.message)
      .join('\n');
    expect(messages).toContain(
      '迁移后案件将停在“乡镇初审”，但尚未办理法定环节入户调查（“入户调查”），不能越过',
    );
    expect(messages).toContain('法定环节信息核对');
    expect(messages).toContain('法定环节受理');
    expect((await instanceOf(d)).version).toBe(2);
  });

  it('a version that took effect after the case was applied for needs a recorded legal basis', async () => {
    const body = { toVersion: 4, caseIds: [d], mapping: {}, reason: '第四版调整受理审查环节名称' };
    const refused = await (await t.as('legal')).post(`/api/processes/${KEY}/migrations`, body).expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'caseIds[0].legalBasis' });
    expect(refused.body.details[0].message).toContain('对该案件尚未生效');
    await (
      await t.as('legal')
    )
      .post(`/api/processes/${KEY}/migrations`, { ...body, legalBasis: LEGAL_BASIS })
      .expect(200);
    const [row] = await t.query<{ reason: string; legal_basis: string }>(
      `SELECT reason, legal_basis FROM process_migration WHERE case_id = $1`,
      [d],
    );
    expect(row).toEqual({ reason: body.reason, legal_basis: LEGAL_BASIS });
    const [task] = await openTasks(t, d);
    expect(task.name).toBe('受理审查（第四版）');
  });
});
