import { TestApp } from './support/test-app';
import { APPLICATION, apply } from './support/case-driver';

/**
 * Issue 18 (forms): fields a model shows only under a condition are required exactly when shown,
 * on the server too; staff pickers offer the accounts holding the duty where the case is.
 */
let t: TestApp;
let caseId: string;

beforeAll(async () => {
  // Reads none of the documents its steps issue: they render when read (TestAppOptions).
  t = await TestApp.start({ documents: 'on-read' });
  caseId = await apply(t);
});
afterAll(async () => {
  await t?.stop();
});

async function acceptanceTask(): Promise<{ taskId: string }> {
  const res = await (await t.as('clerk')).get('/api/tasks').expect(200);
  return res.body.find((x: { caseId: string }) => x.caseId === caseId);
}

describe('conditionally required fields (sa showIf) are validated by the server', () => {
  it.each([
    [{ decision: 'refuse' }, 'data.reasons', '“理由”为必填项'],
    [{ decision: 'supplement' }, 'data.missingMaterials', '“需补正的材料”为必填项'],
  ])('%j is refused, naming the shown field', async (data, field, message) => {
    const task = await acceptanceTask();
    const res = await (await t.as('clerk')).post(`/api/tasks/${task.taskId}/complete`, { data }).expect(400);
    expect(res.body.details).toEqual([{ field, message }]);
  });

  it('a hidden field is not required, and a value sent for it is refused (400 naming it), not recorded', async () => {
    const task = await acceptanceTask();
    const clerk = await t.as('clerk');
    const res = await clerk
      .post(`/api/tasks/${task.taskId}/complete`, {
        data: { decision: 'accept', missingMaterials: ['户口簿复印件', '残疾证'] },
      })
      .expect(400);
    expect(res.body.details).toEqual([
      {
        field: 'data.missingMaterials',
        message: '“需补正的材料”不适用于本次的选择，不能填写，请清空后再提交',
      },
    ]);
    const audit = await t.query(
      `SELECT 1 FROM audit_entry WHERE action = 'task.complete' AND detail->>'taskId' = $1`,
      [task.taskId],
    );
    expect(audit).toEqual([]);
    await clerk
      .post(`/api/tasks/${task.taskId}/complete`, { data: { decision: 'accept', missingMaterials: [] } })
      .expect(200);
    const [{ data }] = await t.query(`SELECT data FROM task WHERE id = $1`, [task.taskId]);
    expect(data).toEqual({ decision: 'accept' });
  });
});

describe('staff picker', () => {
  it('offers the accounts holding the duty whose jurisdiction covers the case, and no others', async () => {
    const res = await (await t.as('clerk')).get(`/api/cases/${caseId}/staff?duty=investigator`).expect(200);
    const names = res.body.map((s: { name: string }) => s.name);
    expect(names).toContain('赵调查');
    // 褚兼办 investigates in 河西乡, not in the case's 城关镇; 钱审核 reviews, does not investigate.
    expect(names).not.toContain('褚兼办');
    expect(names).not.toContain('钱审核');
    for (const s of res.body) expect('410799100201'.startsWith(s.regionCode)).toBe(true);
  });

  it('offers the holders of several duties, e.g. the village assistant who goes along', async () => {
    const res = await (
      await t.as('investigator')
    )
      .get(`/api/cases/${caseId}/staff?duty=investigator,village_assistant`)
      .expect(200);
    const names = res.body.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(['赵调查', '冯协理']));
    expect(names).not.toContain('褚兼办');
  });

  it('names an unknown duty, and shows nothing to staff of another township', async () => {
    const bad = await (await t.as('clerk')).get(`/api/cases/${caseId}/staff?duty=wizard`).expect(400);
    expect(bad.body.message).toContain('wizard');
    const other = await (await t.as('hexi_clerk')).get(`/api/cases/${caseId}/staff?duty=investigator`);
    expect([403, 404]).toContain(other.status);
  });
});

describe('full resident ID for the duties that check identity, audited with the reason', () => {
  it.each([
    ['clerk', '受理时核对申请人及家庭成员身份证件'],
    ['investigator', '入户调查时核对家庭成员身份证件'],
  ])('%s reads the full numbers, and the read is on the audit trail', async (user, reason) => {
    const res = await (await t.as(user)).get(`/api/cases/${caseId}/identity`).expect(200);
    expect(res.body.reason).toBe(reason);
    expect(res.body.applicantIdNumber).toBe(APPLICATION.applicant.idNumber);
    expect(res.body.household.map((m: { idNumber: string }) => m.idNumber)).toEqual(
      APPLICATION.members.map((m) => m.idNumber),
    );
    const audit = await t.query<{ detail: { reason: string }; actor: string }>(
      `SELECT a.detail, u.username AS actor FROM audit_entry a JOIN app_user u ON u.id = a.actor_id
       WHERE a.action = 'access.case.identity' AND a.case_id = $1 AND u.username = $2`,
      [caseId, user],
    );
    expect(audit.map((a) => a.detail.reason)).toEqual([reason]);
  });

  it.each(['reviewer', 'approver', 'legal', 'auditor'])(
    '%s is refused the full numbers and nothing is read',
    async (user) => {
      const res = await (await t.as(user)).get(`/api/cases/${caseId}/identity`).expect(403);
      expect(res.body.message).toContain('核对身份证件');
    },
  );

  it('a clerk of another township is refused', async () => {
    const res = await (await t.as('hexi_clerk')).get(`/api/cases/${caseId}/identity`);
    expect([403, 404]).toContain(res.status);
    expect(JSON.stringify(res.body)).not.toContain(APPLICATION.applicant.idNumber);
  });
});
