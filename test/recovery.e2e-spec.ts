import { TestApp, pdfText } from './support/test-app';
import { CONFIRM_PATH, apply, drive, openTasks } from './support/case-driver';

/**
 * 责令退回 (暂行办法 Art. 68) as a procedure on a confirmed 低保 case: prior notice with the right
 * to 陈述、申辩, served; the statement recorded; the county's decision with amount, deadline and
 * remedies, served; benefits stopped in the ledger when the county says so.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const START_DATA = {
  facts: '经查，申请人配偶刘秀英自2026年1月起在县城超市务工，月工资2800元，该户未如实报告收入变化。',
  wronglyPaidAmount: '1686',
  periodFrom: '2026-01-01',
  periodTo: '2026-03-31',
};

const RECOVERY_PATH = {
  ...CONFIRM_PATH,
  investigationFindings: '调取超市工资发放记录和社会保险缴费记录，确认务工收入属实。',
  violationEvidence: '超市工资发放记录、社会保险缴费记录、入户调查笔录',
  wronglyPaidAmount: '1686',
  statementReceived: true,
  statementSummary:
    '申请人于收到告知书后第三日提出申辩，称务工为临时性质。经复核，工资记录显示连续三个月稳定发放，申辩理由不成立，不予采纳。',
  recoveryDecision: ['recover'],
  repayDeadline: '2027-01-31',
  stopBenefits: true,
  reasons: '申请人家庭未如实报告家庭成员务工收入，不符合条件而领取最低生活保障金',
  legalBasis: '《社会救助暂行办法》第六十八条',
};

/** Service is recorded on the day it happens: never before the document, never in the future. */
const servedToday = <T extends object>(answers: T) => ({ ...answers, serviceDate: t.clock.today() });

async function confirmedDibaoCase(): Promise<string> {
  const caseId = await apply(t);
  await drive(t, caseId, servedToday(CONFIRM_PATH));
  expect(await t.advanceDays(8)).toBeGreaterThanOrEqual(1);
  await drive(t, caseId, servedToday(CONFIRM_PATH));
  const [row] = await t.query(`SELECT outcome, benefit_amount_fen FROM assistance_case WHERE id = $1`, [
    caseId,
  ]);
  expect(row).toEqual({ outcome: 'confirmed', benefit_amount_fen: 56200 });
  return caseId;
}

async function documentsOf(caseId: string) {
  const res = await (await t.as('approver')).get(`/api/cases/${caseId}`).expect(200);
  return res.body.documents as { id: string; templateId: string; number: string | null }[];
}

async function textOf(documentId: string): Promise<string> {
  const res = await t.download('approver', `/api/documents/${documentId}/pdf`);
  expect(res.status).toBe(200);
  return pdfText(res.body);
}

describe('责令退回 on a confirmed 低保 case', () => {
  let parentId: string;
  let childId: string;

  it('is offered to the county approver only, and checks its start form', async () => {
    parentId = await confirmedDibaoCase();
    const approver = await t.as('approver');
    const { body } = await approver.get(`/api/cases/${parentId}/procedures`).expect(200);
    const offer = body.available.find((o: { processKey: string }) => o.processKey === 'benefit-recovery');
    expect(offer).toBeDefined();
    expect(offer.startForm.map((f: { id: string }) => f.id)).toEqual([
      'facts',
      'wronglyPaidAmount',
      'periodFrom',
      'periodTo',
    ]);
    const clerk = await t.as('clerk');
    const clerkView = (await clerk.get(`/api/cases/${parentId}/procedures`).expect(200)).body;
    expect(clerkView.available.map((o: { processKey: string }) => o.processKey)).not.toContain(
      'benefit-recovery',
    );
    const byClerk = await clerk.post(`/api/cases/${parentId}/procedures`, {
      processKey: 'benefit-recovery',
      data: START_DATA,
    });
    expect(byClerk.status).toBe(403);

    const missing = await approver.post(`/api/cases/${parentId}/procedures`, {
      processKey: 'benefit-recovery',
      data: { ...START_DATA, wronglyPaidAmount: undefined },
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.details)).toContain('wronglyPaidAmount');
  });

  it('runs notice → service → statement → decision → service and stops the benefit', async () => {
    const approver = await t.as('approver');
    const started = await approver
      .post(`/api/cases/${parentId}/procedures`, { processKey: 'benefit-recovery', data: START_DATA })
      .expect(201);
    childId = started.body.id;
    expect(started.body.caseNo).toMatch(/^ZLTH-\d{4}-\d{6}$/);
    const done = await drive(t, childId, servedToday(RECOVERY_PATH));
    expect(done).toEqual([
      '调查核实违规领取情况',
      '送达责令退回事先告知书',
      '陈述申辩登记',
      '县级作出追回决定',
      '送达责令退回决定书',
    ]);
    expect(await openTasks(t, childId)).toHaveLength(0);
    const [child] = await t.query(
      `SELECT status, outcome, parent_case_id, kind FROM assistance_case WHERE id = $1`,
      [childId],
    );
    expect(child).toEqual({
      status: 'closed',
      outcome: 'recovered',
      parent_case_id: parentId,
      kind: 'procedure',
    });

    const docs = await documentsOf(childId);
    expect(docs.map((d) => d.templateId)).toEqual([
      'recovery-prior-notice',
      'service-receipt',
      'recovery-decision',
      'service-receipt',
    ]);
    const notice = await textOf(docs[0].id);
    expect(notice).toContain('县城超市务工');
    expect(notice).toContain('1686.00元');
    expect(notice).toContain('2026年1月1日至2026年3月31日');
    expect(notice).toContain('五个工作日内');
    expect(notice).toContain('陈述、申辩');
    expect(notice).not.toContain('申请行政复议');

    const decision = await textOf(docs[2].id);
    expect(decision).toContain('1686.00元');
    expect(decision).toContain('2027年1月31日前退回');
    expect(decision).toContain('申辩理由不成立');
    expect(decision).toContain('停止发放');
    expect(decision).toContain('《社会救助暂行办法》第六十八条');
    expect(decision).toContain('六十日内向平安县人民政府申请行政复议');
    expect(decision).toContain('六个月内向平安县人民法院提起行政诉讼');
    expect(docs[2].number).toMatch(/民退决〔\d{4}〕1号$/);
    expect(await textOf(docs[3].id)).toContain(docs[2].number!);

    const ledger = await t.query(`SELECT case_id, action FROM benefit_change WHERE source_case_id = $1`, [
      childId,
    ]);
    expect(ledger).toEqual([{ case_id: parentId, action: 'stop' }]);
  });

  it('ends without a decision or a ledger change when the county does not recover', async () => {
    const approver = await t.as('approver');
    const started = await approver
      .post(`/api/cases/${parentId}/procedures`, { processKey: 'benefit-recovery', data: START_DATA })
      .expect(201);
    await drive(t, started.body.id, {
      ...servedToday(RECOVERY_PATH),
      statementReceived: false,
      recoveryDecision: ['waive'],
      stopBenefits: false,
      reasons: '经核实，务工收入已在上次核查中如实报告，不存在违规领取',
    });
    const [row] = await t.query(`SELECT status FROM assistance_case WHERE id = $1`, [started.body.id]);
    expect(row.status).toBe('closed');
    const docs = await documentsOf(started.body.id);
    expect(docs.map((d) => d.templateId)).toEqual(['recovery-prior-notice', 'service-receipt']);
    expect(
      await t.query(`SELECT id FROM benefit_change WHERE source_case_id = $1`, [started.body.id]),
    ).toHaveLength(0);
  });
});
