import {
  AssessmentFacts,
  dateProblems,
  earlierDates,
  figureProblems,
  overlaps,
  publicNoticeProblems,
  publicNoticeRunning,
} from './case-facts';
import { NATIONAL_CASE_RULES, caseRulesFrom, programsConflict } from './case-rules';
import { prefillFor } from './prefill';

const INELIGIBLE: AssessmentFacts = {
  id: 'a1',
  current: true,
  eligible: false,
  benefitFen: 0,
  perCapitaFen: 78_489,
  standardFen: 65_000,
  coveredPersons: 0,
};
const ELIGIBLE: AssessmentFacts = {
  ...INELIGIBLE,
  eligible: true,
  benefitFen: 62_700,
  perCapitaFen: 46_267,
  coveredPersons: 3,
};
const FIRST = ['opinion', 'proposedAmount', 'coveredPersons', 'reasons', 'deviationReason'];
const COUNTY = [
  'decision',
  'amount',
  'coveredPersons',
  'facts',
  'reasons',
  'legalBasis',
  'deviationReason',
  'deviationConfirmed',
];

const figures = (values: Record<string, unknown>, over: Partial<Parameters<typeof figureProblems>[0]> = {}) =>
  figureProblems({
    program: 'dibao',
    fieldIds: FIRST,
    values,
    householdSize: 3,
    hasEconomics: true,
    assessment: ELIGIBLE,
    rules: NATIONAL_CASE_RULES,
    ...over,
  }).map((p) => p.code);

describe('dateProblems', () => {
  const clock = { applicationDate: '2026-12-01', acceptanceDate: null, today: '2026-12-07' };
  const visit = { id: 'visitDate', label: '入户日期', type: 'date' };
  const deadline = {
    ...visit,
    id: 'repayDeadline',
    label: '退回期限',
    constraints: [{ name: 'min', config: 'today' }],
  };
  it('holds a recorded fact between the application and today', () => {
    expect(dateProblems([visit], { visitDate: '2026-11-30' }, clock).map((p) => p.field)).toEqual([
      'visitDate',
    ]);
    expect(dateProblems([visit], { visitDate: '2026-12-08' }, clock).map((p) => p.field)).toEqual([
      'visitDate',
    ]);
    expect(dateProblems([visit], { visitDate: '2026-12-05' }, clock)).toEqual([]);
  });
  it('holds a deadline the step sets (min="today") on or after today, however far ahead', () => {
    expect(dateProblems([deadline], { repayDeadline: '2027-01-31' }, clock)).toEqual([]);
    expect(dateProblems([deadline], { repayDeadline: '2026-12-06' }, clock).map((p) => p.field)).toEqual([
      'repayDeadline',
    ]);
  });
});

describe('figureProblems', () => {
  it('passes a proposal that follows the assessment', () => {
    expect(figures({ opinion: 'eligible', proposedAmount: 62_700, coveredPersons: 3 })).toEqual([]);
  });
  it('refuses 符合 783 for a household assessed 不符合, whatever the reason or confirmation', () => {
    const v = { opinion: 'eligible', proposedAmount: 78_300, coveredPersons: 3 };
    expect(figures(v, { assessment: INELIGIBLE })).toEqual(['FIGURES_DISAGREE']);
    expect(figures({ ...v, deviationReason: '工资已停发' }, { assessment: INELIGIBLE })).toEqual([
      'FIGURES_DISAGREE',
    ]);
    const county = { decision: 'confirm', amount: 78_300, coveredPersons: 3, deviationReason: '工资已停发' };
    expect(
      figures({ ...county, deviationConfirmed: true }, { fieldIds: COUNTY, assessment: INELIGIBLE }),
    ).toEqual(['FIGURES_DISAGREE']);
    expect(figures({ opinion: 'ineligible', deviationReason: '另有收入' })).toEqual(['FIGURES_DISAGREE']);
  });
  it('asks the approver to confirm a departure beyond the threshold, not one within it', () => {
    const county = { fieldIds: COUNTY };
    const within = { decision: 'confirm', amount: 65_000, coveredPersons: 3, deviationReason: '增发' };
    expect(figures(within, county)).toEqual([]);
    const beyond = { ...within, amount: 78_300 };
    expect(figures(beyond, county)).toEqual(['DEVIATION_NOT_CONFIRMED']);
    expect(figures({ ...beyond, deviationConfirmed: true }, county)).toEqual([]);
  });
  it('refuses an amount beyond the standard for every covered person, whatever the reason or confirmation', () => {
    const county = { fieldIds: COUNTY, householdSize: 2 };
    const v = { decision: 'confirm', coveredPersons: 2, deviationReason: '困难', deviationConfirmed: true };
    expect(figures({ ...v, amount: 5_620_000 }, county)).toEqual(['VALIDATION_FAILED']);
    expect(figures({ ...v, amount: 130_001 }, county)).toEqual(['VALIDATION_FAILED']);
    expect(figures({ ...v, amount: 130_000 }, county)).toEqual([]);
    const first = {
      opinion: 'eligible',
      coveredPersons: 2,
      proposedAmount: 5_620_000,
      deviationReason: '困难',
    };
    expect(figures(first, { householdSize: 2 })).toEqual(['VALIDATION_FAILED']);
  });
  it('refuses more covered persons than household members, whatever the assessment', () => {
    expect(
      figures({ opinion: 'eligible', coveredPersons: 3 }, { householdSize: 2, hasEconomics: false }),
    ).toEqual(['VALIDATION_FAILED', 'ASSESSMENT_REQUIRED']);
  });
  it('refuses a stale or missing assessment once economics are recorded', () => {
    expect(figures({ opinion: 'eligible' }, { assessment: { ...ELIGIBLE, current: false } })).toEqual([
      'ASSESSMENT_STALE',
    ]);
    expect(figures({ opinion: 'eligible' }, { assessment: null })).toEqual(['ASSESSMENT_STALE']);
  });
  it.each([
    [
      '低保 初审 符合 783',
      'dibao',
      FIRST,
      { opinion: 'eligible', proposedAmount: 78_300, coveredPersons: 3 },
    ],
    ['低保 county 确认', 'dibao', COUNTY, { decision: 'confirm', amount: 62_700, coveredPersons: 3 }],
    ['特困 初审 符合', 'tekun', ['opinion', 'proposedAmount', 'deviationReason'], { opinion: 'eligible' }],
    ['低收入 认定', 'dibian', ['decision', 'lowIncomeCategory', 'coveredPersons'], { decision: 'recognize' }],
    [
      '临时救助 审批 给予',
      'linshi',
      ['approvalDecision', 'amount'],
      { approvalDecision: 'grant', amount: 50_000 },
    ],
    ['an amount proposed without a verdict', 'dibao', FIRST, { proposedAmount: 30_000 }],
  ])(
    'refuses %s on a case with no economics at all (ASSESSMENT_REQUIRED)',
    (_n, program, fieldIds, values) => {
      expect(figures(values, { program, fieldIds, assessment: null, hasEconomics: false })).toEqual([
        'ASSESSMENT_REQUIRED',
      ]);
    },
  );
  it('holds covered persons to the assessment: 2 persons on an assessment of 3 needs a reason and, at the county, confirmation', () => {
    expect(figures({ opinion: 'eligible', proposedAmount: 62_700, coveredPersons: 2 })).toEqual([
      'FIGURES_DISAGREE',
    ]);
    expect(
      figures({
        opinion: 'eligible',
        proposedAmount: 62_700,
        coveredPersons: 2,
        deviationReason: '儿子已在外地就业',
      }),
    ).toEqual([]);
    const county = {
      decision: 'confirm',
      amount: 62_700,
      coveredPersons: 2,
      deviationReason: '儿子已在外地就业',
    };
    expect(figures(county, { fieldIds: COUNTY })).toEqual(['DEVIATION_NOT_CONFIRMED']);
    expect(figures({ ...county, deviationConfirmed: true }, { fieldIds: COUNTY })).toEqual([]);
    expect(figures({ opinion: 'eligible', proposedAmount: 62_700, coveredPersons: 3 })).toEqual([]);
  });
  it('names a policy change as what made the assessment stale', () => {
    const [p] = figureProblems({
      program: 'dibao',
      fieldIds: FIRST,
      values: { opinion: 'eligible', proposedAmount: 62_700, coveredPersons: 3 },
      householdSize: 3,
      hasEconomics: true,
      assessment: { ...ELIGIBLE, current: false, parametersOutdated: true },
      rules: NATIONAL_CASE_RULES,
    });
    expect(p.code).toBe('ASSESSMENT_STALE');
    expect(p.message).toContain('救助政策参数已不是现行有效的版本');
  });
  it('asks the 确认测算不符合条件 step only for fields its form has', () => {
    const stop = figureProblems({
      program: 'dibao',
      fieldIds: ['stopDecision', 'reasons'],
      values: { stopDecision: 'stop' },
      householdSize: 3,
      hasEconomics: true,
      assessment: ELIGIBLE,
      rules: NATIONAL_CASE_RULES,
    });
    expect(stop.map((p) => p.code)).toEqual(['FIGURES_DISAGREE']);
    expect(stop[0].details.map((d) => d.field)).toEqual(['stopDecision']);
    expect(stop[0].message).toContain('以测算结果为准');
  });
  it('lets a refusal through without economics (nothing is granted)', () => {
    expect(figures({ opinion: 'ineligible' }, { assessment: null, hasEconomics: false })).toEqual([]);
  });
  it.each([
    [
      '先行救助 within the limit, before any investigation',
      { emergencyAction: 'grant', amount: 500_000 },
      [],
    ],
    ['先行救助 just beyond the limit', { emergencyAction: 'grant', amount: 500_001 }, ['VALIDATION_FAILED']],
    ['先行救助 of 99999.00 元', { emergencyAction: 'grant', amount: 9_999_900 }, ['VALIDATION_FAILED']],
    ['先行救助 of nothing', { emergencyAction: 'grant', amount: 0 }, ['VALIDATION_FAILED']],
    ['转支出型 (no grant)', { emergencyAction: 'regular' }, []],
  ])('临时救助 急难: %s', (_n, values, codes) => {
    expect(
      figures(values, {
        program: 'linshi',
        fieldIds: ['emergencyAction', 'situation', 'amount'],
        hasEconomics: false,
        assessment: null,
        townshipApprovalLimitFen: 100_000,
        emergencyGrantLimitFen: 500_000,
        byTownship: true,
      }),
    ).toEqual(codes);
  });
  it('requires the assessment at the 补办 of a 先行救助', () => {
    const formalities = { program: 'linshi', fieldIds: ['completionDate', 'grantReason', 'sealed'] };
    expect(
      figures({ completionDate: '2026-12-07' }, { ...formalities, hasEconomics: false, assessment: null }),
    ).toEqual(['ASSESSMENT_REQUIRED']);
    expect(
      figures(
        { completionDate: '2026-12-07' },
        { ...formalities, assessment: { ...ELIGIBLE, current: false } },
      ),
    ).toEqual(['ASSESSMENT_STALE']);
    expect(figures({ completionDate: '2026-12-07' }, formalities)).toEqual([]);
  });
  it('does not hold steps without figures to the assessment', () => {
    expect(figures({ decision: 'accept' }, { fieldIds: ['decision', 'reasons'], assessment: null })).toEqual(
      [],
    );
  });
});

describe('figureProblems for every program, each by its own rule', () => {
  const TEKUN_FIRST = ['opinion', 'supportMode', 'proposedAmount', 'reasons', 'deviationReason'];
  const DIBIAN_COUNTY = [
    'decision',
    'lowIncomeCategory',
    'coveredPersons',
    'facts',
    'reasons',
    'deviationReason',
  ];
  const LINSHI_APPROVAL = ['approvalDecision', 'amount', 'facts', 'reasons', 'legalBasis'];
  const notTekun = { ...INELIGIBLE, extremePoverty: false, lowIncome: true, rigidHardship: false };
  const tekun = { ...INELIGIBLE, extremePoverty: true, lowIncome: false, rigidHardship: true };

  it.each([
    [
      '特困 符合 for an applicant the assessment finds not 特困',
      'tekun',
      TEKUN_FIRST,
      { opinion: 'eligible' },
      notTekun,
      ['FIGURES_DISAGREE'],
    ],
    [
      '特困 不符合 for an applicant the assessment finds 特困',
      'tekun',
      TEKUN_FIRST,
      { opinion: 'ineligible' },
      tekun,
      ['FIGURES_DISAGREE'],
    ],
    [
      '特困 符合 against the assessment, whatever the reason',
      'tekun',
      TEKUN_FIRST,
      { opinion: 'eligible', deviationReason: '赡养人已丧失劳动能力' },
      notTekun,
      ['FIGURES_DISAGREE'],
    ],
    [
      '低保边缘 认定 above the line, whatever the reason',
      'dibian',
      DIBIAN_COUNTY,
      { decision: 'recognize', lowIncomeCategory: 'edge', deviationReason: '收入系一次性补偿款' },
      tekun,
      ['FIGURES_DISAGREE'],
    ],
    ['特困 符合 as assessed', 'tekun', TEKUN_FIRST, { opinion: 'eligible' }, tekun, []],
    [
      '低保边缘 认定 for a household above the line',
      'dibian',
      DIBIAN_COUNTY,
      { decision: 'recognize', lowIncomeCategory: 'edge' },
      tekun,
      ['FIGURES_DISAGREE'],
    ],
    [
      '低保边缘 认定 below the line',
      'dibian',
      DIBIAN_COUNTY,
      { decision: 'recognize', lowIncomeCategory: 'edge' },
      notTekun,
      [],
    ],
    [
      '刚性支出困难 认定 without the hardship',
      'dibian',
      DIBIAN_COUNTY,
      { decision: 'recognize', lowIncomeCategory: 'rigid' },
      notTekun,
      ['FIGURES_DISAGREE'],
    ],
    [
      '刚性支出困难 不予认定 for a household in hardship',
      'dibian',
      DIBIAN_COUNTY,
      { decision: 'refuse', lowIncomeCategory: 'rigid' },
      tekun,
      ['FIGURES_DISAGREE'],
    ],
    [
      '低收入 认定 of more persons than the household',
      'dibian',
      DIBIAN_COUNTY,
      { decision: 'recognize', lowIncomeCategory: 'edge', coveredPersons: 4 },
      notTekun,
      ['VALIDATION_FAILED'],
    ],
  ])('%s', (_name, program, fieldIds, values, assessment, codes) => {
    expect(figures(values, { program, fieldIds, assessment })).toEqual(codes);
  });

  it.each([
    ['a grant of nothing', { approvalDecision: 'grant', amount: 0 }, {}, ['VALIDATION_FAILED']],
    ['a grant with no amount', { approvalDecision: 'grant' }, {}, ['VALIDATION_FAILED']],
    [
      'a township grant beyond the entrusted limit',
      { approvalDecision: 'grant', amount: 100_001 },
      { byTownship: true },
      ['VALIDATION_FAILED'],
    ],
    [
      'a township grant at the limit',
      { approvalDecision: 'grant', amount: 100_000 },
      { byTownship: true },
      [],
    ],
    [
      'a county grant beyond the township limit',
      { approvalDecision: 'grant', amount: 500_000 },
      { byTownship: false },
      [],
    ],
    ['a refusal', { approvalDecision: 'refuse' }, { byTownship: true }, []],
  ])('临时救助: %s', (_name, values, over, codes) => {
    expect(
      figures(values, {
        program: 'linshi',
        fieldIds: LINSHI_APPROVAL,
        assessment: INELIGIBLE,
        townshipApprovalLimitFen: 100_000,
        ...over,
      }),
    ).toEqual(codes);
  });
});

describe('dateProblems', () => {
  const fields = [{ id: 'visitDate', label: '入户日期', type: 'date' }];
  const clock = { applicationDate: '2026-12-01', acceptanceDate: '2026-12-03', today: '2026-12-06' };
  it('refuses a visit before the acceptance or after today, naming the field', () => {
    expect(dateProblems(fields, { visitDate: '2026-12-02' }, clock)).toEqual([
      { field: 'visitDate', message: '“入户日期”（2026-12-02）早于本案受理日期（2026-12-03）' },
    ]);
    expect(dateProblems(fields, { visitDate: '2026-12-07' }, clock)[0].message).toContain('晚于今天');
    expect(dateProblems(fields, { visitDate: '2026-12-03' }, clock)).toEqual([]);
    expect(
      dateProblems(fields, { visitDate: '2026-11-30' }, { ...clock, acceptanceDate: null })[0].message,
    ).toContain('申请日期');
  });
});

describe('dates against the case’s earlier steps', () => {
  const visit = { id: 'visitDate', label: '入户日期', type: 'date' };
  const county = { id: 'countyVisitDate', label: '入户日期', type: 'date' };
  const served = { id: 'serviceDate', label: '送达日期', type: 'date' };
  const deciding = { id: 'decision', label: '审核确认意见', type: 'enum' };
  const steps = [
    { name: '受理审查', form: [deciding], data: { decision: 'accept' }, completedOn: '2026-11-03' },
    { name: '入户调查', form: [visit], data: { visitDate: '2026-11-05' }, completedOn: '2026-11-06' },
    {
      name: '乡镇初审',
      form: [{ id: 'opinion', label: '初审意见', type: 'enum' }],
      data: { opinion: 'eligible' },
      completedOn: '2026-11-10',
    },
    {
      name: '送达受理通知书',
      form: [
        served,
        {
          id: 'repayDeadline',
          label: '退回期限',
          type: 'date',
          constraints: [{ name: 'min', config: 'today' }],
        },
      ],
      data: { serviceDate: '2026-11-20', repayDeadline: '2027-01-31' },
      completedOn: '2026-11-20',
    },
    { name: '县级审核确认', form: [deciding], data: { decision: 'confirm' }, completedOn: '2026-11-21' },
  ];
  const earlier = earlierDates(steps, [{ endDate: '2026-11-17' }]);
  const clock = { applicationDate: '2026-11-01', acceptanceDate: '2026-11-03', today: '2026-11-25', earlier };

  it('takes recorded visits and decision days, not 送达 dates or deadlines, and binds the decision to the 公示 end', () => {
    expect(earlier).toEqual([
      { date: '2026-11-03', label: '“受理审查”的决定日期' },
      { date: '2026-11-05', label: '“入户调查”记录的“入户日期”' },
      { date: '2026-11-10', label: '“乡镇初审”的决定日期' },
      { date: '2026-11-21', label: '“县级审核确认”的决定日期' },
      { date: '2026-11-17', label: '公示期届满日', bindsDecision: true },
    ]);
  });

  it.each([
    [
      'a visit before the acceptance',
      [visit],
      { visitDate: '2026-11-02' },
      { ...clock, earlier: [] },
      'visitDate',
      '“入户日期”（2026-11-02）早于本案受理日期（2026-11-03）',
    ],
    [
      'a county visit before the township visit',
      [county],
      { countyVisitDate: '2026-11-04' },
      { ...clock, earlier: earlier.slice(0, 2) },
      'countyVisitDate',
      '“入户日期”（2026-11-04）早于本案“入户调查”记录的“入户日期”（2026-11-05）',
    ],
    [
      'a county visit before the 初审 decided',
      [county],
      { countyVisitDate: '2026-11-08' },
      { ...clock, earlier: earlier.slice(0, 3) },
      'countyVisitDate',
      '“入户日期”（2026-11-08）早于本案“乡镇初审”的决定日期（2026-11-10）',
    ],
    [
      'a 送达 before the decision it serves',
      [served],
      { serviceDate: '2026-11-20' },
      clock,
      'serviceDate',
      '“送达日期”（2026-11-20）早于本案“县级审核确认”的决定日期（2026-11-21）',
    ],
    [
      'a decision before the 公示 ends',
      [deciding],
      { decision: 'confirm' },
      { ...clock, today: '2026-11-16' },
      'decision',
      '本步骤办理日期（2026-11-16）未晚于本案公示期届满日（2026-11-17），届满后方能作出决定',
    ],
    [
      'a decision on the last day of the 公示 (the day is inside it)',
      [deciding],
      { decision: 'confirm' },
      { ...clock, today: '2026-11-17' },
      'decision',
      '本步骤办理日期（2026-11-17）未晚于本案公示期届满日（2026-11-17），届满后方能作出决定',
    ],
  ])('refuses %s, naming the field and the earlier date', (_name, fields, values, c, field, message) => {
    expect(dateProblems(fields, values, c)).toEqual([{ field, message }]);
  });

  it.each([
    ['a 送达 on the decision day', [served], { serviceDate: '2026-11-21' }, clock],
    [
      'a county visit on the day of the 初审',
      [county],
      { countyVisitDate: '2026-11-10' },
      { ...clock, earlier: earlier.slice(0, 3) },
    ],
    [
      'a decision on the day after the last day of the 公示',
      [deciding],
      { decision: 'confirm' },
      { ...clock, today: '2026-11-18' },
    ],
    [
      'a visit during the 公示 (it binds the decision only)',
      [visit],
      { visitDate: '2026-11-12' },
      { ...clock, earlier: earlier.filter((e) => e.date < '2026-11-11' || e.bindsDecision) },
    ],
  ])('accepts %s', (_name, fields, values, c) => {
    expect(dateProblems(fields, values, c)).toEqual([]);
  });
});

describe('overlaps and the program rules', () => {
  const other = {
    id: 'c1',
    caseNo: 'DB-1',
    program: 'dibao',
    status: 'closed',
    benefitStatus: 'active',
    householdIds: ['A', 'B'],
    applicantAccountId: 'acct',
  };
  it('catches the same applicant, the same account and a member covered elsewhere; 临时救助 stacks', () => {
    const draft = { program: 'dibao', applicantIdNumber: 'A', memberIds: ['A', 'X'], accountId: null };
    expect(overlaps(draft, [other], NATIONAL_CASE_RULES)[0]).toMatchObject({
      kind: 'same-applicant',
      state: 'active',
      overridable: false,
    });
    const account = { ...draft, applicantIdNumber: 'Z', memberIds: ['Z', 'Y'], accountId: 'acct' };
    expect(overlaps(account, [other], NATIONAL_CASE_RULES)[0]).toMatchObject({ kind: 'same-account' });
    const member = { ...draft, applicantIdNumber: 'Z', memberIds: ['Z', 'B'] };
    // A member receiving 低保 in another case cannot be covered by a second 低保, whatever the reason.
    expect(overlaps(member, [other], NATIONAL_CASE_RULES)[0]).toMatchObject({
      kind: 'member-elsewhere',
      idNumbers: ['B'],
      overridable: false,
    });
    // Across excluding programs a recorded reason (moved out) may let the member in.
    expect(overlaps({ ...member, program: 'tekun' }, [other], NATIONAL_CASE_RULES)[0]).toMatchObject({
      kind: 'member-elsewhere',
      overridable: true,
    });
    // Still being decided: shown, overridable (whichever is approved second meets the first as received).
    expect(
      overlaps(member, [{ ...other, status: 'in_progress', benefitStatus: null }], NATIONAL_CASE_RULES)[0],
    ).toMatchObject({ state: 'open', overridable: true });
    expect(overlaps({ ...draft, program: 'tekun' }, [other], NATIONAL_CASE_RULES)).toHaveLength(1);
    expect(overlaps({ ...draft, program: 'linshi' }, [other], NATIONAL_CASE_RULES)).toEqual([]);
  });
  it('reads a region’s rules over the national ones', () => {
    expect(programsConflict(NATIONAL_CASE_RULES, 'dibao', 'tekun')).toBe(true);
    // 低收入人口 is for households on neither 低保 nor 特困.
    expect(programsConflict(NATIONAL_CASE_RULES, 'dibian', 'dibao')).toBe(true);
    expect(programsConflict(NATIONAL_CASE_RULES, 'tekun', 'dibian')).toBe(true);
    expect(programsConflict(NATIONAL_CASE_RULES, 'dibian', 'linshi')).toBe(false);
    expect(NATIONAL_CASE_RULES.overlapReasonMinChars).toBe(10);
    expect(caseRulesFrom({ caseRules: { overlapReasonMinChars: 20 } }).overlapReasonMinChars).toBe(20);
    const local = caseRulesFrom({ caseRules: { exclusivePrograms: [], deviationConfirmBp: 500 } });
    expect(programsConflict(local, 'dibao', 'tekun')).toBe(false);
    expect(local.deviationConfirmBp).toBe(500);
    expect(caseRulesFrom({})).toBe(NATIONAL_CASE_RULES);
  });
});

describe('prefillFor', () => {
  const BASIS = {
    'confirmation-notice': '《社会救助暂行办法》第九条，《最低生活保障审核确认办法》第二十一条',
    'non-confirmation-decision': '《社会救助暂行办法》第九条、第十一条第（三）项',
  };
  /** The two 低保 decision templates as in force: each answer's template and its default basis. */
  const DECISIONS = [
    ['confirmation-notice', 'confirm'],
    ['non-confirmation-decision', 'refuse'],
  ].map(([id, value]) => ({
    id,
    manifest: {
      title: id,
      legalBasis: BASIS[id as keyof typeof BASIS],
      decisionBasis: {
        program: 'dibao' as const,
        choice: { field: 'decision', value },
        substantive: ['《社会救助暂行办法》第九条'],
      },
    },
  }));
  const fields = (ids: string[]) =>
    ids.map((id) => ({
      id,
      type: 'string',
      options:
        id === 'opinion'
          ? [{ id: 'eligible' }, { id: 'ineligible' }]
          : id === 'decision'
            ? [{ id: 'confirm' }, { id: 'refuse' }]
            : undefined,
    }));
  it('starts a 特困 初审 from the 特困 tests, not the 低保 wording or gap amount', () => {
    const first = prefillFor({
      fields: fields(FIRST),
      householdSize: 1,
      assessment: { ...ELIGIBLE, benefitFen: 61_500, extremePoverty: true },
      proposal: null,
      decisions: [],
      program: 'tekun',
    });
    expect(first.opinion).toBe('eligible');
    expect(first.proposedAmount).toBeUndefined();
    expect(first.reasons).toContain('符合特困人员认定条件');
    expect(first.reasons).not.toContain('最低生活保障');
    const not = prefillFor({
      fields: fields(FIRST),
      householdSize: 1,
      assessment: { ...ELIGIBLE, extremePoverty: false },
      proposal: null,
      decisions: [],
      program: 'tekun',
    });
    expect(not.opinion).toBe('ineligible');
  });
  it('starts the 初审 from the assessment and the county decision from the 初审', () => {
    const first = prefillFor({
      fields: fields(FIRST),
      householdSize: 3,
      assessment: ELIGIBLE,
      proposal: null,
      decisions: [],
    });
    expect(first).toMatchObject({ opinion: 'eligible', proposedAmount: '627.00', coveredPersons: 3 });
    expect(first.reasons).toContain('家庭月人均收入462.67元');
    const county = prefillFor({
      fields: fields(COUNTY),
      householdSize: 3,
      assessment: ELIGIBLE,
      proposal: {
        opinion: 'eligible',
        proposedAmount: 60_000,
        coveredPersons: 2,
        reasons: '乡镇理由',
        deviationReason: '一人外出',
      },
      decisions: DECISIONS,
    });
    expect(county).toMatchObject({
      decision: 'confirm',
      amount: '600.00',
      coveredPersons: 2,
      reasons: '乡镇理由',
      deviationReason: '一人外出',
      legalBasis: BASIS['confirmation-notice'],
    });
    expect(county.facts).toContain('650.00元');
  });
  it('starts a 不予确认 from the 不予确认决定书 default basis, not the step’s procedural basis', () => {
    const county = prefillFor({
      fields: fields(COUNTY),
      householdSize: 3,
      assessment: { ...ELIGIBLE, eligible: false },
      proposal: { opinion: 'ineligible', reasons: '乡镇理由' },
      decisions: DECISIONS,
    });
    expect(county.decision).toBe('refuse');
    expect(county.legalBasis).toBe(BASIS['non-confirmation-decision']);
    expect(county.legalBasis).not.toBe('《最低生活保障审核确认办法》第二十条、第二十一条');
  });
  it('leaves the basis empty while the answer that picks the decision is not known', () => {
    const county = prefillFor({
      fields: fields(COUNTY),
      householdSize: 3,
      assessment: null,
      proposal: null,
      decisions: DECISIONS,
    });
    expect(county.legalBasis).toBeUndefined();
  });
  it('does not carry a stale assessment', () => {
    const stale = prefillFor({
      fields: fields(FIRST),
      householdSize: 3,
      assessment: { ...ELIGIBLE, current: false },
      proposal: null,
      decisions: [],
    });
    expect(stale).toEqual({});
  });
});

describe('publicNoticeProblems', () => {
  const published = { amountFen: 62_700, persons: 3, economicsChangedSince: true };
  it.each([
    [
      'other persons after the economics changed',
      { decision: 'confirm', amount: 62_700, coveredPersons: 2 },
      published,
      ['PUBLIC_NOTICE_OUTDATED'],
    ],
    [
      'another amount after the economics changed',
      { decision: 'confirm', amount: 50_000, coveredPersons: 3 },
      published,
      ['PUBLIC_NOTICE_OUTDATED'],
    ],
    ['the published figures', { decision: 'confirm', amount: 62_700, coveredPersons: 3 }, published, []],
    ['a refusal', { decision: 'refuse' }, published, []],
    [
      'other figures with the economics unchanged since the 公示',
      { decision: 'confirm', amount: 50_000, coveredPersons: 3 },
      { ...published, economicsChangedSince: false },
      [],
    ],
    ['no 公示', { decision: 'confirm', amount: 50_000 }, null, []],
  ])('%s', (_n, values, pub, codes) => {
    expect(
      publicNoticeProblems(['decision', 'amount', 'coveredPersons'], values, pub).map((p) => p.code),
    ).toEqual(codes);
  });
});

describe('the 公示 runs through its last printed day (publicNoticeRunning)', () => {
  const notices = [{ endDate: '2026-12-15' }, { endDate: '2026-12-22' }];
  const result = { name: '公示结果登记', fieldIds: ['objection', 'objectionDetails'] };
  const county = { name: '县级审核确认', fieldIds: ['decision', 'facts'] };

  it.each([
    ['the 公示 result on the last day of the latest 公示', result, '2026-12-22', 'objection'],
    ['a county decision on the last day', county, '2026-12-22', 'decision'],
    ['the 公示 result before the last day', result, '2026-12-18', 'objection'],
  ])('refuses %s with 409, naming the end date and the first day allowed', (_n, step, today, field) => {
    const refusal = publicNoticeRunning(step, notices, today);
    expect(refusal).toMatchObject({ status: 409, code: 'PUBLIC_NOTICE_RUNNING', details: [{ field }] });
    expect(refusal?.message).toContain('公示期至2026年12月22日止，2026年12月23日起方可办理');
  });

  it.each([
    ['the 公示 result on the day after the end', result, notices, '2026-12-23'],
    [
      'a step that neither records the 公示 nor decides',
      { name: '县级入户核查', fieldIds: ['countyVisitDate'] },
      notices,
      '2026-12-20',
    ],
    ['a decision in a case with no 公示', county, [], '2026-12-20'],
  ])('allows %s', (_n, step, ns, today) => {
    expect(publicNoticeRunning(step, ns, today)).toBeNull();
  });
});
