import { TestApp, pdfText } from './support/test-app';
import { CONFIRM_PATH, apply, drive, openTasks } from './support/case-driver';

/**
 * 行政处罚 for 骗取社会救助 (暂行办法第六十八条) as a procedure on a confirmed 低保 case: the 事先告知书
 * with 陈述、申辩 rights (and 听证 when the fine reaches the region's 较大数额 threshold in force), the
 * hearing when asked, and the 行政处罚决定书 with the contents of 行政处罚法第五十九条, both served.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const START_DATA = {
  facts:
    '经查，你家庭在享受最低生活保障期间，隐瞒配偶刘秀英自2026年1月起在县城超市务工、月工资2800元的收入，骗取最低生活保障金。',
  fraudAmount: '1686',
  periodFrom: '2026-01-01',
  periodTo: '2026-03-31',
};

const PENALTY_PATH = {
  ...CONFIRM_PATH,
  investigators: ['赵调查', '冯协理'],
  investigationFindings: '调取超市工资发放记录和社会保险缴费记录，确认务工收入属实。',
  violationEvidence: '超市工资发放记录、社会保险缴费记录、询问笔录',
  fraudAmount: '1686',
  proposedFine: '1686',
  fineReasons: '当事人系初次违法，且在调查中如实说明情况，拟按骗取款额的一倍处以罚款',
  statementReceived: true,
  statementSummary:
    '当事人称务工为临时性质。经复核，工资记录显示连续三个月稳定发放，申辩理由不成立，不予采纳。',
  hearingRequested: false,
  penaltyDecision: ['impose'],
  fineAmount: '1686',
  paymentMethod: '到平安县民政局指定的代收银行',
  repayDeadline: '2099-01-31',
  stopBenefits: true,
  reasons: '当事人隐瞒家庭成员务工收入，骗取最低生活保障金，事实清楚，证据确凿',
  legalBasis: '《社会救助暂行办法》第六十八条',
};

async function confirmedDibaoCase(): Promise<string> {
  const caseId = await apply(t);
  await drive(t, caseId, CONFIRM_PATH);
  expect(await t.advanceDays(8)).toBeGreaterThanOrEqual(1);
  await drive(t, caseId, CONFIRM_PATH);
  const [row] = await t.query(`SELECT outcome FROM assistance_case WHERE id = $1`, [caseId]);
  expect(row.outcome).toBe('confirmed');
  return caseId;
}

async function start(parentId: string, data: Record<string, unknown> = START_DATA): Promise<string> {
  const approver = await t.as('approver');
  const res = await approver
    .post(`/api/cases/${parentId}/procedures`, { processKey: 'fraud-penalty', data })
    .expect(201);
  expect(res.body.caseNo).toMatch(/^XZCF-\d{4}-\d{6}$/);
  return res.body.id;
}

async function documentsOf(caseId: string) {
  const res = await (await t.as('approver')).get(`/api/cases/${caseId}`).expect(200);
  return res.body.documents as { id: string; templateId: string; number: string | null }[];
}

async function textOf(documentId: string): Promise<string> {
  const res = await t.download('approver', `/api/documents/${documentId}/pdf`);
  expect(res.status).toBe(200);
  // Lines are joined and the page footers dropped: a phrase may wrap onto the next page.
  return pdfText(res.body)
    .replace(/\s+/g, '')
    .replace(/(—\d+—)?验证码：[0-9A-Z-]+查验：\S+?\/verify\/[0-9A-Z-]+(—\d+—)?/g, '');
}

describe('行政处罚 for 骗取社会救助', () => {
  let parentId: string;

  beforeAll(async () => {
    parentId = await confirmedDibaoCase();
  });

  it('refuses a fine outside 1–3× the amount obtained, naming the lawful range', async () => {
    const childId = await start(parentId);
    await expect(drive(t, childId, { ...PENALTY_PATH, proposedFine: '5058.01' })).rejects.toThrow(
      /拟定处罚意见: 400 .*1686\.00元至5058\.00元/,
    );
    // The refusal rolled back: the proposal is still open, no notice was issued.
    expect((await openTasks(t, childId)).map((x: { name: string }) => x.name)).toEqual(['拟定处罚意见']);
    expect(await documentsOf(childId)).toEqual([]);
  });

  it('below 较大数额: 陈述、申辩 only, then a decision with every Art. 59 element, served, benefit stopped', async () => {
    const childId = await start(parentId);
    const done = await drive(t, childId, PENALTY_PATH);
    expect(done).toEqual([
      '调查取证',
      '拟定处罚意见',
      '送达行政处罚事先告知书',
      '陈述申辩和听证申请登记',
      '作出行政处罚决定',
      '送达行政处罚决定书',
    ]);
    const [child] = await t.query(`SELECT status, outcome FROM assistance_case WHERE id = $1`, [childId]);
    expect(child).toEqual({ status: 'closed', outcome: 'penalized' });
    const docs = await documentsOf(childId);
    expect(docs.map((d) => d.templateId)).toEqual([
      'penalty-prior-notice',
      'service-receipt',
      'penalty-decision',
      'service-receipt',
    ]);

    const notice = await textOf(docs[0].id);
    expect(notice).toContain('行政处罚事先告知书');
    expect(notice).toContain('县城超市务工');
    expect(notice).toContain('骗取最低生活保障金共计1686.00元');
    expect(notice).toContain('对你处以罚款1686.00元');
    expect(notice).toContain('第四十四条、第四十五条的规定，你有权进行陈述和申辩');
    expect(notice).not.toContain('听证');
    expect(notice).not.toContain('申请行政复议');

    const decision = await textOf(docs[2].id);
    expect(docs[2].number).toMatch(/民罚决〔\d{4}〕1号$/);
    // The decision names the 告知书 it followed by its 文号 and the day its 送达回证 recorded.
    const [{ receiptDate }] = await t.query(
      `SELECT data->'form'->>'serviceDate' AS "receiptDate" FROM document WHERE id = $1`,
      [docs[1].id],
    );
    const [y, m, d] = String(receiptDate).split('-').map(Number);
    expect(decision.replace(/\s+/g, '')).toContain(
      `本机关于${y}年${m}月${d}日依法向你送达《行政处罚事先告知书》（${docs[0].number}）`,
    );
    expect(decision).toContain('当事人：');
    expect(decision).toContain('住址：');
    expect(decision).toContain(
      '以上事实有下列证据证明：超市工资发放记录、社会保险缴费记录、询问笔录。经核实',
    );
    expect(decision).toContain('申辩理由不成立');
    expect(decision).toContain('根据《社会救助暂行办法》第六十八条的规定，本机关决定');
    expect(decision).toContain('责令你退回骗取的最低生活保障金1686.00元，限于2099年1月31日前退回');
    expect(decision).toContain(
      '对你处以罚款1686.00元，请自收到本决定书之日起十五日内到平安县民政局指定的代收银行缴纳；到期不缴纳的，每日按罚款数额的百分之三加处罚款',
    );
    expect(decision).toContain('停止对你的最低生活保障');
    expect(decision).toContain('六十日内向平安县人民政府申请行政复议');
    // The seal's text may interleave with the last lines in the text layer (drawing it is another item, F6).
    expect(decision).toContain('也可以自收到本决定书之日起六');
    expect(decision).toContain('个月内向平安县人民法院提起行政诉讼');
    expect(decision).toContain('平安县民政局');
    expect(await textOf(docs[3].id)).toContain(docs[2].number!);

    const ledger = await t.query(`SELECT case_id, action FROM benefit_change WHERE source_case_id = $1`, [
      childId,
    ]);
    expect(ledger).toEqual([{ case_id: parentId, action: 'stop' }]);
  });

  it('a 较大数额 fine: the notice gives the hearing right, the hearing is held and recorded in the decision', async () => {
    const childId = await start(parentId, { ...START_DATA, fraudAmount: '3000' });
    await drive(t, childId, {
      ...PENALTY_PATH,
      fraudAmount: '3000',
      proposedFine: '6000',
      fineReasons: '当事人多次虚报，拟按骗取款额的二倍处以罚款',
      hearingRequested: true,
      hearingNoticeDate: t.clock.today(),
      hearingDate: t.clock.today(),
      hearingHost: '县民政局法制审核员王明',
      hearingRecord: '当事人到场陈述意见，未提出新的事实和证据。',
      fineAmount: '6000',
      stopBenefits: false,
    });
    const docs = await documentsOf(childId);
    const notice = await textOf(docs[0].id);
    expect(notice).toContain('本机关拟对你处以较大数额的罚款');
    expect(notice).toContain('第六十三条、第六十四条的规定，你有权要求举行听证');
    expect(notice).toContain('自收到本告知书之日起五日内向本机关提出');
    expect(notice).toContain('举行听证的七日前通知你');
    const decision = await textOf(docs[2].id);
    expect(decision).toContain('陈述、申辩和要求听证的权利');
    expect(decision).toContain('依法举行了听证，由县民政局法制审核员王明主持');
    expect(decision).toContain('对你处以罚款6000.00元');
    expect(decision).not.toContain('停止对你的');
  });

  it('refuses a decided fine higher than the one in the notice', async () => {
    const childId = await start(parentId);
    await expect(drive(t, childId, { ...PENALTY_PATH, fineAmount: '2000' })).rejects.toThrow(
      /作出行政处罚决定: 400 .*不得因当事人陈述、申辩而加重处罚/,
    );
  });

  it("takes 较大数额 from the region's parameters in force on the day: a lower threshold from its effective date gives the hearing right", async () => {
    const admin = await t.as('admin');
    const today = t.clock.today();
    const { body: current } = await admin
      .get(`/api/policy-parameters/resolve?regionCode=410799100201&date=${today}`)
      .expect(200);
    const next = new Date(`${today}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 2);
    await admin
      .post('/api/policy-parameters', {
        regionCode: '410799',
        effectiveFrom: next.toISOString().slice(0, 10),
        parameters: { ...current.parameters, penalty: { largeFineThresholdFen: 100_000 } },
        note: '本省较大数额罚款标准调整为1000元',
      })
      .expect(201);

    const before = await start(parentId);
    await drive(t, before, PENALTY_PATH, /送达行政处罚事先告知书/);
    expect(await textOf((await documentsOf(before))[0].id)).not.toContain('听证');

    await t.advanceDays(3);
    const after = await start(parentId);
    await drive(t, after, PENALTY_PATH, /送达行政处罚事先告知书/);
    expect(await textOf((await documentsOf(after))[0].id)).toContain('你有权要求举行听证');
  });
});
