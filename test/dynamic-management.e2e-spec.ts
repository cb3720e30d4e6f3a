/**
 * 动态管理 over HTTP: the grant recorded when a 低保 case is confirmed, a periodic review cohort,
 * reviews that decrease, put into 渐退期 and stop the benefit (ledger, case, decision PDFs), and the
 * job-refusal procedure's start form.
 */
import { addMonths, lastDayOfMonth } from '@app/assessment';
import { TestApp, pdfText } from './support/test-app';
import { CONFIRM_PATH, apply, drive, openTasks } from './support/case-driver';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const REVIEW_BASE = {
  investigators: ['赵调查', '冯协理'],
  findings: '入户核查：王建国在县城务工，月工资约2000元；刘秀英慢性病；王小明在校。',
  householdMonthlyIncome: '2000',
  facts: '经入户核查，王建国自2026年10月起在县城务工，家庭月人均收入增加。',
  reasons: '家庭月人均收入增加',
  serviceMethod: ['direct'],
  serviceAddress: '平安县城关镇东关村3组12号',
  recipient: '王建国',
  servers: ['李窗口'],
};
/** Dates are the application clock's today: service may not be recorded before the document exists. */
const answers = (decision: string, extra: Record<string, unknown> = {}) => ({
  ...REVIEW_BASE,
  visitDate: t.clock.today(),
  serviceDate: t.clock.today(),
  proposal: [decision],
  reviewDecision: [decision],
  ...extra,
});

async function ledger(caseId: string) {
  return t.query<{
    action: string;
    amount_fen: number | null;
    effective_month: string;
    gradual_exit_until: string | null;
    source_case_id: string;
    document_id: string | null;
  }>(
    `SELECT action, amount_fen, effective_month, gradual_exit_until, source_case_id, document_id
     FROM benefit_change WHERE case_id = $1 ORDER BY created_at, id`,
    [caseId],
  );
}
async function caseRow(caseId: string) {
  const [row] = await t.query(
    `SELECT benefit_amount_fen, benefit_status, review_category, to_char(next_review_date, 'YYYY-MM-DD') AS next_review_date
     FROM assistance_case WHERE id = $1`,
    [caseId],
  );
  return row;
}
async function documentText(caseId: string, templateId: string): Promise<string> {
  const detail = await (await t.as('approver')).get(`/api/cases/${caseId}`).expect(200);
  const doc = detail.body.documents.find((d: { templateId: string }) => d.templateId === templateId);
  expect(doc).toBeDefined();
  const res = await t.download('approver', `/api/documents/${doc.id}/pdf`);
  expect(res.status).toBe(200);
  return pdfText(res.body);
}
async function startProcedure(caseId: string, processKey: string, data: Record<string, unknown>) {
  return (await t.as('reviewer')).post(`/api/cases/${caseId}/procedures`, { processKey, data });
}

describe('动态管理 of a confirmed 低保 household', () => {
  let caseId: string;
  const nextMonth = () => addMonths(t.clock.today().slice(0, 7), 1);

  it('records the grant when the case is confirmed and schedules the first review', async () => {
    caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH);
    await t.advanceDays(8);
    await drive(t, caseId, { ...CONFIRM_PATH, serviceDate: t.clock.today() });
    const [{ outcome, benefit_start_month }] = await t.query<{
      outcome: string;
      benefit_start_month: string;
    }>(`SELECT outcome, benefit_start_month FROM assistance_case WHERE id = $1`, [caseId]);
    expect(outcome).toBe('confirmed');
    const rows = await ledger(caseId);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'grant',
        amount_fen: 56200,
        effective_month: benefit_start_month,
        gradual_exit_until: null,
        source_case_id: caseId,
      }),
    ]);
    expect(rows[0].document_id).not.toBeNull();
    // No verified economics were recorded: the household is reviewed every six months.
    expect(await caseRow(caseId)).toEqual({
      benefit_amount_fen: 56200,
      benefit_status: 'active',
      review_category: 'unstable',
      next_review_date: `${addMonths(benefit_start_month, 6)}-01`,
    });
    const res = await (await t.as('approver')).get(`/api/benefits/${caseId}`).expect(200);
    expect(res.body).toMatchObject({
      benefitStatus: 'active',
      benefitAmountFen: 56200,
      changes: [{ action: 'grant' }],
    });
  });

  let cohortId: string;
  let reviewCaseId: string;
  it('generates the periodic review cohort once per region and month, with a review procedure per member', async () => {
    const due = (await caseRow(caseId)).next_review_date as string;
    const reviewer = await t.as('reviewer');
    const before = await reviewer.post('/api/review-cohorts', {
      regionCode: '410799100',
      period: addMonths(due.slice(0, 7), -1),
    });
    expect(before.status).toBe(201);
    expect(before.body.members).toEqual([]);

    const first = await reviewer.post('/api/review-cohorts', {
      regionCode: '410799100',
      period: due.slice(0, 7),
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      created: true,
      summary: { total: 1, unstable: 1, stable: 0, closed: 0 },
      members: [{ caseId, reviewCategory: 'unstable', dueDate: due, progress: 'open' }],
    });
    cohortId = first.body.id;
    reviewCaseId = first.body.members[0].procedureCaseId;
    expect(first.body.members[0].procedureCaseNo).toMatch(/^DBHC-\d{4}-\d{6}$/);

    const again = await reviewer.post('/api/review-cohorts', {
      regionCode: '410799100',
      period: due.slice(0, 7),
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, id: cohortId });
    expect(again.body.members).toHaveLength(1);

    const list = await reviewer.get('/api/review-cohorts').expect(200);
    expect(list.body.map((c: { id: string }) => c.id)).toContain(cohortId);
    const [child] = await t.query(`SELECT parent_case_id, kind FROM assistance_case WHERE id = $1`, [
      reviewCaseId,
    ]);
    expect(child).toEqual({ parent_case_id: caseId, kind: 'procedure' });
  });

  it('refuses a cohort outside the user’s region, a bad month, and other roles', async () => {
    const reviewer = await t.as('reviewer');
    const outside = await reviewer.post('/api/review-cohorts', {
      regionCode: '410799200',
      period: '2027-05',
    });
    expect(outside.status).toBe(400);
    expect(outside.body.details).toEqual([{ field: 'regionCode', message: '不在您的管辖范围内' }]);
    const badMonth = await reviewer.post('/api/review-cohorts', {
      regionCode: '410799100',
      period: '2027-13',
    });
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.details[0].field).toBe('period');
    const clerk = await (
      await t.as('clerk')
    ).post('/api/review-cohorts', { regionCode: '410799100', period: '2027-05' });
    expect(clerk.status).toBe(403);
  });

  it('decreases the benefit: refuses an amount that is not lower, then records ledger, case and decision', async () => {
    await drive(t, reviewCaseId, answers('decrease', { newAmount: '300' }), /县级核查决定/);
    const [task] = await openTasks(t, reviewCaseId);
    expect(task.name).toBe('县级核查决定');
    const approver = await t.as('approver');
    const tooHigh = await approver.post(`/api/tasks/${task.id}/complete`, {
      data: {
        reviewDecision: 'decrease',
        newAmount: '600',
        facts: REVIEW_BASE.facts,
        reasons: REVIEW_BASE.reasons,
      },
    });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.details).toEqual([
      { field: 'data.newAmount', message: '减发后的金额应低于现保障金额 562.00 元' },
    ]);

    await drive(t, reviewCaseId, answers('decrease', { newAmount: '300' }));
    const [row] = await t.query(`SELECT status, outcome FROM assistance_case WHERE id = $1`, [reviewCaseId]);
    expect(row).toEqual({ status: 'closed', outcome: 'decreased' });
    expect((await ledger(caseId)).at(-1)).toMatchObject({
      action: 'decrease',
      amount_fen: 30000,
      effective_month: nextMonth(),
      source_case_id: reviewCaseId,
    });
    expect(await caseRow(caseId)).toMatchObject({ benefit_amount_fen: 30000, benefit_status: 'active' });

    const text = await documentText(reviewCaseId, 'benefit-decrease-decision');
    expect(text).toContain('减发最低生活保障金决定书');
    expect(text).toContain('由562.00元调整为300.00元');
    expect(text).toContain('家庭月人均收入增加');
    expect(text).toContain('六十日内向平安县人民政府申请行政复议');
    expect(text).toContain('提起行政诉讼');

    const cohort = await (await t.as('reviewer')).get(`/api/review-cohorts/${cohortId}`).expect(200);
    expect(cohort.body.members[0]).toMatchObject({ progress: 'closed', procedureOutcome: 'decreased' });
    expect(cohort.body.summary.closed).toBe(1);
  });

  it('gives a 渐退期 within the policy maximum and prints its end month', async () => {
    const res = await startProcedure(caseId, 'dibao-review', {
      trigger: 'change-report',
      reportedChange: '王建国在县城务工，收入稳定增加',
    });
    expect(res.status).toBe(201);
    const review = res.body.id as string;
    await drive(t, review, answers('gradual-exit', { gradualExitMonths: 7 }), /县级核查决定/);
    const [task] = await openTasks(t, review);
    const tooLong = await (
      await t.as('approver')
    ).post(`/api/tasks/${task.id}/complete`, {
      data: {
        reviewDecision: 'gradual-exit',
        gradualExitMonths: 7,
        facts: REVIEW_BASE.facts,
        reasons: '就业后收入超过标准',
      },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details).toEqual([
      { field: 'data.gradualExitMonths', message: '渐退期不得超过6个月（当地政策参数）' },
    ]);

    await drive(
      t,
      review,
      answers('gradual-exit', { gradualExitMonths: 3, reasons: '就业后家庭月人均收入已超过当地低保标准' }),
    );
    const until = addMonths(nextMonth(), 2);
    expect((await ledger(caseId)).at(-1)).toMatchObject({
      action: 'gradual_exit',
      amount_fen: 30000,
      effective_month: nextMonth(),
      gradual_exit_until: until,
    });
    expect(await caseRow(caseId)).toMatchObject({
      benefit_status: 'gradual_exit',
      next_review_date: `${addMonths(until, 1)}-01`,
    });
    const text = await documentText(review, 'gradual-exit-notice');
    const [y, m] = until.split('-').map(Number);
    const endDay = Number(lastDayOfMonth(until).slice(8));
    expect(text).toContain(`至${y}年${m}月止`);
    expect(text).toContain(`渐退期于${y}年${m}月${endDay}日届满`);
    expect(text).toContain('3个月的渐退期');
  });

  it('stops the benefit on a change report, with the reasons and the remedy in the decision', async () => {
    const res = await startProcedure(caseId, 'dibao-review', {
      trigger: 'change-report',
      reportedChange: '家庭成员均已稳定就业',
    });
    expect(res.status).toBe(201);
    await drive(t, res.body.id, answers('stop', { reasons: '家庭月人均收入已高于当地最低生活保障标准' }));
    const [row] = await t.query(`SELECT outcome FROM assistance_case WHERE id = $1`, [res.body.id]);
    expect(row.outcome).toBe('stopped');
    expect((await ledger(caseId)).map((r) => r.action)).toEqual([
      'grant',
      'decrease',
      'gradual_exit',
      'stop',
    ]);
    expect(await caseRow(caseId)).toEqual({
      benefit_amount_fen: null,
      benefit_status: 'stopped',
      review_category: 'unstable',
      next_review_date: null,
    });
    const text = await documentText(res.body.id, 'benefit-stop-decision');
    expect(text).toContain('停发你家庭的最低生活保障金');
    expect(text).toContain('家庭月人均收入已高于当地最低生活保障标准');
    expect(text).toContain('六个月内向平安县人民法院提起行政诉讼');
  });

  it('refuses to record a job refusal with fewer than three refusals', async () => {
    const res = await startProcedure(caseId, 'job-refusal', {
      personIdNumber: '410799198103050012',
      refusals: ['2026-10-08 物流公司装卸工', '2026-10-20 保洁员'],
      facts: '45岁，身体健康，失业',
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: 'data.refusals', message: '“拒绝就业记录（每项写明日期和介绍的工作）”至少需要 3 项' },
    ]);
    const notMember = await startProcedure(caseId, 'job-refusal', {
      personIdNumber: '410799199001010011',
      refusals: ['2026-10-08 装卸工', '2026-10-20 保洁员', '2026-11-02 管护员'],
      facts: '45岁，身体健康，失业',
    });
    expect(notMember.status).toBe(400);
    expect(notMember.body.details).toEqual([
      { field: 'data.personIdNumber', message: '应为该低保家庭成员的身份证号码' },
    ]);
  });
});
