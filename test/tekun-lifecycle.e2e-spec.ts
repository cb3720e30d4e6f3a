/**
 * 特困人员认定 and its termination over HTTP: confirmed (care level on the confirmation), refused
 * (remedies on the decision), an objection that sends the case back to a new opinion and a new
 * 公示, the county's seeded ≥30% sampling recomputed from the recorded seed, and the termination
 * procedure on a confirmed case.
 */
import { benefitStartMonth, selectInBlocks, withCheckDigit } from '@app/assistance';
import { TestApp, pdfText } from './support/test-app';
import { APPLICATION, drive, openTasks, workedExampleFor } from './support/case-driver';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

/** An elderly woman living alone: born 1952-04-08 (GB 11643 check digit 2). */
const ELDER = { name: '李桂英', idNumber: '410799195204080022', relation: '本人' };

/** Answers by form field id for every 特困 step; dates are the application clock's today. */
function answers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const today = t.clock.today();
  return {
    decision: ['accept', 'confirm'],
    reasons: '申请人年满六十周岁，无劳动能力、无生活来源，无法定赡养、抚养、扶养义务人。',
    missingMaterials: ['书面声明'],
    suppliedMaterials: ['书面声明'],
    suppliedDate: today,
    investigators: ['赵调查', '冯协理'],
    visitDate: today,
    findings: '申请人独居，年满六十周岁，无劳动能力，无子女，无生活来源。',
    neighbourVisit: '走访邻居张某、李某，反映情况属实。',
    letterEvidence: '村民委员会复函证实申请人无子女。',
    checkFindings: '核对中心反馈：名下无机动车辆、无商品房。',
    democraticReview: false,
    eating: true,
    dressing: true,
    transferring: false,
    toileting: true,
    indoorWalking: false,
    bathing: false,
    assessors: ['赵调查', '刘协理'],
    assessmentDate: today,
    opinion: ['eligible'],
    supportMode: ['dispersed'],
    proposedAmount: '1350',
    objection: false,
    objectionDetails: '村民反映其有一子在外地。',
    recheckFindings: '经核实，所称之子系其侄，不负法定赡养义务。',
    countyInvestigators: ['孙审批', '周核查'],
    countyVisitDate: today,
    countyFindings: '县级入户抽查，情况属实。',
    amount: '1350',
    careAmount: '300',
    facts: '申请人李桂英年满六十周岁，独居，无劳动能力、无生活来源，无法定赡养、抚养、扶养义务人。',
    legalBasis: '《特困人员认定办法》第四条、第十七条',
    serviceMethod: ['direct'],
    serviceDate: today,
    serviceAddress: '平安县城关镇东关村二组6号',
    recipient: ELDER.name,
    servers: ['李窗口', '赵调查'],
    ...overrides,
  };
}

let tekunApplications = 0;

/**
 * The first application is ELDER's; later ones are other elders of the same name and birth date
 * (another resident ID), since a person confirmed for 特困 cannot apply for it again.
 */
async function applyTekun(): Promise<string> {
  const clerk = await t.as('clerk');
  const n = tekunApplications++;
  const elder =
    n === 0
      ? ELDER
      : { ...ELDER, idNumber: withCheckDigit(`41079919520408${String(n * 10 + 2).padStart(3, '0')}`) };
  const res = await clerk.post('/api/cases', {
    ...APPLICATION,
    program: 'tekun',
    applicant: {
      name: elder.name,
      idNumber: elder.idNumber,
      address: '平安县城关镇东关村二组6号',
      phone: '13900000000',
    },
    members: [elder],
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function caseRow(caseId: string) {
  const [row] = await t.query(
    `SELECT case_no, program, status, outcome, benefit_amount_fen, parent_case_id, kind FROM assistance_case WHERE id = $1`,
    [caseId],
  );
  return row;
}

async function documentsOf(caseId: string) {
  const res = await (await t.as('approver')).get(`/api/cases/${caseId}`).expect(200);
  return res.body.documents as { id: string; templateId: string; number: string | null; status: string }[];
}

async function textOf(
  caseId: string,
  templateId: string,
  order: 'reading' | 'content' = 'reading',
): Promise<string> {
  const doc = (await documentsOf(caseId)).filter((d) => d.templateId === templateId).at(-1);
  expect(doc).toBeDefined();
  const res = await t.download('approver', `/api/documents/${doc!.id}/pdf`);
  expect(res.status).toBe(200);
  return pdfText(res.body, order);
}

async function pendingTimers(caseId: string) {
  return t.query(
    `SELECT element_id FROM timer WHERE status = 'pending'
      AND instance_id = (SELECT process_instance_id FROM assistance_case WHERE id = $1)`,
    [caseId],
  );
}

/** Drives to the 7-day 公示 timer, checks it is the only thing waiting, and lets it expire. */
async function throughNotice(caseId: string, values = answers()) {
  await drive(t, caseId, values);
  expect(await openTasks(t, caseId)).toHaveLength(0);
  expect((await pendingTimers(caseId)).map((r) => r.element_id)).toEqual([
    expect.stringMatching(/^Timer_.*NoticePeriod$/),
  ]);
  expect(await t.advanceDays(8)).toBeGreaterThanOrEqual(1);
}

const drawnCases: string[] = [];
let confirmedCaseId: string;

describe('特困人员认定, confirmed', () => {
  it('walks from application to the served confirmation with a TK case number', async () => {
    confirmedCaseId = await applyTekun();
    drawnCases.push(confirmedCaseId);
    expect((await caseRow(confirmedCaseId)).case_no).toMatch(/^TK-\d{4}-\d{6}$/);
    await throughNotice(confirmedCaseId);
    await drive(t, confirmedCaseId, answers());
    expect(await caseRow(confirmedCaseId)).toMatchObject({
      program: 'tekun',
      status: 'closed',
      outcome: 'confirmed',
      benefit_amount_fen: 135000,
    });
    const templates = (await documentsOf(confirmedCaseId)).map((d) => d.templateId);
    expect(templates).toEqual([
      'tekun-application-form',
      'tekun-declaration',
      'tekun-authorization',
      'tekun-acceptance-notice',
      'service-receipt',
      // Signed at the window before the investigation: issued again with the signer and date.
      'tekun-authorization',
      'tekun-investigation-record',
      'selfcare-assessment',
      'tekun-first-instance-opinion',
      'tekun-public-notice',
      'sampling-record',
      'tekun-confirmation-notice',
      'service-receipt',
    ]);
  });

  it('prints the care level from the self-care assessment and the amount on the confirmation', async () => {
    const text = await textOf(confirmedCaseId, 'tekun-confirmation-notice');
    expect(text).toContain('李桂英');
    expect(text).toContain('部分丧失生活自理能力（3项不能自理，半护理）');
    expect(text).toContain('1350.00元');
    expect(text).toContain('300.00');
    expect(text).toContain('分散供养');
    expect(text).toContain('六十日内向平安县人民政府申请行政复议');
    expect(text).toMatch(/平民特确〔\d{4}〕\d+号/);
    const assessment = await textOf(confirmedCaseId, 'selfcare-assessment', 'content');
    expect(assessment).toContain('自主上下床不能');
  });

  it('publishes the 公示 without any ID number or health details', async () => {
    const text = await textOf(confirmedCaseId, 'tekun-public-notice');
    expect(text).toContain('李桂英');
    // Only what the family must make public (暂行办法第六十一条): not even the masked number.
    expect(text).not.toContain('410799********0022');
    expect(text).not.toContain(ELDER.idNumber);
    expect(text).not.toContain('自理');
  });
});

describe('特困人员认定, refused', () => {
  it('serves a 不予确认决定书 with reasons, legal basis and remedy rights', async () => {
    const caseId = await applyTekun();
    drawnCases.push(caseId);
    // Built when used: the dates are the application clock's today.
    const refusal = () =>
      answers({
        decision: ['accept', 'refuse'],
        facts: '经调查核实，申请人受雇看管村口商店，每月工资收入1000元，高于当地最低生活保障标准650元。',
        reasons: '申请人有稳定的生活来源，不属于无生活来源',
        legalBasis: '《特困人员认定办法》第六条、第十八条',
      });
    await throughNotice(caseId, refusal());
    // The county's investigation found a wage: recorded in the economics, the assessment finds her
    // not 特困, and the refusal agrees with it (no reason overrides a verdict).
    const [{ household }] = await t.query<{ household: { idNumber: string }[] }>(
      `SELECT household FROM assistance_case WHERE id = $1`,
      [caseId],
    );
    const [elder] = workedExampleFor(household).members;
    await (
      await t.as('investigator')
    )
      .put(`/api/cases/${caseId}/economics`, {
        household: {
          ...workedExampleFor(household),
          members: [{ ...elder, workType: 'none', incomes: [{ kind: 'wage', annualFen: 1_200_000 }] }],
          rigidExpenditures: [],
        },
      })
      .expect(200);
    await drive(t, caseId, refusal());
    expect(await caseRow(caseId)).toMatchObject({ status: 'closed', outcome: 'refused' });
    const text = await textOf(caseId, 'tekun-non-confirmation-decision');
    expect(text).toContain('申请人有稳定的生活来源，不属于无生活来源');
    expect(text).toContain('《特困人员认定办法》第六条、第十八条');
    expect(text).toContain('六十日内向平安县人民政府申请行政复议');
    expect(text).toContain('六个月内向平安县人民法院提起行政诉讼');
    expect((await documentsOf(caseId)).at(-1)?.templateId).toBe('service-receipt');
  });
});

describe('公示 objection', () => {
  it('re-investigates, gives a new opinion and publishes again before the county decides', async () => {
    const caseId = await applyTekun();
    drawnCases.push(caseId);
    await throughNotice(caseId);
    const [record] = await openTasks(t, caseId);
    expect(record.name).toBe('公示结果登记');
    await drive(t, caseId, answers({ objection: true }), undefined, 1);
    const [recheck] = await openTasks(t, caseId);
    expect(recheck).toMatchObject({ name: '异议调查核实', candidateGroups: ['investigator'] });
    await throughNotice(caseId, answers({ proposedAmount: '1200' }));
    await drive(t, caseId, answers({ amount: '1200' }));
    expect(await caseRow(caseId)).toMatchObject({ outcome: 'confirmed', benefit_amount_fen: 120000 });
    const templates = (await documentsOf(caseId)).map((d) => d.templateId);
    expect(templates.filter((x) => x === 'tekun-public-notice')).toHaveLength(2);
    expect(templates.filter((x) => x === 'tekun-first-instance-opinion')).toHaveLength(2);
    expect(await textOf(caseId, 'tekun-public-notice')).toContain('1200.00');
  });
});

describe('county random sampling (≥30%, seeded)', () => {
  it('records one seed per county, program and year and lets anyone recompute every selection', async () => {
    expect(drawnCases).toHaveLength(3);
    // The cases reach the county over several weeks of application time, so a run late in the
    // year draws once for this year and once for the next: one seed per county, program and year.
    const draws = await t.query<{
      id: string;
      county_code: string;
      program: string;
      year: number;
      seed: string;
      ratio: number;
    }>(`SELECT id, county_code, program, year, seed, ratio FROM sampling_draw ORDER BY year`);
    expect(draws.length).toBeGreaterThanOrEqual(1);
    expect(new Set(draws.map((d) => `${d.county_code}/${d.program}/${d.year}`)).size).toBe(draws.length);
    for (const d of draws) {
      expect(d).toMatchObject({
        county_code: '410799',
        program: 'tekun',
        seed: expect.stringMatching(/^[0-9a-f]{32}$/),
        ratio: 0.3,
      });
    }
    const rows = await t.query<{
      case_id: string;
      sequence: number;
      ratio: number;
      selected: boolean;
      seed: string;
    }>(
      `SELECT s.case_id, s.sequence, s.ratio, s.selected, d.seed FROM sampling_selection s
       JOIN sampling_draw d ON d.id = s.draw_id ORDER BY d.year, s.sequence`,
    );
    expect(rows.map((r) => r.case_id)).toEqual(drawnCases);
    for (const d of draws) {
      const own = rows.filter((r) => r.seed === d.seed);
      expect(own.map((r) => r.sequence)).toEqual(own.map((_, k) => k + 1)); // numbered from 1 per draw
    }
    for (const row of rows) {
      expect(row.selected).toBe(selectInBlocks(row.seed, row.sequence, row.ratio).selected);
    }
    // Each block of ten picks exactly three positions; the county visited exactly those the seed picked.
    for (const [i, caseId] of drawnCases.entries()) {
      const names = (
        await t.query(
          `SELECT t.name FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id WHERE c.id = $1`,
          [caseId],
        )
      ).map((r) => r.name);
      expect(names.includes('县级入户抽查')).toBe(rows[i].selected);
      const record = await textOf(caseId, 'sampling-record');
      expect(record).toContain(rows[i].seed);
      expect(record).toContain(`第${rows[i].sequence}号`);
      expect(record).toContain(rows[i].selected ? '抽中' : '未抽中');
    }
  });

  it('refuses to change or delete a recorded draw or selection', async () => {
    await expect(
      t.db.transaction((em) => em.query(`UPDATE sampling_draw SET seed = repeat('0', 32)`)),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.transaction((em) => em.query(`DELETE FROM sampling_selection`))).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('终止特困人员救助供养 (procedure on a confirmed case)', () => {
  let childId: string;

  it('is offered on the confirmed case and refuses a ground outside Art. 24', async () => {
    const reviewer = await t.as('reviewer');
    const list = await reviewer.get(`/api/cases/${confirmedCaseId}/procedures`).expect(200);
    expect(list.body.available.map((p: { processKey: string }) => p.processKey)).toContain(
      'tekun-termination',
    );
    const bad = await reviewer.post(`/api/cases/${confirmedCaseId}/procedures`, {
      processKey: 'tekun-termination',
      data: { ground: 'moved-away', facts: '迁出' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('data.ground');
    // A nephew is not a statutory supporter (民法典): the supporter ground cannot rest on one.
    const nephew = await reviewer.post(`/api/cases/${confirmedCaseId}/procedures`, {
      processKey: 'tekun-termination',
      data: { ground: 'supporter', supporterRelation: 'nephew', facts: '其侄已将其接回家中赡养' },
    });
    expect(nephew.status).toBe(400);
    expect(nephew.body.details.map((d: { field: string }) => d.field)).toContain('data.supporterRelation');
  });

  it('publishes the proposal for 7 days, decides, serves, and stops the benefit from next month', async () => {
    const reviewer = await t.as('reviewer');
    const res = await reviewer.post(`/api/cases/${confirmedCaseId}/procedures`, {
      processKey: 'tekun-termination',
      data: {
        ground: 'income-property',
        facts: '东关村村民委员会报告：其继承胞兄遗留的临街门面房一间，已出租，月租金2000元。',
        reportedBy: '东关村村民委员会',
      },
    });
    expect(res.status).toBe(201);
    childId = res.body.id;
    expect(await caseRow(childId)).toMatchObject({
      parent_case_id: confirmedCaseId,
      kind: 'procedure',
      program: 'tekun',
      case_no: expect.stringMatching(/^TKZZ-\d{4}-\d{6}$/),
    });
    const termination = () =>
      answers({
        proposal: ['terminate'],
        decision: ['terminate'],
        reasons:
          '有了稳定的租金收入，收入高于本地最低生活保障标准，收入和财产状况不再符合特困人员救助供养条件',
        facts:
          '经调查核实并公示七天无异议，其继承胞兄遗留的临街门面房一间并出租，月租金2000元，有租赁合同和收款记录为证。',
        legalBasis: '《特困人员认定办法》第六条、第二十四条第（四）项、第二十六条',
      });
    await throughNotice(childId, termination());
    const notice = await textOf(childId, 'tekun-termination-public-notice');
    expect(notice).toContain('收入和财产状况不再符合规定条件');
    // The 公示 names the place; the decision sends its copy to the committee, an organ.
    expect(notice).toContain('现将东关村拟终止特困人员救助供养的情况公示如下');
    await drive(t, childId, termination());
    expect(await caseRow(childId)).toMatchObject({ status: 'closed', outcome: 'terminated' });

    const text = await textOf(childId, 'tekun-termination-decision');
    expect(text).toContain('终止对你的特困人员救助供养');
    expect(text).toContain('《特困人员认定办法》第六条、第二十四条第（四）项、第二十六条');
    expect(text).not.toContain('其侄');
    expect(text).toContain('申请行政复议');
    expect(text).toContain('提起行政诉讼');
    expect(text).toContain('抄送：东关村村民委员会');
    expect(text).toContain('并在东关村公示七天');

    const nextMonth = benefitStartMonth(t.clock.today());
    expect(text).toContain(`自${nextMonth.slice(0, 4)}年${Number(nextMonth.slice(5))}月起终止`);
    const [change] = await t.query(
      `SELECT action, source_case_id, effective_month FROM benefit_change WHERE case_id = $1 AND action = 'terminate'`,
      [confirmedCaseId],
    );
    expect(change).toEqual({ action: 'terminate', source_case_id: childId, effective_month: nextMonth });
  });
});
