/**
 * Issue 16: hand-computed households for the rules fixed there — verified vs imputed labour income,
 * 特困 judged on actual income, disability from health or certificate alike, tuition per student,
 * supporters in the household, and boundary ages and amounts. Defaults as in assess.table.spec.ts:
 * standard 65 000 分, low-income line 97 500, odd jobs = coef × 1 584 000, farming = coef ×
 * 1 200 000, increments elderly 6 500 / severe disability 19 500 / serious illness 13 000 / minor
 * 6 500 (highest only), tuition cap 800 000 per person, medical 2 000 000 per household, half-up to
 * the yuan, assessment date 2025-06-30. Each row's comment is its arithmetic.
 */
import { assess } from './assess';
import type { Household, Member } from './household';
import { type Row, check } from './testing/expected';
import { ASSESSMENT_DATE, household, member, params, supporter } from './testing/household-builder';

const rows: Row[] = [];
const higherOf = params({ imputation: { ...params().imputation, withVerifiedLabourIncome: 'higher_of' } });
const alone = (m: Member, over: Partial<Household> = {}) => household([m], over);
const adultChild = (name: string, age: number, over: Partial<Member> = {}) =>
  member(name, age, {
    relation: 'child',
    cohabitation: { livesTogetherLongTerm: true, ableToLiveIndependently: false },
    ...over,
  });

// ---- verified vs imputed ---------------------------------------------------------------------
// 45 healthy odd jobs, verified 经营 800 000 → no imputation. 800 000 / 12 = 66 666.67 ≥ 65 000, < 97 500.
rows.push({
  name: 'V1 verified 经营净收入 replaces imputed 务工',
  household: alone(
    member('甲', 45, { workType: 'odd_jobs', incomes: [{ kind: 'business', annualFen: 800_000 }] }),
  ),
  expect: {
    imputed: { 甲: 0 },
    verified: 800_000,
    yearly: 800_000,
    monthly: [200_000, 3],
    minimumLiving: false,
    lowIncome: true,
    linesContain: ['甲：已有核实经营净收入8,000元，按核实收入计算，不再推算'],
  },
});
// higher_of: imputed 0.9 × 1 584 000 = 1 425 600 > 800 000 → top-up 625 600; yearly 1 425 600; monthly 118 800.
rows.push({
  name: 'V2 region rule higher-of: imputed 14,256 元 beats verified 8,000 元',
  household: alone(
    member('甲', 45, { workType: 'odd_jobs', incomes: [{ kind: 'business', annualFen: 800_000 }] }),
  ),
  params: higherOf,
  expect: {
    imputed: { 甲: 625_600 },
    yearly: 1_425_600,
    monthly: 118_800,
    lowIncome: false,
    linesContain: ['取较高者（本地规定）——采用推算收入，补计 14,256元 − 8,000元 = 6,256元'],
  },
});
// higher_of: verified wage 2 000 000 > imputed 1 425 600 → imputed 0; yearly 2 000 000; monthly 166 666.67.
rows.push({
  name: 'V3 region rule higher-of: verified 20,000 元 beats imputed',
  household: alone(
    member('甲', 45, { workType: 'odd_jobs', incomes: [{ kind: 'wage', annualFen: 2_000_000 }] }),
  ),
  params: higherOf,
  expect: {
    imputed: { 甲: 0 },
    yearly: 2_000_000,
    monthly: [500_000, 3],
    linesContain: ['采用核实收入，推算收入不计 = 0元'],
  },
});
// farming with verified wage 300 000 → no farm imputation; monthly 25 000; gap 65 000 − 25 000 = 40 000.
rows.push({
  name: 'V4 verified wage stops farm imputation too',
  household: alone(
    member('甲', 45, { workType: 'farming', incomes: [{ kind: 'wage', annualFen: 300_000 }] }),
  ),
  expect: {
    imputed: { 甲: 0 },
    yearly: 300_000,
    monthly: 25_000,
    minimumLiving: true,
    gap: 40_000,
    total: 40_000,
  },
});
// property income is not labour income: farming 0.9 × 1 200 000 = 1 080 000; yearly 1 580 000; monthly 131 666.67.
rows.push({
  name: 'V5 财产净收入 is not labour income: farm imputation stays',
  household: alone(
    member('甲', 45, { workType: 'farming', incomes: [{ kind: 'property', annualFen: 500_000 }] }),
  ),
  expect: {
    imputed: { 甲: 1_080_000 },
    verified: 500_000,
    yearly: 1_580_000,
    monthly: [395_000, 3],
    lowIncome: false,
  },
});
// exempt 基础养老金 1 200 000 is not labour income: 50 healthy odd jobs 0.9 × 1 584 000 = 1 425 600; verified 0.
rows.push({
  name: 'V6 exempt income does not stop imputation',
  household: alone(
    member('甲', 50, {
      workType: 'odd_jobs',
      incomes: [{ kind: 'basic_pension_base', annualFen: 1_200_000 }],
    }),
  ),
  expect: { imputed: { 甲: 1_425_600 }, verified: 0, yearly: 1_425_600, monthly: 118_800 },
});
// Worked example, husband with verified 经营 800 000: 800 000 + wife 600 000 − 360 000 = 1 040 000; monthly 86 666.67;
// gap 195 000 − 86 666.67 = 108 333.33 → 108 300; son minor 6 500 → 114 800.
rows.push({
  name: 'V7 worked example with a verified 经营净收入 for the husband',
  household: household(
    [
      member('张大', 45, { workType: 'odd_jobs', incomes: [{ kind: 'business', annualFen: 800_000 }] }),
      member('李二', 43, { relation: 'spouse', health: 'chronic_illness', workType: 'farming' }),
      member('张小', 15, { relation: 'child', workType: 'odd_jobs' }),
    ],
    { rigidExpenditures: [{ kind: 'medical', annualFen: 360_000 }] },
  ),
  expect: {
    imputed: { 张大: 0, 李二: 600_000, 张小: 0 },
    yearly: 1_040_000,
    monthly: [260_000, 3],
    perCapita: [260_000, 9],
    gapExact: [325_000, 3],
    gap: 108_300,
    total: 114_800,
  },
});

// ---- 特困 on actual income -------------------------------------------------------------------
// 66 healthy odd jobs, pension (转移) 240 000: 0.5 × 1 584 000 = 792 000 imputed for 低保; yearly 1 032 000,
// monthly 86 000 → low income. 特困: actual 240 000 / 12 = 20 000 < 65 000 ✓, 66 ≥ 60 ✓ → eligible.
rows.push({
  name: 'E1 held-out: 66 with a 200 元 pension is 特困',
  household: alone(
    member('何', 66, { workType: 'odd_jobs', incomes: [{ kind: 'transfer', annualFen: 240_000 }] }),
  ),
  expect: {
    imputed: { 何: 792_000 },
    monthly: 86_000,
    minimumLiving: false,
    lowIncome: true,
    extreme: { 何: true },
    linesContain: ['本人年实际收入2,400元 ÷ 12 = 200元（不含推算收入）'],
  },
});
// 59 (born 1965-07-01): 0.8 × 1 584 000 = 1 267 200; 特困 fails on labour (under 60, no disability).
rows.push({
  name: 'E2 age 59 is not 特困 however low the actual income',
  household: alone(member('乙', { born: '1965-07-01' }, { workType: 'odd_jobs' })),
  expect: { coefficients: { 乙: 8_000 }, yearly: 1_267_200, extreme: { 乙: false } },
});
// 75 with actual wage 900 000: coefficient 0; monthly 75 000 ≥ 65 000 → not 低保, low income; 特困 fails on income.
rows.push({
  name: 'E3 75 with a real wage of 750 元/month is not 特困',
  household: alone(member('丙', 75, { incomes: [{ kind: 'wage', annualFen: 900_000 }] })),
  expect: { yearly: 900_000, monthly: 75_000, minimumLiving: false, lowIncome: true, extreme: { 丙: false } },
});
// 75 with 779 988: monthly 64 999 < 65 000 → gap 1 分 → 0 元 (half-up); elderly 6 500 → 6 500; 特困 ✓.
rows.push({
  name: 'E4 one fen below the standard',
  household: alone(member('丁', 75, { incomes: [{ kind: 'transfer', annualFen: 779_988 }] })),
  expect: { monthly: 64_999, minimumLiving: true, gapExact: 1, gap: 0, total: 6_500, extreme: { 丁: true } },
});
// 75 with 780 000: monthly 65 000 = standard → not 低保 (must be below), low income; 特困 income ✗.
rows.push({
  name: 'E5 exactly at the standard',
  household: alone(member('戊', 75, { incomes: [{ kind: 'transfer', annualFen: 780_000 }] })),
  expect: { monthly: 65_000, minimumLiving: false, lowIncome: true, kind: 'none', extreme: { 戊: false } },
});
// 45, grade-3 intellectual certificate: category 轻度残疾 0.4 × 1 584 000 = 633 600; monthly 52 800; gap 12 200.
// 特困 labour ✓ (intellectual ≤ 3), actual 0 ✓ → eligible. 就高: 单人保 65 000 − 52 800 = 12 200 → top-up 0.
rows.push({
  name: 'E6 grade-3 intellectual disability: 特困 on actual income despite imputed 低保 income',
  household: alone(
    member('己', 45, { workType: 'odd_jobs', disability: { grade: 3, type: 'intellectual' } }),
  ),
  expect: {
    coefficients: { 己: 4_000 },
    imputed: { 己: 633_600 },
    monthly: 52_800,
    gap: 12_200,
    topUp: 0,
    total: 12_200,
    extreme: { 己: true },
  },
});

// 60 today (born 1965-06-30): healthy tier 51–60 → 0.8 × 1 584 000 = 1 267 200; monthly 105 600 ≥ 97 500 →
// neither 低保 nor low income. 特困: 60 ≥ 60 → no labour capacity; actual income 0 → eligible.
rows.push({
  name: 'E7 60 today: imputed for 低保, yet without labour capacity for 特困',
  household: alone(member('庚', { born: '1965-06-30' }, { workType: 'odd_jobs' })),
  expect: {
    coefficients: { 庚: 8_000 },
    imputed: { 庚: 1_267_200 },
    monthly: 105_600,
    minimumLiving: false,
    lowIncome: false,
    extreme: { 庚: true },
  },
});
// 60 today with a verified wage 600 000: no imputation; monthly 50 000 < 65 000 → 低保, gap 15 000;
// 特困: actual 50 000 < 65 000 ✓ → eligible.
rows.push({
  name: 'E8 60 today with a real wage of 500 元/month: 低保 gap and 特困 on the same actual income',
  household: alone(
    member(
      '辛',
      { born: '1965-06-30' },
      { workType: 'odd_jobs', incomes: [{ kind: 'wage', annualFen: 600_000 }] },
    ),
  ),
  expect: { imputed: { 辛: 0 }, monthly: 50_000, minimumLiving: true, gap: 15_000, extreme: { 辛: true } },
});

// ---- severe disability / serious illness from health or certificate -------------------------
// 45 declared 重度残疾, no certificate: coefficient 0; gap 65 000 + severe 19 500 = 84 500; 特困 ✓.
rows.push({
  name: 'D1 重度残疾 by health only: 分类施保 and 特困',
  household: alone(member('庚', 45, { health: 'disability_severe', workType: 'odd_jobs' })),
  expect: {
    coefficients: { 庚: 0 },
    total: 84_500,
    increments: { '庚:severely_disabled': 19_500 },
    extreme: { 庚: true },
  },
});
// Father 50 verified wage 1 800 000; son 25 重度残疾 by health. monthly 150 000, per capita 75 000 → low income.
// 单人保 for the son: 65 000 − own 0 = 65 000, + severe 19 500 = 84 500.
const lowIncomeWithDisabledSon = (son: Partial<Member>) =>
  household([
    member('父', 50, { incomes: [{ kind: 'wage', annualFen: 1_800_000 }], workType: 'odd_jobs' }),
    adultChild('子', 25, son),
  ]);
rows.push({
  name: 'D2 held-out: severely disabled son by health alone keeps his 单人保',
  household: lowIncomeWithDisabledSon({ health: 'disability_severe' }),
  expect: {
    perCapita: 75_000,
    lowIncome: true,
    kind: 'single_person',
    gap: 65_000,
    increments: { '子:severely_disabled': 19_500 },
    total: 84_500,
  },
});
// Same son with a grade-2 physical certificate and health declared healthy: the same 84 500.
rows.push({
  name: 'D3 the same son by certificate alone: same 单人保',
  household: lowIncomeWithDisabledSon({ disability: { grade: 2, type: 'physical' } }),
  expect: { kind: 'single_person', total: 84_500 },
});
// Son with own transfer 120 000: household 1 920 000 / 12 = 160 000, per capita 80 000 → low income;
// 单人保 65 000 − 10 000 = 55 000 + 19 500 = 74 500.
rows.push({
  name: 'D4 单人保 on own income gap',
  household: lowIncomeWithDisabledSon({
    health: 'disability_severe',
    incomes: [{ kind: 'transfer', annualFen: 120_000 }],
  }),
  expect: { perCapita: 80_000, kind: 'single_person', gap: 55_000, total: 74_500 },
});
// full_standard basis: 65 000 + 19 500 = 84 500.
rows.push({
  name: 'D5 单人保 at the full standard',
  household: lowIncomeWithDisabledSon({
    health: 'disability_severe',
    incomes: [{ kind: 'transfer', annualFen: 120_000 }],
  }),
  params: params({
    singlePersonCoverage: { enabled: true, basis: 'full_standard', floorForMinimumLivingHouseholds: true },
  }),
  expect: { kind: 'single_person', gap: 65_000, total: 84_500 },
});
// 30 serious illness: coefficient 0; gap 65 000 + 13 000 = 78 000; 特困 ✗ (30, no qualifying disability).
rows.push({
  name: 'D6 serious illness by health: increment, not 特困',
  household: alone(member('辛', 30, { health: 'serious_illness', workType: 'odd_jobs' })),
  expect: { total: 78_000, increments: { '辛:seriously_ill': 13_000 }, extreme: { 辛: false } },
});
// Worked example with the wife 重度残疾 by health: husband 1 425 600 − 360 000 = 1 065 600; monthly 88 800;
// gap 195 000 − 88 800 = 106 200; wife 19 500 + son 6 500 → 132 200; 就高 single 65 000 + 19 500 = 84 500 < 132 200.
rows.push({
  name: 'D7 分类施保 for a wife severely disabled by health only',
  household: household(
    [
      member('张大', 45, { workType: 'odd_jobs' }),
      member('李二', 43, { relation: 'spouse', health: 'disability_severe', workType: 'farming' }),
      member('张小', 15, { relation: 'child' }),
    ],
    { rigidExpenditures: [{ kind: 'medical', annualFen: 360_000 }] },
  ),
  expect: {
    yearly: 1_065_600,
    monthly: 88_800,
    gap: 106_200,
    increments: { '李二:severely_disabled': 19_500, '张小:minor': 6_500 },
    topUp: 0,
    total: 132_200,
  },
});

// ---- two students ----------------------------------------------------------------------------
// Father 45 verified wage 3 000 000; daughter 19 本科, son 16 高中. Tuition per student.
const father = member('父', 45, { incomes: [{ kind: 'wage', annualFen: 3_000_000 }], workType: 'odd_jobs' });
const daughter = member('女', 19, { relation: 'child', student: { fullTime: true, level: 'bachelor' } });
const son16 = member('子', 16, { relation: 'child', student: { fullTime: true, level: 'senior_high' } });
const students = (a: number, b: number) =>
  household([father, daughter, son16], {
    rigidExpenditures: [
      { kind: 'tuition', annualFen: a, memberIdNumber: daughter.idNumber },
      { kind: 'tuition', annualFen: b, memberIdNumber: son16.idNumber },
    ],
  });
// 900 000 → 800 000 (cap), 300 000 → 300 000; yearly 3 000 000 − 1 100 000 = 1 900 000; monthly 158 333.33;
// per capita 52 777.78; gap 195 000 − 158 333.33 = 36 666.67 → 36 700; son minor 6 500 → 43 200.
rows.push({
  name: 'S1 two students: one capped at 8,000 元, one in full',
  household: students(900_000, 300_000),
  expect: {
    deductedBy: [
      ['女', 800_000],
      ['子', 300_000],
    ],
    deductions: 1_100_000,
    yearly: 1_900_000,
    monthly: [475_000, 3],
    perCapita: [475_000, 9],
    gapExact: [110_000, 3],
    gap: 36_700,
    total: 43_200,
    linesContain: ['女学费扣减：申报9,000元，每人上限8,000元，超过上限，按上限扣减 = 8,000元'],
  },
});
// 500 000 + 600 000, each under its own cap: 1 100 000 in full (pooled under one cap it would be 800 000).
rows.push({
  name: 'S2 two students under their caps are not pooled under one',
  household: students(500_000, 600_000),
  expect: { deductions: 1_100_000, yearly: 1_900_000, gap: 36_700, total: 43_200 },
});
// A region with a household tuition cap: 800 000; yearly 2 200 000; monthly 183 333.33; gap 11 666.67 → 11 700 + 6 500.
rows.push({
  name: 'S3 a household tuition cap applies once',
  household: students(500_000, 600_000),
  params: params({ rigidExpenditureCaps: { tuition: { annualCapFen: 800_000, per: 'household' } } }),
  expect: { deductions: 800_000, yearly: 2_200_000, monthly: [550_000, 3], gap: 11_700, total: 18_200 },
});

// ---- supporters ------------------------------------------------------------------------------
// Elder 72 (applicant) and son 40 living with him, wage 1 200 000; the son is also listed as a supporter
// living in the household → his support is not counted again. monthly 100 000; per capita 50 000;
// gap 130 000 − 100 000 = 30 000; elderly 6 500 → 36 500.
const elder = member('老', 72);
const sonHome = adultChild('儿', 40, {
  cohabitation: { livesTogetherLongTerm: true },
  incomes: [{ kind: 'wage', annualFen: 1_200_000 }],
});
rows.push({
  name: 'P1 a son in the household listed as supporter is counted once',
  household: household([elder, sonHome], {
    supporters: [
      {
        ...supporter('儿', 40, [elder], { annualIncomeFen: 1_200_000, livesInHousehold: true }),
        idNumber: sonHome.idNumber,
      },
    ],
  }),
  expect: { support: 0, yearly: 1_200_000, perCapita: 50_000, gap: 30_000, total: 36_500 },
});
// Elder 72 alone; son outside 6 000 000 at 5 % = 300 000; daughter with a luxury car 4 000 000 at 10 % = 400 000.
// monthly 58 333.33; gap 6 666.67 → 6 700; elderly 6 500 → 13 200.
const elderAlone = member('老', 72);
rows.push({
  name: 'P2 two supporters outside, one at the upper ratio',
  household: household([elderAlone], {
    supporters: [
      supporter('儿', 45, [elderAlone], { annualIncomeFen: 6_000_000 }),
      supporter('女', 43, [elderAlone], { annualIncomeFen: 4_000_000, flags: { luxuryCar: true } }),
    ],
  }),
  expect: {
    support: 700_000,
    monthly: [175_000, 3],
    gapExact: [20_000, 3],
    gap: 6_700,
    total: 13_200,
    linesContain: ['儿：赡养（抚养、扶养）费 60,000元（义务人年收入） × 5% × 1人（被赡养人） = 3,000元'],
  },
});
// The son outside is on 低保: his support is not counted → 65 000 + 6 500 = 71 500; but at 45 he is able
// to support under 特困 Art. 8 → not 特困.
rows.push({
  name: 'P3 supporter on 低保: no support counted, still a capable obligor for 特困',
  household: household([elderAlone], {
    supporters: [
      supporter('儿', 45, [elderAlone], { annualIncomeFen: 6_000_000, flags: { onMinimumLiving: true } }),
    ],
  }),
  expect: { support: 0, total: 71_500, extreme: { 老: false } },
});

// ---- boundary ages and amounts ---------------------------------------------------------------
// 16 today (born 2009-06-30): healthy 1.0 × 1 584 000; monthly 132 000.
rows.push({
  name: 'B1 age 16 today → coefficient 1.0',
  household: alone(member('少', { born: '2009-06-30' }, { workType: 'odd_jobs' })),
  expect: { coefficients: { 少: 10_000 }, yearly: 1_584_000, monthly: 132_000 },
});
// 15 (16 tomorrow): 0; gap 65 000 + minor 6 500 = 71 500; 特困 ✓ (under 16, no supporter).
rows.push({
  name: 'B2 age 15 (16 tomorrow) → 0; 特困 as a child',
  household: alone(member('童', { born: '2009-07-01' }, { workType: 'odd_jobs' })),
  expect: { coefficients: { 童: 0 }, total: 71_500, extreme: { 童: true } },
});
// 18 today, full-time 高中: coefficient 0; gap 65 000; no minor increment at 18; 特困 ✗ (not under 16).
rows.push({
  name: 'B3 age 18 today: no minor increment',
  household: alone(
    member('青', { born: '2007-06-30' }, { student: { fullTime: true, level: 'senior_high' } }),
  ),
  expect: { coefficients: { 青: 0 }, increments: {}, total: 65_000, extreme: { 青: false } },
});
// 70 (71 tomorrow): 0.5 × 1 584 000 = 792 000; monthly 66 000 → low income; 特困 on actual income 0 ✓.
rows.push({
  name: 'B4 age 70: 0.5 for 低保, 特困 on actual income',
  household: alone(member('翁', { born: '1954-07-01' }, { workType: 'odd_jobs' })),
  expect: { coefficients: { 翁: 5_000 }, monthly: 66_000, lowIncome: true, extreme: { 翁: true } },
});
// Lone 45, transfer 1 169 988: monthly 97 499 < 97 500 → low income.
rows.push({
  name: 'B5 one fen below the low-income line',
  household: alone(member('甲', 45, { incomes: [{ kind: 'transfer', annualFen: 1_169_988 }] })),
  expect: { monthly: 97_499, minimumLiving: false, lowIncome: true },
});
// Transfer 1 170 000: monthly 97 500 = line → not low income; circle 3 (< 146 250).
rows.push({
  name: 'B6 exactly at the low-income line',
  household: alone(member('甲', 45, { incomes: [{ kind: 'transfer', annualFen: 1_170_000 }] })),
  expect: { monthly: 97_500, lowIncome: false, circle: 3 },
});
// 75, transfer 300 000, medical 500 000: deduction limited to income 300 000; yearly 0; 65 000 + 6 500.
rows.push({
  name: 'B7 deductions never push income below zero',
  household: alone(member('丙', 75, { incomes: [{ kind: 'transfer', annualFen: 300_000 }] }), {
    rigidExpenditures: [{ kind: 'medical', annualFen: 500_000 }],
  }),
  expect: {
    deductions: 300_000,
    yearly: 0,
    total: 71_500,
    linesContain: ['刚性支出扣减3,000元（申报扣减5,000元，以收入为限） = 0元'],
  },
});
// 75, transfer 3 000 000, medical 2 500 000 → cap 2 000 000; yearly 1 000 000; monthly 83 333.33 → low income.
rows.push({
  name: 'B8 medical cost over the household cap',
  household: alone(member('丙', 75, { incomes: [{ kind: 'transfer', annualFen: 3_000_000 }] }), {
    rigidExpenditures: [{ kind: 'medical', annualFen: 2_500_000 }],
  }),
  expect: { deductedBy: [[null, 2_000_000]], yearly: 1_000_000, monthly: [250_000, 3], lowIncome: true },
});
// 75, transfer 779 400: monthly 64 950; gap 50 分 = 0.50 元 → half-up 1 元 = 100; + 6 500 = 6 600.
rows.push({
  name: 'B9 a gap of exactly half a yuan rounds up',
  household: alone(member('丁', 75, { incomes: [{ kind: 'transfer', annualFen: 779_400 }] })),
  expect: { gapExact: 50, gap: 100, total: 6_600 },
});
// Same with yuan-down: 0; + 6 500.
rows.push({
  name: 'B10 the same half yuan with rounding down',
  household: alone(member('丁', 75, { incomes: [{ kind: 'transfer', annualFen: 779_400 }] })),
  params: params({ rounding: 'yuan-down' }),
  expect: { gapExact: 50, gap: 0, total: 6_500 },
});
// 41 today (born 1984-06-30), verified wage 1: no imputation at all; monthly 1/12 fen → gap 65 000 − 1/12 → 65 000.
rows.push({
  name: 'B11 a verified wage of one fen still stops imputation',
  household: alone(
    member('乙', { born: '1984-06-30' }, { workType: 'odd_jobs', incomes: [{ kind: 'wage', annualFen: 1 }] }),
  ),
  expect: {
    imputed: { 乙: 0 },
    yearly: 1,
    monthly: [1, 12],
    gapExact: [779_999, 12],
    gap: 65_000,
    total: 65_000,
  },
});

describe('assess — issue 16 hand-computed households', () => {
  it('has at least 30 rows', () => expect(rows.length).toBeGreaterThanOrEqual(30));
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    check(
      assess(row.household, row.params ?? params(), { assessmentDate: row.date ?? ASSESSMENT_DATE }),
      row.expect,
    );
  });
});

describe('issue 16 refusals', () => {
  const problems = (h: Household) => {
    try {
      assess(h, params(), { assessmentDate: ASSESSMENT_DATE });
      return [];
    } catch (e) {
      return (e as { problems: { field: string; message: string }[] }).problems;
    }
  };

  it('refuses two tuition lines that name no student instead of pooling them under one cap', () => {
    const h = students(500_000, 600_000);
    h.rigidExpenditures = h.rigidExpenditures.map((r) => ({ kind: r.kind, annualFen: r.annualFen }));
    expect(problems(h).map((p) => p.field)).toEqual([
      'rigidExpenditures[0].memberIdNumber',
      'rigidExpenditures[1].memberIdNumber',
    ]);
  });

  it('refuses a per-person medical cap line that names nobody', () => {
    const p = params({ rigidExpenditureCaps: { medical: { annualCapFen: 500_000, per: 'person' } } });
    expect(() =>
      assess(alone(member('甲', 75), { rigidExpenditures: [{ kind: 'medical', annualFen: 1 }] }), p, {
        assessmentDate: ASSESSMENT_DATE,
      }),
    ).toThrow(/医疗自付费用按人设扣减上限，请注明是哪一名家庭成员的支出/);
  });

  it('refuses a counted member listed again as a supporter from outside', () => {
    const h = household([elder, sonHome], {
      supporters: [
        { ...supporter('儿', 40, [elder], { annualIncomeFen: 1_200_000 }), idNumber: sonHome.idNumber },
      ],
    });
    expect(problems(h)).toEqual([
      {
        field: 'supporters[0].idNumber',
        message: expect.stringContaining('儿已是本户家庭成员'),
      },
    ]);
  });

  it.each([
    ['workType', { workType: 'fishing' }, 'members[0].workType'],
    [
      'student.fullTime',
      { student: { fullTime: 'false', level: 'bachelor' } },
      'members[0].student.fullTime',
    ],
    ['disability grade 7', { disability: { grade: 7, type: 'physical' } }, 'members[0].disability.grade'],
    ['disability grade "1"', { disability: { grade: '1', type: 'physical' } }, 'members[0].disability.grade'],
    ['missing health', { health: undefined }, 'members[0].health'],
    ['inOrphanScheme', { inOrphanScheme: 'no' }, 'members[0].inOrphanScheme'],
  ])('refuses %s naming the field', (_n, over, field) => {
    expect(
      problems(alone({ ...member('甲', 45), ...(over as object) } as Member)).map((p) => p.field),
    ).toEqual([field]);
  });

  it('refuses a string for a yes/no fact about the household', () => {
    const h = alone(member('甲', 45), {
      exclusionFacts: { luxuryConsumption: 'false' as unknown as boolean },
    });
    expect(problems(h).map((p) => p.field)).toEqual(['exclusionFacts.luxuryConsumption']);
  });
});
