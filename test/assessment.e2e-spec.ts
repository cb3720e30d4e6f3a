import { DEFAULT_PARAMETERS } from '@app/assessment';
import { withCheckDigit } from '@app/assistance';
import { TestApp, pdfText } from './support/test-app';
import { CONFIRM_PATH, WORKED_EXAMPLE, apply, drive, workedExampleOf } from './support/case-driver';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

describe('policy parameters per region and date', () => {
  it('resolves the nearest region version in force and keeps older versions for earlier dates', async () => {
    const admin = await t.as('admin');
    const before = await admin
      .get('/api/policy-parameters/resolve?regionCode=410799100201&date=2026-11-23')
      .expect(200);
    expect(before.body).toMatchObject({ regionCode: '410799', version: 1 });
    expect(before.body.parameters.monthlyStandardFen.rural).toBe(DEFAULT_PARAMETERS.monthlyStandardFen.rural);

    const raised = { ...before.body.parameters, monthlyStandardFen: { urban: 90_000, rural: 70_000 } };
    const published = await admin
      .post('/api/policy-parameters', {
        regionCode: '410799',
        effectiveFrom: '2027-01-01',
        parameters: raised,
        note: '2027年标准调整',
      })
      .expect(201);
    expect(published.body.version).toBe(2);

    const old = await admin
      .get('/api/policy-parameters/resolve?regionCode=410799100201&date=2026-12-31')
      .expect(200);
    const next = await admin
      .get('/api/policy-parameters/resolve?regionCode=410799100201&date=2027-01-02')
      .expect(200);
    expect(old.body.version).toBe(1);
    expect(next.body).toMatchObject({ version: 2, parameters: { monthlyStandardFen: { rural: 70_000 } } });
    const urban = await admin
      .get('/api/policy-parameters/resolve?regionCode=410799100202&date=2027-01-02')
      .expect(200);
    expect(urban.body.regionCode).toBe('410799100202');

    const audit = await t.query(`SELECT detail FROM audit_entry WHERE action = 'policy.publish'`);
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ version: 2, before: { version: 1 }, note: '2027年标准调整' });
  });

  it('refuses invalid parameters naming the field, and lets only an administrator publish', async () => {
    const admin = await t.as('admin');
    const { body: current } = await admin.get(
      '/api/policy-parameters/resolve?regionCode=410799&date=2026-11-23',
    );
    const bad = { ...current.parameters, monthlyStandardFen: { urban: -1, rural: 65_000 } };
    const res = await admin.post('/api/policy-parameters', {
      regionCode: '410799',
      effectiveFrom: '2027-02-01',
      parameters: bad,
    });
    expect(res.status).toBe(400);
    expect(
      res.body.details.some((d: { field: string }) => d.field.startsWith('parameters.monthlyStandardFen')),
    ).toBe(true);
    const clerk = await t.as('clerk');
    expect(
      (
        await clerk.post('/api/policy-parameters', {
          regionCode: '410799',
          effectiveFrom: '2027-02-01',
          parameters: current.parameters,
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.query(`SELECT count(*)::int AS n FROM policy_parameters WHERE region_code = '410799'`))[0].n,
    ).toBe(2);
  });
});

describe('the assessment in the process', () => {
  let assessedCase: string;

  it('assesses the recorded household before the township review and proposes the amount', async () => {
    assessedCase = await apply(t);
    const investigator = await t.as('investigator');
    await investigator.put(`/api/cases/${assessedCase}/economics`, { household: WORKED_EXAMPLE }).expect(200);
    const audit = await t.query(
      `SELECT detail FROM audit_entry WHERE action = 'case.economics' AND case_id = $1`,
      [assessedCase],
    );
    expect(audit[0].detail).toMatchObject({
      before: null,
      after: { rigidExpenditures: [{ kind: 'medical' }] },
    });
    expect(
      (
        await (
          await t.as('approver')
        ).put(`/api/cases/${assessedCase}/economics`, { household: WORKED_EXAMPLE })
      ).status,
    ).toBe(403);

    await drive(t, assessedCase, CONFIRM_PATH, /乡镇初审/);
    const [row] = await t.query<{
      id: string;
      h: number;
      result: {
        income: unknown;
        minimumLiving: { eligible: boolean };
        benefit: unknown;
        hardshipIndex: { score: number };
        lines: { label: string }[];
      };
    }>(`SELECT id, result, hardship_index::float AS h FROM assessment WHERE case_id = $1`, [assessedCase]);
    expect(row.result.income).toMatchObject({ monthlyFen: { num: 138_800, den: 1 } });
    expect(row.result.minimumLiving.eligible).toBe(true);
    expect(row.result.benefit).toMatchObject({ gapMonthlyFen: 56_200, totalMonthlyFen: 62_700 });
    expect(row.h).toBe(row.result.hardshipIndex.score);
    expect(row.result.lines.some((l) => /人均/.test(l.label))).toBe(true);

    const rerun = await (await t.as('reviewer')).post(`/api/assessments/${row.id}/rerun`).expect(200);
    expect(rerun.body.same).toBe(true);
  });

  it('puts the neediest case first in the county list', async () => {
    const plain = await apply(t);
    for (const caseId of [plain, assessedCase]) {
      await drive(t, caseId, CONFIRM_PATH, /县级|乡镇初审/);
    }
    await drive(t, assessedCase, CONFIRM_PATH, /县级/);
    await drive(t, plain, CONFIRM_PATH, /县级/);
    await t.advanceDays(8);
    await drive(t, assessedCase, CONFIRM_PATH, /县级/);
    await drive(t, plain, CONFIRM_PATH, /县级/);
    const inbox = (await (await t.as('approver')).get('/api/tasks').expect(200)).body;
    const mine = inbox.filter((x: { caseId: string }) => [plain, assessedCase].includes(x.caseId));
    expect(mine.map((x: { caseId: string }) => x.caseId)).toEqual([assessedCase, plain]);
    // Both carry an assessment now (no amount is proposed without one): the needier comes first.
    expect(mine[0].hardshipIndex).toBeGreaterThan(mine[1].hardshipIndex);

    // The township opinion prints the assessment as its 计算明细.
    const documentText = async (caseId: string, templateId: string) => {
      const [doc] = await t.query(`SELECT id FROM document WHERE case_id = $1 AND template_id = $2`, [
        caseId,
        templateId,
      ]);
      const pdf = await t.download('approver', `/api/documents/${doc.id}/pdf`);
      expect(pdf.status).toBe(200);
      return pdfText(pdf.body);
    };
    const opinionText = (caseId: string) => documentText(caseId, 'first-instance-opinion');
    const assessedText = await opinionText(assessedCase);
    expect(assessedText).toContain('家庭经济状况计算明细');
    expect(assessedText).toContain('家庭月人均收入462.67元');
    expect(assessedText).toContain('测算月保障金额627.00元');
    // The printed 计算明细 carries the same formulas as the screen, and names the parameter version.
    expect(assessedText).toContain('家庭月收入=16,656元÷12=1,388元');
    expect(assessedText).toContain('0.9（41–50周岁·健康）×1,980元（上年最低工资/月）×8个月=14,256元');
    expect(assessedText).toContain('依据《平安县人民政府关于公布2026年城乡最低生活保障标准的通知》');
    expect(assessedText).not.toContain('行政区划');
    expect(await opinionText(plain)).toContain('计算明细');

    // The county's decision prints the same 计算明细.
    await drive(t, assessedCase, CONFIRM_PATH);
    const confirmationText = await documentText(assessedCase, 'confirmation-notice');
    expect(confirmationText).toContain('家庭经济状况计算明细');
    expect(confirmationText).toContain('家庭月人均收入462.67元');
    expect(confirmationText).toContain('按户施保：保障标准650元×3人−家庭月收入1,388元=562元');
    expect(confirmationText).toContain('按《平安县人民政府关于公布2026年城乡最低生活保障标准的通知》测算');
    expect(confirmationText).not.toMatch(/行政区划|起施行|演示数据/);
  });

  it('stops a clearly ineligible case only after the reviewer confirms, with a served notice naming the figure', async () => {
    const caseId = await apply(t);
    const own = await workedExampleOf(t, caseId);
    const wellPaid = {
      ...own,
      members: [
        { ...own.members[0], incomes: [{ kind: 'wage', annualFen: 9_600_000 }] },
        ...own.members.slice(1),
      ],
    };
    await (
      await t.as('investigator')
    )
      .put(`/api/cases/${caseId}/economics`, { household: wellPaid })
      .expect(200);
    await drive(t, caseId, CONFIRM_PATH, /确认测算不符合条件/);
    const [open] = (await (await t.as('reviewer')).get('/api/tasks').expect(200)).body.filter(
      (x: { caseId: string }) => x.caseId === caseId,
    );
    expect(open.name).toBe('确认测算不符合条件');
    await drive(t, caseId, {
      ...CONFIRM_PATH,
      stopDecision: ['stop'],
      reasons: '家庭月人均收入高于当地最低生活保障标准',
    });
    const [row] = await t.query(`SELECT status, outcome FROM assistance_case WHERE id = $1`, [caseId]);
    expect(row).toEqual({ status: 'closed', outcome: 'not-eligible' });
    const docs = await t.query(
      `SELECT id, template_id FROM document WHERE case_id = $1 ORDER BY issued_at, number`,
      [caseId],
    );
    expect(docs.map((d) => d.template_id).slice(-2)).toEqual(['ineligibility-notice', 'service-receipt']);
    const pdf = await t.download('approver', `/api/documents/${docs[docs.length - 2].id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.body);
    expect(text).toContain('家庭月人均收入高于当地最低生活保障标准');
    expect(text).toContain('不符合');
    expect(text).toContain('申请行政复议');
    expect(text).toContain('组织复查');
  });

  it('refuses a malformed household with the offending field', async () => {
    const res = await (
      await t.as('investigator')
    ).post('/api/assessments', {
      regionCode: '410799100201',
      household: {
        ...WORKED_EXAMPLE,
        members: [{ ...WORKED_EXAMPLE.members[0], idNumber: '410799198103050013' }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toMatch(/^household\.members\[0\]\.idNumber/);
    const shape = await (
      await t.as('investigator')
    ).post('/api/assessments', { regionCode: '410799100201', household: { members: 'x' } });
    expect(shape.status).toBe(400);
    expect(shape.body.details.map((d: { field: string }) => d.field)).toContain('household.members');
  });
});

describe('assessment rules and input checks over the API (issue 16)', () => {
  const post = async (household: unknown, extra: object = {}) =>
    (await t.as('investigator')).post('/api/assessments', {
      regionCode: '410799100201',
      household,
      ...extra,
    });
  const elder = {
    name: '何老汉',
    idNumber: withCheckDigit('41079919600301001'),
    relation: 'applicant',
    cohabitation: { livesTogetherLongTerm: true },
    health: 'healthy',
    incomes: [{ kind: 'transfer', annualFen: 240_000 }],
    workType: 'odd_jobs',
  };
  const alone = (member: object, over: object = {}) => ({
    ...WORKED_EXAMPLE,
    members: [member],
    rigidExpenditures: [],
    ...over,
  });
  const fieldsOf = (res: { body: { details: { field: string }[] } }) => res.body.details.map((d) => d.field);

  it('judges 特困 on actual income: a 66-year-old with a 200 元 pension is not charged imputed work', async () => {
    const res = await post(alone(elder));
    expect(res.status).toBe(201);
    const me = res.body.result.extremePoverty[0];
    expect(me.noIncomeSource.passed).toBe(true);
    expect(me.noIncomeSource.reason).toContain('本人年实际收入2,400元 ÷ 12 = 200元（不含推算收入）');
    expect(me.eligible).toBe(true);
  });

  it('does not impute 务工 on top of a verified 经营净收入', async () => {
    const res = await post({
      ...WORKED_EXAMPLE,
      members: [
        { ...WORKED_EXAMPLE.members[0], incomes: [{ kind: 'business', annualFen: 800_000 }] },
        ...WORKED_EXAMPLE.members.slice(1),
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.result.income).toMatchObject({
      verifiedFen: { num: 800_000, den: 1 },
      imputedFen: { num: 600_000, den: 1 },
    });
    const line = res.body.result.lines.find((l: { rule: string }) => l.rule === 'income.imputed.odd_jobs');
    expect(line.label).toContain('已有核实经营净收入8,000元，按核实收入计算，不再推算');
  });

  it('refuses tuition that names no student, asking which', async () => {
    const res = await post({
      ...WORKED_EXAMPLE,
      rigidExpenditures: [{ kind: 'tuition', annualFen: 500_000 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({
      field: 'household.rigidExpenditures[0].memberIdNumber',
      message: expect.stringContaining('哪一名学生'),
    });
  });

  it.each([
    ['an unknown work type', { workType: 'fishing' }, 'household.members[0].workType'],
    [
      '"false" as a boolean',
      { student: { fullTime: 'false', level: 'bachelor' } },
      'household.members[0].student.fullTime',
    ],
    [
      'disability grade 7',
      { disability: { grade: 7, type: 'physical' } },
      'household.members[0].disability.grade',
    ],
    ['a missing health', { health: undefined }, 'household.members[0].health'],
    ['an unknown health', { health: 'sick' }, 'household.members[0].health'],
  ])('refuses %s with a 400 naming the field', async (_name, over, field) => {
    const res = await post(alone({ ...elder, ...over }));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toContain(field);
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses an impossible assessment date and a member listed again as a supporter', async () => {
    const date = await post(alone(elder), { assessmentDate: '2026-02-30' });
    expect(date.status).toBe(400);
    expect(fieldsOf(date)).toContain('assessmentDate');
    const son = {
      ...elder,
      name: '何小山',
      idNumber: withCheckDigit('41079119900301001'),
      relation: 'child',
    };
    const twice = await post({
      ...alone(elder),
      members: [elder, { ...son, incomes: [{ kind: 'wage', annualFen: 6_000_000 }] }],
      supporters: [
        {
          name: son.name,
          idNumber: son.idNumber,
          relation: 'child',
          supports: [elder.idNumber],
          annualIncomeFen: 6_000_000,
          flags: {},
        },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.details[0]).toMatchObject({
      field: 'household.supporters[0].idNumber',
      message: expect.stringContaining('已是本户家庭成员'),
    });
  });

  it('names the standard by the instrument that set it, not by region code, date, note or id', async () => {
    const res = await post(WORKED_EXAMPLE);
    const standard = res.body.result.lines.find((l: { rule: string }) => l.rule === 'parameters.standard');
    expect(standard.label).toContain('依据《平安县人民政府关于公布2026年城乡最低生活保障标准的通知》');
    expect(standard.label).not.toContain(res.body.parametersId);
    expect(res.body.result.parameterVersion.label).toBe(
      '《平安县人民政府关于公布2026年城乡最低生活保障标准的通知》',
    );
  });
});
