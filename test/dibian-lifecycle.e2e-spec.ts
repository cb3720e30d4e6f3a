import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp, pdfText } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, WORKED_EXAMPLE, apply, drive, freshFamily } from './support/case-driver';

/** 低收入人口认定: the same household data as 低保, no amount, no public notice. */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

/** The worked example with the wife's verified wage: per capita 796 yuan, between 650 and 975. */
const EDGE_HOUSEHOLD = {
  ...WORKED_EXAMPLE,
  members: WORKED_EXAMPLE.members.map((m) =>
    m.relation === 'spouse'
      ? { ...m, workType: 'none', incomes: [{ kind: 'wage', annualFen: 1_800_000, source: '核对中心' }] }
      : m,
  ),
};

const ANSWERS = {
  ...CONFIRM_PATH,
  decision: ['accept', 'recognize'],
  lowIncomeCategory: ['edge'],
  facts:
    '申请人家庭共3人，经核对和入户调查，家庭月人均收入796元，高于农村低保标准650元、低于低收入认定标准975元，财产状况符合规定。',
  reasons: '家庭月人均收入低于低收入认定标准，财产状况符合规定',
  legalBasis: '《最低生活保障审核确认办法》第八条',
};

/** The demo province's (fictional) 认定办法, set in the demo's policy parameters. */
const PROVINCIAL = '《平安省低收入人口认定办法》';
const PROVINCIAL_NUMBER = '平民规〔2025〕3号';

/** Service is recorded on the day it happens: never before the document, never in the future. */
const servedToday = <T extends object>(answers: T) => ({ ...answers, serviceDate: t.clock.today() });

async function documentsOf(caseId: string) {
  const res = await (await t.as('approver')).get(`/api/cases/${caseId}`).expect(200);
  return res.body.documents as { id: string; templateId: string; number: string | null }[];
}
async function textOf(documentId: string): Promise<string> {
  const res = await t.download('approver', `/api/documents/${documentId}/pdf`);
  expect(res.status).toBe(200);
  return pdfText(res.body);
}
const taskNames = async (caseId: string) =>
  (
    await t.query(
      `SELECT t.name FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id WHERE c.id = $1`,
      [caseId],
    )
  ).map((r) => r.name);

describe('低收入人口认定', () => {
  it('recognizes a 低保边缘 household on the assessment and serves the notice', async () => {
    const caseId = await apply(t, { program: 'dibian' });
    const [created] = await t.query(`SELECT case_no, program FROM assistance_case WHERE id = $1`, [caseId]);
    expect(created.case_no).toMatch(/^DSR-\d{4}-\d{6}$/);
    expect(created.program).toBe('dibian');
    await (
      await t.as('investigator')
    )
      .put(`/api/cases/${caseId}/economics`, { household: EDGE_HOUSEHOLD })
      .expect(200);

    await drive(t, caseId, servedToday(ANSWERS));
    const [row] = await t.query(
      `SELECT status, outcome, benefit_amount_fen FROM assistance_case WHERE id = $1`,
      [caseId],
    );
    expect(row).toEqual({ status: 'closed', outcome: 'recognized', benefit_amount_fen: null });
    const names = await taskNames(caseId);
    expect(names).not.toContain('确认测算不符合条件'); // the assessment found it 低保边缘
    expect(names).toContain('县级审核认定');
    expect(
      await t.query(
        `SELECT t.id FROM timer t JOIN assistance_case c ON c.process_instance_id = t.instance_id WHERE c.id = $1`,
        [caseId],
      ),
    ).toHaveLength(0);

    const docs = await documentsOf(caseId);
    // The two start documents share their issue time; their order is not defined.
    expect(
      docs
        .map((d) => d.templateId)
        .slice(0, 2)
        .sort(),
    ).toEqual(['family-declaration', 'low-income-authorization']);
    expect(docs.map((d) => d.templateId).slice(2)).toEqual([
      'acceptance-notice',
      // issued again once every adult member has signed it at the window
      'low-income-authorization',
      'home-visit-record',
      'low-income-review-opinion',
      'low-income-recognition-notice',
      'service-receipt',
    ]);
    const notice = docs.find((d) => d.templateId === 'low-income-recognition-notice')!;
    expect(notice.number).toMatch(/民低收认〔\d{4}〕1号$/);
    const text = await textOf(notice.id);
    expect(text).toContain('王建国');
    expect(text).toContain('认定你家庭为低保边缘家庭');
    expect(text).toContain('认定人数为3人');
    expect(text).toContain('低收入人口（低保边缘家庭）：符合');
    expect(text).toContain('六十日内向平安县人民政府申请行政复议');
    expect(text).toContain('六个月内向平安县人民法院提起行政诉讼');
    // Issue 17 L7: the province's 认定办法 the demo region sets, never a placeholder.
    expect(text).toContain(PROVINCIAL);
    expect(text).toContain(PROVINCIAL_NUMBER);
    expect(text).not.toContain('待设置');
    const acceptance = docs.find((d) => d.templateId === 'acceptance-notice')!;
    const accepted = await textOf(acceptance.id);
    expect(accepted).toContain(PROVINCIAL);
    expect(accepted).not.toContain('待设置');
  });

  it('refuses with a served 不予认定决定书 giving facts, reasons and remedies', async () => {
    const caseId = await apply(t, { program: 'dibian' });
    const refused = {
      ...ANSWERS,
      decision: ['accept', 'refuse'],
      opinion: ['ineligible'],
      facts: '经核对，申请人家庭月人均收入1320元，高于低收入认定标准975元。',
      reasons: '家庭月人均收入高于低收入认定标准',
    };
    await drive(t, caseId, servedToday(refused));
    const [row] = await t.query(`SELECT status, outcome FROM assistance_case WHERE id = $1`, [caseId]);
    expect(row).toEqual({ status: 'closed', outcome: 'refused' });
    const docs = await documentsOf(caseId);
    expect(docs.map((d) => d.templateId).slice(-3)).toEqual([
      'low-income-review-opinion',
      'low-income-refusal-decision',
      'service-receipt',
    ]);
    const decision = docs.find((d) => d.templateId === 'low-income-refusal-decision')!;
    const text = await textOf(decision.id);
    expect(text).toContain('月人均收入1320元');
    expect(text).toContain('家庭月人均收入高于低收入认定标准');
    expect(text).toContain('不予认定');
    expect(text).toContain('六十日内向平安县人民政府申请行政复议');
    expect(text).toContain('六个月内向平安县人民法院提起行政诉讼');
    expect(await textOf(docs[docs.length - 1].id)).toContain(decision.number!);
    // The basis the officer entered (the national article) and the province's 认定办法 beside it.
    expect(text).toContain('《最低生活保障审核确认办法》第八条');
    expect(text).toContain(PROVINCIAL);
    expect(text).not.toContain('待设置');
  });
});

describe('低收入人口认定 where the province’s 认定办法 is not set (issue 17 L7)', () => {
  /** A version of 东关村's own without the instrument leaves it unset there (the county's has it). */
  const VILLAGE = APPLICATION.regionCode;
  const family = (n: number) => ({ ...freshFamily(n), program: 'dibian' });

  async function publish(lowIncomeInstrument: unknown) {
    const admin = await t.as('admin');
    const today = t.clock.today();
    const current = await admin
      .get(`/api/policy-parameters/resolve?regionCode=${VILLAGE}&date=${today}`)
      .expect(200);
    const { lowIncomeInstrument: _was, ...rest } = current.body.parameters;
    await admin
      .post('/api/policy-parameters', {
        regionCode: VILLAGE,
        effectiveFrom: today,
        parameters: { ...rest, ...(lowIncomeInstrument ? { lowIncomeInstrument } : {}) },
        note: lowIncomeInstrument ? '设置本省低收入人口认定办法' : '测试：未设置本省低收入人口认定办法',
      })
      .expect(201);
  }

  /** What the template lint and the model lint say about the province's 认定办法. */
  async function lintFlags() {
    const legal = await t.as('legal');
    const template = await legal.get('/api/templates/low-income-recognition-notice').expect(200);
    const xml = readFileSync(join(__dirname, '../processes/low-income-application.bpmn'), 'utf8');
    const model = await legal.post('/api/processes/lint', { xml }).expect(200);
    return {
      template: (template.body.issues as { message: string }[])
        .map((i) => i.message)
        .filter((m) => m.includes('低收入人口认定办法')),
      model: (model.body.warnings as { message: string }[]).filter((w) =>
        w.message.includes('低收入人口认定办法'),
      ),
    };
  }

  it('refuses to issue any 低收入 document, naming the parameter and what to do', async () => {
    await publish(null);
    const refused = await (await t.as('clerk')).post('/api/cases', { ...APPLICATION, ...family(60) });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INSTRUMENT_UNSET');
    expect(refused.body.message).toContain('本省低收入人口认定办法');
    expect(refused.body.message).toContain('lowIncomeInstrument');
    expect(refused.body.message).toContain('请管理员在“救助政策参数”中设置本省低收入人口认定办法');
    const rows = await t.query(`SELECT id FROM assistance_case WHERE applicant_id_number = $1`, [
      family(60).applicant.idNumber,
    ]);
    expect(rows).toHaveLength(0);
    // The portal will not show an applicant a 授权书 citing nothing either.
    const { applicant, members } = family(60);
    const text = await (
      await t.as('applicant')
    ).post('/api/portal/authorization-text', {
      program: 'dibian',
      regionCode: VILLAGE,
      applicant,
      members,
    });
    expect(text.status).toBe(409);
    expect(text.body.code).toBe('INSTRUMENT_UNSET');
    // The studio's lints say which templates and which model steps need it, naming the parameter.
    expect(await lintFlags()).toEqual({
      template: [
        expect.stringContaining('本省低收入人口认定办法尚未设置（救助政策参数 lowIncomeInstrument）'),
      ],
      model: expect.arrayContaining([
        expect.objectContaining({
          elementId: 'Task_IssueAuthorization',
          severity: 'warning',
          message: expect.stringContaining('lowIncomeInstrument'),
        }),
      ]),
    });
  });

  it('issues complete documents once the parameter is set', async () => {
    await publish({
      title: '平安省低收入人口认定办法',
      documentNumber: '平民规〔2025〕3号',
      articles: '第七条',
    });
    const res = await (await t.as('clerk')).post('/api/cases', { ...APPLICATION, ...family(61) }).expect(201);
    const docs = await documentsOf(res.body.id);
    const authorization = docs.find((d) => d.templateId === 'low-income-authorization')!;
    const text = await textOf(authorization.id);
    expect(text).toContain(PROVINCIAL);
    expect(text).toContain('第七条');
    expect(text).not.toContain('待设置');
    expect(await lintFlags()).toEqual({ template: [], model: [] });
  });
});
