/**
 * Hand-computed households. Defaults unless a row says otherwise: rural standard 650.00 元
 * (65 000 分), low-income line 975.00 (97 500), minimum wage 1 980 × 8 months, rural income
 * 20 000 × 60 %, support 5 % / 10 %, caps medical 20 000/household, tuition 8 000/person,
 * pension 3 000/household, assets ≤ 24 × 650 × persons, increments elderly 10 % (65), severe
 * disability 30 % (195), serious illness 20 % (130), minors 10 % (65), highest only, rounding
 * half-up to the yuan. Assessment date 2025-06-30. All amounts below are in fen (分).
 * Odd jobs = coef × 198 000 × 8 = coef × 1 584 000; farming = coef × 2 000 000 × 0.6 = coef × 1 200 000.
 */
import { assess } from './assess';
import type { Household } from './household';
import type { ExclusionClauseId } from './parameters';
import { type Row, check } from './testing/expected';
import {
  ASSESSMENT_DATE,
  assets,
  household,
  idBornOn,
  member,
  params,
  supporter,
} from './testing/household-builder';

const ok = {
  eating: true,
  dressing: true,
  transferring: true,
  toileting: true,
  indoorWalking: true,
  bathing: true,
};

/** A lone 75-year-old with no income: 低保 gap 65 000 + elderly 6 500 = 71 500; the base for the veto rows. */
const lone75 = () => member('独居老人', 75);

const rows: Row[] = [];

// ---------------------------------------------------------------------------------------------
// DOMAIN.md §3 worked example.
// Husband 45 healthy odd jobs: 0.9 × 1 584 000 = 1 425 600; wife 43 chronic farming: 0.5 × 1 200 000 = 600 000;
// son 15: 0 (under 16, even though marked odd jobs). Medical 360 000 deducted.
// yearly = 1 425 600 + 600 000 − 360 000 = 1 665 600; monthly 138 800; per capita 138 800/3 = 46 266.67 < 65 000.
// gap = 65 000 × 3 − 138 800 = 56 200 (562 元). Son is a minor: +6 500 → 62 700.
// Hardship: status chronic 3 + minor 3 = 6; income <75 % (48 750) 4 + <std 3 + <line 2 + no verified 4 + no support 3 = 16;
// property no vehicle 2 + assets <1/3/6 months 4+3+2 + no business 2 + no securities 1 + no deposits 2 + no property income 1 = 17 → 39.
const workedExample = (): Household => {
  const husband = member('张大', 45, { workType: 'odd_jobs' });
  const wife = member('李二', 43, { relation: 'spouse', health: 'chronic_illness', workType: 'farming' });
  const son = member('张小', 15, { relation: 'child', workType: 'odd_jobs' });
  return household([husband, wife, son], { rigidExpenditures: [{ kind: 'medical', annualFen: 360_000 }] });
};
rows.push({
  name: '01 DOMAIN.md worked example (3 persons, 562 元 gap)',
  household: workedExample(),
  expect: {
    persons: 3,
    coefficients: { 张大: 9_000, 李二: 5_000, 张小: 0 },
    imputed: { 张大: 1_425_600, 李二: 600_000, 张小: 0 },
    deductions: 360_000,
    yearly: 1_665_600,
    monthly: 138_800,
    perCapita: [138_800, 3],
    minimumLiving: true,
    lowIncome: false,
    kind: 'household',
    gapExact: 56_200,
    gap: 56_200,
    increments: { '张小:minor': 6_500 },
    total: 62_700,
    circle: 1,
    hardship: 39,
    referrals: ['minimum_living'],
  },
});
// Same, minors' increment switched off: exactly the 562 元 of the worked example.
rows.push({
  name: '02 worked example without 分类施保 → 562 元',
  household: workedExample(),
  params: params({ classifiedIncrements: { minor: { maxAgeExclusive: 18, ratioBp: 0 } } }),
  expect: { gap: 56_200, increments: {}, total: 56_200 },
});

// ---------------------------------------------------------------------------------------------
// Age-tier edges (birthday on / after the assessment date).
// Born 1985-07-01 → 39 on 2025-06-30? no: 2025−1985 = 40, birthday not yet → 39. Use 1984: 40 until 07-01.
// 40 (born 1984-07-01): tier 16–40 healthy 1.0 → 1 584 000; monthly 132 000 ≥ line 97 500; < 146 250 → circle 3.
rows.push({
  name: '03 age 40 (birthday tomorrow) → coefficient 1.0',
  household: household([member('甲', { born: '1984-07-01' }, { workType: 'odd_jobs' })]),
  expect: {
    coefficients: { 甲: 10_000 },
    yearly: 1_584_000,
    monthly: 132_000,
    minimumLiving: false,
    lowIncome: false,
    circle: 3,
    kind: 'none',
    total: 0,
  },
});
// 41 today (born 1984-06-30): 0.9 → 1 425 600; monthly 118 800 → circle 3.
rows.push({
  name: '04 age 41 (birthday today) → coefficient 0.9',
  household: household([member('乙', { born: '1984-06-30' }, { workType: 'odd_jobs' })]),
  expect: { coefficients: { 乙: 9_000 }, yearly: 1_425_600, monthly: 118_800, circle: 3 },
});
// 60: tier 51–60 → 0.8 → 1 267 200; monthly 105 600, not 低保. 特困 (Arts. 5–6): age ✓, actual income
// 0 < 65 000 ✓ (the imputed 1 267 200 is not income he has), no supporter ✓ → eligible, circle 1.
rows.push({
  name: '05 age 60 → 0.8 for 低保; 特困 judged on actual income → eligible',
  household: household([member('丙', { born: '1965-06-30' }, { workType: 'odd_jobs' })]),
  expect: {
    coefficients: { 丙: 8_000 },
    yearly: 1_267_200,
    monthly: 105_600,
    minimumLiving: false,
    circle: 1,
    extreme: { 丙: true },
  },
});
// 61: tier 61–70 → 0.5 → 792 000; monthly 66 000 ≥ 65 000, < 97 500 → low income. 特困 on actual
// income 0 → eligible, so circle 1 and the 特困 referral.
rows.push({
  name: '06 age 61 → 0.5; low income; 特困 on actual income',
  household: household([member('丁', { born: '1964-06-30' }, { workType: 'odd_jobs' })]),
  expect: {
    coefficients: { 丁: 5_000 },
    yearly: 792_000,
    monthly: 66_000,
    minimumLiving: false,
    lowIncome: true,
    kind: 'none',
    extreme: { 丁: true },
    circle: 1,
    referrals: ['low_income', 'extreme_poverty'],
  },
});
// 70 (born 1954-07-01): 0.5 farming → 600 000; monthly 50 000 → 低保 gap 15 000 + elderly 6 500 = 21 500.
// 特困: 70 ≥ 60 ✓; own 50 000 < 65 000 ✓; no supporter ✓ → eligible.
rows.push({
  name: '07 age 70 → 0.5 farming; 低保 + 特困 (elderly branch)',
  household: household([member('戊', { born: '1954-07-01' }, { workType: 'farming' })]),
  expect: {
    coefficients: { 戊: 5_000 },
    yearly: 600_000,
    monthly: 50_000,
    minimumLiving: true,
    gap: 15_000,
    increments: { '戊:elderly': 6_500 },
    total: 21_500,
    extreme: { 戊: true },
    circle: 1,
    referrals: ['minimum_living', 'extreme_poverty'],
  },
});
// 71: coefficient 0 (>70). Son outside, 45, income 6 000 000, no flags: support 5 % × 6 000 000 × 1 = 300 000.
// monthly 25 000 → gap 40 000 + elderly 6 500 = 46 500. 特困 ✗: the son can support.
const old71 = member('己', { born: '1954-06-30' }, { workType: 'odd_jobs' });
rows.push({
  name: '08 age 71 → 0; support counted at 5 %; 特困 fails on capable supporter',
  household: household([old71], {
    supporters: [supporter('己子', 45, [old71], { annualIncomeFen: 6_000_000 })],
  }),
  expect: {
    coefficients: { 己: 0 },
    support: 300_000,
    yearly: 300_000,
    monthly: 25_000,
    gap: 40_000,
    total: 46_500,
    extreme: { 己: false },
    referrals: ['minimum_living'],
  },
});
// 55 minor illness: 0.6 → 950 400; monthly 79 200 → low income, circle 2.
rows.push({
  name: '09 age 55 minor illness → 0.6',
  household: household([member('庚', 55, { health: 'minor_illness', workType: 'odd_jobs' })]),
  expect: { coefficients: { 庚: 6_000 }, yearly: 950_400, monthly: 79_200, lowIncome: true, circle: 2 },
});
// Declared healthy, certificate grade 4 physical → mild disability 0.5 (30 y) → 792 000; monthly 66 000 → low income.
// Grade-4 physical is not a 单人保 ground. Referrals: low income + 困难残疾人生活补贴.
rows.push({
  name: '10 disability certificate lowers a declared healthy coefficient',
  household: household([
    member('辛', 30, { disability: { grade: 4, type: 'physical' }, workType: 'odd_jobs' }),
  ]),
  expect: {
    coefficients: { 辛: 5_000 },
    yearly: 792_000,
    lowIncome: true,
    kind: 'none',
    referrals: ['low_income', 'disability_living_subsidy'],
  },
});

// ---------------------------------------------------------------------------------------------
// Exempt incomes.
// Couple 75 & 72 (coef 0). Counted: transfer 240 000. Exempt: 基础养老金 180 000, 优抚金 120 000, 计生奖扶 96 000.
// yearly 240 000; monthly 20 000; per capita 10 000 → gap 130 000 − 20 000 = 110 000; elderly 6 500 × 2 → 123 000.
// Each spouse is the other's supporter, living in the household (not counted as support) and, being ≥ 70 with
// income < 30 000 元 and no large assets, unable to support (Art. 8 (3)) → both 特困.
const husband75 = member('赵老', 75, {
  incomes: [
    { kind: 'transfer', annualFen: 240_000 },
    { kind: 'basic_pension_base', annualFen: 180_000 },
    { kind: 'special_care_allowance', annualFen: 120_000 },
  ],
});
const wife72 = member('钱老', 72, {
  relation: 'spouse',
  incomes: [{ kind: 'family_planning_reward', annualFen: 96_000 }],
});
rows.push({
  name: '11 exempt incomes (基础养老金, 优抚金, 计生奖扶); spouses unable to support each other (Art. 8 (3))',
  household: household([husband75, wife72], {
    supporters: [
      {
        ...supporter('赵老', 75, [wife72], {
          relation: 'spouse',
          annualIncomeFen: 240_000,
          livesInHousehold: true,
        }),
        idNumber: husband75.idNumber,
      },
      {
        ...supporter('钱老', 72, [husband75], {
          relation: 'spouse',
          annualIncomeFen: 0,
          livesInHousehold: true,
        }),
        idNumber: wife72.idNumber,
      },
    ],
  }),
  expect: {
    yearly: 240_000,
    support: 0,
    monthly: 20_000,
    perCapita: 10_000,
    gap: 110_000,
    increments: { '赵老:elderly': 6_500, '钱老:elderly': 6_500 },
    total: 123_000,
    extreme: { 赵老: true, 钱老: true },
  },
});
// Applicant 35 verified wage 600 000 (no imputation), 见义勇为 500 000 + 社会救助金 240 000 exempt; daughter 19 full-time
// bachelor (coef 0 though marked odd jobs), scholarship 300 000 exempt. yearly 600 000; monthly 50 000; per capita 25 000.
// gap 130 000 − 50 000 = 80 000; no increments. Referrals: 低保 + 教育救助.
rows.push({
  name: '12 verified wage stops imputation; scholarship, 见义勇为, 社会救助金 exempt; student coefficient 0',
  household: household([
    member('孙一', 35, {
      workType: 'odd_jobs',
      incomes: [
        { kind: 'wage', annualFen: 600_000 },
        { kind: 'heroic_deed_award', annualFen: 500_000 },
        { kind: 'social_assistance', annualFen: 240_000 },
      ],
    }),
    member('孙二', 19, {
      relation: 'child',
      student: { fullTime: true, level: 'bachelor' },
      workType: 'odd_jobs',
      incomes: [{ kind: 'scholarship', annualFen: 300_000 }],
    }),
  ]),
  expect: {
    persons: 2,
    coefficients: { 孙一: 10_000, 孙二: 0 },
    imputed: { 孙一: 0, 孙二: 0 },
    yearly: 600_000,
    perCapita: 25_000,
    gap: 80_000,
    total: 80_000,
    referrals: ['minimum_living', 'education_assistance'],
  },
});

// ---------------------------------------------------------------------------------------------
// Household composition (Art. 7).
// Applicant 50 farming 0.9 → 1 080 000; postgraduate son 23 living apart → excluded. 1 person: monthly 90 000 → low income.
rows.push({
  name: '13 postgraduate adult child living apart is not a co-resident member',
  household: household([
    member('周父', 50, { workType: 'farming' }),
    member('周子', 23, {
      relation: 'child',
      student: { fullTime: true, level: 'postgraduate' },
      cohabitation: { livesTogetherLongTerm: false, ableToLiveIndependently: true },
    }),
  ]),
  expect: {
    persons: 1,
    excluded: ['周子'],
    yearly: 1_080_000,
    perCapita: 90_000,
    minimumLiving: false,
    lowIncome: true,
  },
});
// Applicant 45 seriously ill (0), husband in prison, son 25 a monk apart exactly 3 years → both excluded.
// 1 person, income 0 → gap 65 000 + serious illness 13 000 = 78 000. 特困 ✗ (45, no qualifying disability).
rows.push({
  name: '14 prisoner and clergy ≥ 3 years excluded; seriously ill applicant',
  household: household([
    member('吴', 45, { health: 'serious_illness' }),
    member('吴夫', 46, {
      relation: 'spouse',
      cohabitation: { livesTogetherLongTerm: false, custody: 'prison' },
      incomes: [{ kind: 'wage', annualFen: 5_000_000 }],
    }),
    member('吴子', 25, {
      relation: 'child',
      cohabitation: { livesTogetherLongTerm: false, clergyLivingApartYears: 3 },
    }),
  ]),
  expect: {
    persons: 1,
    excluded: ['吴夫', '吴子'],
    yearly: 0,
    gap: 65_000,
    increments: { '吴:seriously_ill': 13_000 },
    total: 78_000,
    extreme: { 吴: false },
    referrals: ['minimum_living'],
  },
});
// Applicant 50 chronic (0.5 at 41–50) farming → 600 000. Daughter 20 clergy apart 2 years (< 3, stays) and unable to live
// independently → counted; husband declared missing → excluded; grandmother in compulsory rehab → excluded.
// 2 persons: monthly 50 000 → per capita 25 000 → gap 130 000 − 50 000 = 80 000.
rows.push({
  name: '15 clergy apart 2 years stays; missing and compulsory rehab excluded',
  household: household([
    member('郑', 50, { health: 'chronic_illness', workType: 'farming' }),
    member('郑女', 20, {
      relation: 'child',
      cohabitation: {
        livesTogetherLongTerm: false,
        clergyLivingApartYears: 2,
        ableToLiveIndependently: false,
      },
    }),
    member('郑夫', 52, {
      relation: 'spouse',
      cohabitation: { livesTogetherLongTerm: false, custody: 'missing' },
    }),
    member('郑母', 75, {
      relation: 'parent',
      cohabitation: { livesTogetherLongTerm: true, custody: 'compulsory_rehab' },
    }),
  ]),
  expect: {
    persons: 2,
    excluded: ['郑夫', '郑母'],
    yearly: 600_000,
    perCapita: 25_000,
    gap: 80_000,
    total: 80_000,
  },
});
// Applicant 40 odd jobs 1.0 → 1 584 000; parent 68 co-resident (duty by default) counted; grandparent 90 not co-resident
// excluded; sibling 35 co-resident without a support duty excluded. 2 persons: monthly 132 000 → 66 000 → low income.
rows.push({
  name: '16 co-resident parent counts; grandparent apart and sibling without duty do not',
  household: household([
    member('冯', 40, { workType: 'odd_jobs' }),
    member('冯父', 68, { relation: 'parent' }),
    member('冯祖', 90, {
      relation: 'grandparent',
      cohabitation: { livesTogetherLongTerm: false, statutorySupportDuty: true },
    }),
    member('冯弟', 35, {
      relation: 'sibling',
      cohabitation: { livesTogetherLongTerm: true, statutorySupportDuty: false },
      incomes: [{ kind: 'wage', annualFen: 9_000_000 }],
    }),
  ]),
  expect: {
    persons: 2,
    excluded: ['冯祖', '冯弟'],
    yearly: 1_584_000,
    perCapita: 66_000,
    minimumLiving: false,
    lowIncome: true,
    circle: 2,
  },
});

// ---------------------------------------------------------------------------------------------
// Thresholds: exactly at the standard, one fen below, at 1.5×, circle edges.
// wage 780 000 → monthly 65 000 = standard → not 低保 ("below"); < 97 500 → low income.
rows.push({
  name: '17 exactly at the standard → not 低保, low income',
  household: household([member('陈', 30, { incomes: [{ kind: 'wage', annualFen: 780_000 }] })]),
  expect: { perCapita: 65_000, minimumLiving: false, lowIncome: true, kind: 'none', circle: 2 },
});
// wage 779 988 → monthly 64 999 → 低保; gap 1 fen → half-up to the yuan → 0.
rows.push({
  name: '18 one fen below the standard → 低保 with a 0.01 元 gap rounded to 0',
  household: household([member('褚', 30, { incomes: [{ kind: 'wage', annualFen: 779_988 }] })]),
  expect: {
    perCapita: 64_999,
    minimumLiving: true,
    kind: 'household',
    gapExact: 1,
    gap: 0,
    total: 0,
    circle: 1,
  },
});
// wage 1 170 000 → 97 500 = 1.5 × 650 → not low income; circle 3 (97 500 ≤ x < 146 250).
rows.push({
  name: '19 exactly at 1.5 × standard → not low income, circle 3',
  household: household([member('卫', 30, { incomes: [{ kind: 'wage', annualFen: 1_170_000 }] })]),
  expect: { perCapita: 97_500, minimumLiving: false, lowIncome: false, circle: 3, referrals: [] },
});
// one fen below 1.5×: wage 1 169 988 → 97 499 → low income.
rows.push({
  name: '20 one fen below 1.5 × standard → low income',
  household: household([member('蒋', 30, { incomes: [{ kind: 'wage', annualFen: 1_169_988 }] })]),
  expect: { perCapita: 97_499, lowIncome: true, circle: 2 },
});
// wage 1 755 000 → 146 250 = 1.5 × line → circle 4; 2 340 000 → 195 000 = 2 × line → no circle.
rows.push({
  name: '21 per capita at 1.5 × low-income line → circle 4',
  household: household([member('沈', 30, { incomes: [{ kind: 'wage', annualFen: 1_755_000 }] })]),
  expect: { perCapita: 146_250, circle: 4 },
});
rows.push({
  name: '22 per capita at 2 × low-income line → no circle',
  household: household([member('韩', 30, { incomes: [{ kind: 'wage', annualFen: 2_340_000 }] })]),
  expect: { perCapita: 195_000, circle: null },
});

// ---------------------------------------------------------------------------------------------
// Rounding modes. wage 179 400 → monthly 14 950 → gap 50 050 (500.50 元).
const r500_50 = () => household([member('杨', 30, { incomes: [{ kind: 'wage', annualFen: 179_400 }] })]);
rows.push({
  name: '23 yuan-half-up: 500.50 → 501',
  household: r500_50(),
  params: params({ rounding: 'yuan-half-up' }),
  expect: { gapExact: 50_050, gap: 50_100, total: 50_100 },
});
rows.push({
  name: '24 yuan-up: 500.50 → 501',
  household: r500_50(),
  params: params({ rounding: 'yuan-up' }),
  expect: { gap: 50_100 },
});
rows.push({
  name: '25 yuan-down: 500.50 → 500',
  household: r500_50(),
  params: params({ rounding: 'yuan-down' }),
  expect: { gap: 50_000 },
});
rows.push({
  name: '26 fen: 500.50 stays',
  household: r500_50(),
  params: params({ rounding: 'fen' }),
  expect: { gap: 50_050 },
});
// wage 179 401 → monthly 179 401/12; gap = (780 000 − 179 401)/12 = 600 599/12 = 50 049.9166… fen.
const r500_499 = () => household([member('朱', 30, { incomes: [{ kind: 'wage', annualFen: 179_401 }] })]);
rows.push({
  name: '27 fen: 50 049.92 → 50 050 (half-up at the fen)',
  household: r500_499(),
  params: params({ rounding: 'fen' }),
  expect: { monthly: [179_401, 12], gapExact: [600_599, 12], gap: 50_050 },
});
rows.push({
  name: '28 yuan-half-up: 500.4999 → 500',
  household: r500_499(),
  params: params({ rounding: 'yuan-half-up' }),
  expect: { gap: 50_000 },
});
rows.push({
  name: '29 yuan-up: 500.4999 → 501',
  household: r500_499(),
  params: params({ rounding: 'yuan-up' }),
  expect: { gap: 50_100 },
});

// ---------------------------------------------------------------------------------------------
// Support exemptions: lone 75-year-old, son 45 (or as stated) with 6 000 000 income and one flag → support 0,
// gap 65 000 + 6 500 = 71 500. 特困 depends on Art. 8, which lists different reasons (see each row).
const supportRow = (
  name: string,
  flags: Record<string, unknown>,
  extreme: boolean,
  age = 45,
  income = 6_000_000,
): Row => {
  const old = lone75();
  return {
    name,
    household: household([old], {
      supporters: [supporter('儿子', age, [old], { annualIncomeFen: income, flags })],
    }),
    expect: { support: 0, yearly: 0, gap: 65_000, total: 71_500, extreme: { 独居老人: extreme } },
  };
};
// On 低保 but 45 < 60: support exempt, yet Art. 8 (2) needs age ≥ 60 → still able → 特困 ✗.
rows.push(
  supportRow(
    '30 supporter on 低保 (45): support not counted; still an able supporter for 特困',
    { onMinimumLiving: true },
    false,
  ),
);
// Serious illness: exempt from support; not an Art. 8 reason → 特困 ✗.
rows.push(supportRow('31 supporter seriously ill: support not counted', { seriousIllness: true }, false));
// Grade-2 disability with income 2 000 000 < 3 000 000 line: exempt and Art. 8 (4) → 特困 ✓.
rows.push(
  supportRow(
    '32 supporter severely disabled, low income: not counted; Art. 8 (4) → 特困',
    { disability: { grade: 2, type: 'physical' } },
    true,
    45,
    2_000_000,
  ),
);
// In prison, no large assets: exempt and Art. 8 (5) → 特困 ✓.
rows.push(supportRow('33 supporter in prison: not counted; Art. 8 (5) → 特困', { inPrison: true }, true));
// Student: exempt; not an Art. 8 reason → 特困 ✗.
rows.push(supportRow('34 supporter a student: not counted', { student: true }, false, 20));
// On 低保 and 62: Art. 8 (2) → 特困 ✓. Self-care: 4 items failed → complete loss → care referral.
const old85 = member('老人甲', 85, {
  selfCare: { ...ok, eating: false, dressing: false, bathing: false, toileting: false },
});
rows.push({
  name: '35 supporter on 低保 aged 62 (Art. 8 (2)) → 特困; self-care 4 failed → complete loss',
  household: household([old85], {
    supporters: [supporter('儿子', 62, [old85], { flags: { onMinimumLiving: true } })],
  }),
  expect: {
    gap: 65_000,
    total: 71_500,
    extreme: { 老人甲: true },
    selfCare: { 老人甲: 'none' },
    referrals: ['minimum_living', 'extreme_poverty', 'care_service'],
  },
});
// Upper ratio: son with a luxury car, 6 000 000 × 10 % × 2 parents = 1 200 000 → monthly 100 000; per capita 50 000;
// gap 130 000 − 100 000 = 30 000; elderly 6 500 × 2 → 43 000. Son is able → 特困 ✗ for both.
const father72 = member('父', 72);
const mother70 = member('母', 70, { relation: 'spouse' });
rows.push({
  name: '36 supporter with luxury car → upper ratio 10 % for each of two parents',
  household: household([father72, mother70], {
    supporters: [
      supporter('子', 45, [father72, mother70], { annualIncomeFen: 6_000_000, flags: { luxuryCar: true } }),
    ],
  }),
  expect: {
    support: 1_200_000,
    monthly: 100_000,
    perCapita: 50_000,
    gap: 30_000,
    total: 43_000,
    extreme: { 父: false, 母: false },
  },
});

// ---------------------------------------------------------------------------------------------
// Self-care and 特困 branches.
// Applicant 65 farming 0.5 → 600 000 → 50 000 → gap 15 000 + 6 500 = 21 500; all 6 items OK → full; 特困 ✓ (≥ 60, own 50 000 < 65 000).
rows.push({
  name: '37 self-care 0 failed → full; 特困 at 65 with farm income below the standard',
  household: household([member('王', 65, { workType: 'farming', selfCare: ok })]),
  expect: {
    yearly: 600_000,
    gap: 15_000,
    total: 21_500,
    selfCare: { 王: 'full' },
    extreme: { 王: true },
    referrals: ['minimum_living', 'extreme_poverty'],
  },
});
// Applicant 62 (0.5 but work type none → no imputation), grandson 10 co-resident with duty, 3 items failed → partial; he is in
// the orphan scheme → not 特困 (Art. 9). Income 0: gap 130 000; elderly 6 500 + minor 6 500 → 143 000.
rows.push({
  name: '38 self-care 3 failed → partial; orphan-scheme child not 特困 (Art. 9)',
  household: household([
    member('李祖', 62),
    member('李孙', 10, {
      relation: 'grandchild',
      cohabitation: { livesTogetherLongTerm: true, statutorySupportDuty: true },
      inOrphanScheme: true,
      selfCare: { ...ok, bathing: false, dressing: false, indoorWalking: false },
    }),
  ]),
  expect: {
    persons: 2,
    imputed: { 李祖: 0, 李孙: 0 },
    gap: 130_000,
    increments: { '李祖:elderly': 6_500, '李孙:minor': 6_500 },
    total: 143_000,
    selfCare: { 李孙: 'partial' },
    extreme: { 李祖: true, 李孙: false },
    referrals: ['minimum_living', 'extreme_poverty', 'care_service'],
  },
});
// Child under 16 without orphan scheme and no supporter → 特困 (child branch). 1 person, income 0: gap 65 000 + minor 6 500.
rows.push({
  name: '39 特困 child branch (under 16, no supporter)',
  household: household([member('孤', 12)]),
  expect: { gap: 65_000, total: 71_500, extreme: { 孤: true } },
});
// Intellectual grade 3 (Art. 5) → no labour capacity. Category mild (0.5) but work type none → income 0. gap 65 000; grade 3 is
// not a severe-disability increment → total 65 000.
rows.push({
  name: '40 特困 disability branch: intellectual grade 3',
  household: household([
    member('智', 35, { health: 'disability_mild', disability: { grade: 3, type: 'intellectual' } }),
  ]),
  expect: {
    coefficients: { 智: 5_000 },
    gap: 65_000,
    total: 65_000,
    extreme: { 智: true },
    referrals: ['minimum_living', 'extreme_poverty', 'disability_living_subsidy'],
  },
});
// Physical grade 3 is not "no labour capacity" (needs grade 1–2) → 特困 ✗; 低保 gap 65 000.
rows.push({
  name: '41 physical grade 3 → not 特困',
  household: household([
    member('肢', 35, { health: 'disability_mild', disability: { grade: 3, type: 'physical' } }),
  ]),
  expect: { gap: 65_000, extreme: { 肢: false } },
});
// Visual grade 1 ✓, visual grade 2 ✗ (Art. 5: visual only grade 1). Both severe (coef 0, +19 500 each):
// gap 130 000 + 39 000 = 169 000.
rows.push({
  name: '42 visual grade 1 is 特困, grade 2 is not; severe-disability increments',
  household: household([
    member('视一', 40, { disability: { grade: 1, type: 'visual' } }),
    member('视二', 40, { relation: 'spouse', disability: { grade: 2, type: 'visual' } }),
  ]),
  expect: {
    coefficients: { 视一: 0, 视二: 0 },
    gap: 130_000,
    total: 169_000,
    extreme: { 视一: true, 视二: false },
    referrals: [
      'minimum_living',
      'extreme_poverty',
      'disability_living_subsidy',
      'severe_disability_care_subsidy',
    ],
  },
});
// 特困 income branch: 80-year-old with pension (transfer) 900 000 → 75 000/month ≥ 65 000 → ✗; 低保 ✗; low income ✓.
rows.push({
  name: '43 特困 fails on own income; household low income',
  household: household([member('高', 80, { incomes: [{ kind: 'transfer', annualFen: 900_000 }] })]),
  expect: { perCapita: 75_000, minimumLiving: false, lowIncome: true, extreme: { 高: false }, circle: 2 },
});

// ---------------------------------------------------------------------------------------------
// Property test (limit 24 × 65 000 × 1 = 1 560 000).
// Deposits 1 000 000 + securities 560 001 = 1 560 001 > limit → property fails → 低保 ✗, low income ✗, 特困 ✗; no circle.
rows.push({
  name: '44 deposits + securities one fen over the limit',
  household: household([lone75()], { assets: assets({ depositsFen: 1_000_000, securitiesFen: 560_001 }) }),
  expect: {
    vetoes: ['financial_assets_above_limit'],
    propertyPassed: false,
    minimumLiving: false,
    lowIncome: false,
    kind: 'none',
    total: 0,
    extreme: { 独居老人: false },
    circle: null,
    referrals: [],
  },
});
// Exactly at the limit, plus a disability-aid vehicle and a work vehicle (allowed), business 10 000 000 (= limit, allowed).
rows.push({
  name: '45 assets exactly at the limit; allowed vehicles; business at the limit',
  household: household([lone75()], {
    assets: assets({
      depositsFen: 1_560_000,
      vehicles: [
        { description: '残疾人代步车', purpose: 'disability_aid' },
        { description: '农用三轮车', purpose: 'work' },
      ],
      businesses: [{ description: '小卖部', valueFen: 10_000_000 }],
    }),
  }),
  expect: { vetoes: [], propertyPassed: true, gap: 65_000, total: 71_500, extreme: { 独居老人: true } },
});
// Two persons double the limit: 24 × 65 000 × 2 = 3 120 000; deposits 3 120 000 pass.
rows.push({
  name: '46 asset limit scales with covered persons',
  household: household([member('甲', 75), member('乙', 74, { relation: 'spouse' })], {
    assets: assets({ depositsFen: 3_120_000 }),
  }),
  expect: { propertyPassed: true, gap: 130_000, total: 143_000 },
});

// ---------------------------------------------------------------------------------------------
// One-vote veto: each clause on the lone 75-year-old → refused, no benefit, no 特困, no circle, no referrals.
const vetoRows: [ExclusionClauseId, Partial<Household>][] = [
  ['vehicle_not_needed', { assets: assets({ vehicles: [{ description: '私家轿车', purpose: 'private' }] }) }],
  ['multiple_or_luxury_homes', { assets: assets({ homes: { count: 2, luxury: false } }) }],
  [
    'business_above_threshold',
    { assets: assets({ businesses: [{ description: '公司股份', valueFen: 10_000_001 }] }) },
  ],
  ['refuses_work', { exclusionFacts: { refusesWorkWithoutReason: true } }],
  ['self_paid_travel_or_study_abroad', { exclusionFacts: { selfPaidTravelOrStudyAbroad: true } }],
  ['luxury_consumption', { exclusionFacts: { luxuryConsumption: true } }],
  ['employs_domestic_help', { exclusionFacts: { employsDomesticHelp: true } }],
  ['refuses_verification', { exclusionFacts: { refusesVerificationOrVisit: true } }],
  ['concealed_income_or_false_material', { exclusionFacts: { concealedIncomeOrFalseMaterial: true } }],
  ['public_employee_member', { exclusionFacts: { publicEmployeeMember: true } }],
  [
    'transferred_property_or_waived_support',
    { exclusionFacts: { transferredPropertyOrWaivedSupport: true } },
  ],
  ['high_end_renovation', { exclusionFacts: { highEndRenovation: true } }],
  ['private_high_fee_schooling', { exclusionFacts: { privateHighFeeSchooling: true } }],
];
vetoRows.forEach(([id, over], i) => {
  rows.push({
    name: `${47 + i} veto ${id}`,
    household: household([lone75()], over),
    expect: {
      vetoes: [id],
      minimumLiving: false,
      lowIncome: false,
      kind: 'none',
      total: 0,
      extreme: { 独居老人: false },
      circle: null,
      referrals: [],
    },
  });
});
// 60: a luxury single home also hits the homes clause.
rows.push({
  name: '60 veto multiple_or_luxury_homes by a luxury home',
  household: household([lone75()], { assets: assets({ homes: { count: 1, luxury: true } }) }),
  expect: { vetoes: ['multiple_or_luxury_homes'], propertyPassed: false, total: 0 },
});
// 61: a member employed as a public employee hits the clause without the household fact.
rows.push({
  name: '61 veto public_employee_member derived from a member',
  household: household([
    lone75(),
    member('公务员子', 40, {
      relation: 'child',
      employment: 'public_employee',
      incomes: [{ kind: 'wage', annualFen: 100 }],
    }),
  ]),
  expect: { vetoes: ['public_employee_member'], minimumLiving: false },
});
// 62: the same private car with the clause disabled → no hit → eligible again (71 500).
rows.push({
  name: '62 disabled clause is not applied',
  household: household([lone75()], {
    assets: assets({ vehicles: [{ description: '私家轿车', purpose: 'private' }] }),
  }),
  params: params({
    exclusionClauses: params().exclusionClauses.map((c) =>
      c.id === 'vehicle_not_needed' ? { ...c, enabled: false } : c,
    ),
  }),
  expect: { vetoes: [], propertyPassed: true, total: 71_500 },
});

// ---------------------------------------------------------------------------------------------
// Rigid-expenditure caps.
// wage 3 000 000; medical 2 500 000 capped at 2 000 000 → yearly 1 000 000; monthly 1 000 000/12; per capita the same
// (83 333.33) → low income; medical ≥ 1 000 000 → medical assistance referral.
rows.push({
  name: '63 medical deduction capped per household',
  household: household([member('秦', 45, { incomes: [{ kind: 'wage', annualFen: 3_000_000 }] })], {
    rigidExpenditures: [{ kind: 'medical', annualFen: 2_500_000 }],
  }),
  expect: {
    deductions: 2_000_000,
    yearly: 1_000_000,
    perCapita: [1_000_000, 12],
    lowIncome: true,
    referrals: ['low_income', 'medical_assistance'],
  },
});
// Two students, tuition 900 000 each, cap 800 000 per person → 1 600 000. wage 3 000 000 → yearly 1 400 000;
// monthly 350 000/3; per capita 350 000/9 = 38 888.89 → 低保. gap = 195 000 − 350 000/3 = 235 000/3 = 78 333.33 → 78 300;
// the 17-year-old is a minor → +6 500 → 84 800.
const stu1 = member('许一', 19, { relation: 'child', student: { fullTime: true, level: 'bachelor' } });
const stu2 = member('许二', 17, { relation: 'child', student: { fullTime: true, level: 'senior_high' } });
rows.push({
  name: '64 tuition capped per student',
  household: household(
    [member('许', 45, { incomes: [{ kind: 'wage', annualFen: 3_000_000 }] }), stu1, stu2],
    {
      rigidExpenditures: [
        { kind: 'tuition', annualFen: 900_000, memberIdNumber: stu1.idNumber },
        { kind: 'tuition', annualFen: 900_000, memberIdNumber: stu2.idNumber },
      ],
    },
  ),
  expect: {
    deductions: 1_600_000,
    yearly: 1_400_000,
    monthly: [350_000, 3],
    perCapita: [350_000, 9],
    gapExact: [235_000, 3],
    gap: 78_300,
    total: 84_800,
    referrals: ['minimum_living', 'education_assistance'],
  },
});
// Pension insurance 400 000 capped at 300 000: wage 900 000 → 600 000 → 50 000 → gap 15 000.
rows.push({
  name: '65 pension-insurance deduction capped',
  household: household([member('何', 30, { incomes: [{ kind: 'wage', annualFen: 900_000 }] })], {
    rigidExpenditures: [{ kind: 'pension_insurance', annualFen: 400_000 }],
  }),
  expect: { deductions: 300_000, yearly: 600_000, gap: 15_000, total: 15_000 },
});
// Deductions cannot make income negative: income 0, medical 1 500 000 → deducted 0; gap 65 000 + ill 13 000.
rows.push({
  name: '66 deductions limited to income',
  household: household([member('吕', 50, { health: 'serious_illness' })], {
    rigidExpenditures: [{ kind: 'medical', annualFen: 1_500_000 }],
  }),
  expect: {
    deductions: 0,
    yearly: 0,
    gap: 65_000,
    total: 78_000,
    referrals: ['minimum_living', 'medical_assistance'],
  },
});

// ---------------------------------------------------------------------------------------------
// 单人保 and 分类施保.
// wage 1 800 000 → 150 000 → per capita 75 000 (low income). Seriously ill wife, own income 0 → 65 000 + 13 000 = 78 000.
rows.push({
  name: '67 单人保 for a seriously ill member of a 低保边缘 household',
  household: household([
    member('施', 45, { incomes: [{ kind: 'wage', annualFen: 1_800_000 }] }),
    member('施妻', 44, { relation: 'spouse', health: 'serious_illness' }),
  ]),
  expect: {
    perCapita: 75_000,
    minimumLiving: false,
    lowIncome: true,
    kind: 'single_person',
    gap: 65_000,
    total: 78_000,
    circle: 2,
    referrals: ['single_person_coverage', 'low_income'],
  },
});
// Mental grade 3 wife with transfer 120 000 (10 000/month); household (1 800 000 + 120 000)/12/2 = 80 000 → low income.
// own_income_gap: 65 000 − 10 000 = 55 000; full_standard: 65 000. No increment (grade 3, age 44).
const mentalHousehold = () =>
  household([
    member('孔', 45, { incomes: [{ kind: 'wage', annualFen: 1_800_000 }] }),
    member('孔妻', 44, {
      relation: 'spouse',
      health: 'disability_mild',
      disability: { grade: 3, type: 'mental' },
      incomes: [{ kind: 'transfer', annualFen: 120_000 }],
    }),
  ]);
rows.push({
  name: '68 单人保 grade-3 mental, standard − own income',
  household: mentalHousehold(),
  expect: { perCapita: 80_000, kind: 'single_person', gap: 55_000, total: 55_000 },
});
rows.push({
  name: '69 单人保 full-standard basis',
  household: mentalHousehold(),
  params: params({
    singlePersonCoverage: { enabled: true, basis: 'full_standard', floorForMinimumLivingHouseholds: true },
  }),
  expect: { kind: 'single_person', gap: 65_000, total: 65_000 },
});
// 75-year-old, grade-1 disability and seriously ill: highest = 19 500 → 84 500; sum = 6 500 + 19 500 + 13 000 → 104 000.
const multi = () =>
  household([member('曹', 75, { health: 'serious_illness', disability: { grade: 1, type: 'physical' } })]);
rows.push({
  name: '70 increments: highest only',
  household: multi(),
  expect: { gap: 65_000, increments: { '曹:severely_disabled': 19_500 }, total: 84_500 },
});
rows.push({
  name: '71 increments: summed',
  household: multi(),
  params: params({ classifiedIncrements: { stacking: 'sum' } }),
  expect: {
    increments: { '曹:elderly': 6_500, '曹:severely_disabled': 19_500, '曹:seriously_ill': 13_000 },
    total: 104_000,
  },
});
// 就高 floor: wage 1 559 988 → 129 999 → per capita 64 999.5 < 65 000 → 低保 household gap 1 (fen) → 0;
// increments: ill wife 13 000 → household total 13 000. Her 单人保 would be 65 000 + 13 000 = 78 000 → top-up 65 000 → 78 000.
rows.push({
  name: '72 低保 household never gets less than 单人保 (就高 floor)',
  household: household([
    member('严', 45, { incomes: [{ kind: 'wage', annualFen: 1_559_988 }] }),
    member('严妻', 44, { relation: 'spouse', health: 'serious_illness' }),
  ]),
  expect: {
    perCapita: [129_999, 2],
    minimumLiving: true,
    kind: 'household',
    gapExact: 1,
    gap: 0,
    topUp: 65_000,
    total: 78_000,
  },
});

// ---------------------------------------------------------------------------------------------
// Area type, imputation defaults, verified business.
// Urban standard 80 000: wage 900 000 → 75 000 < 80 000 → 低保 gap 5 000 (the rural standard would refuse).
rows.push({
  name: '73 urban standard',
  household: household([member('华', 30, { incomes: [{ kind: 'wage', annualFen: 900_000 }] })]),
  params: params({ areaType: 'urban' }),
  expect: { minimumLiving: true, gap: 5_000, total: 5_000 },
});
// Unknown work type defaults to odd jobs: 1.0 × 1 584 000 → 132 000 → circle 3.
rows.push({
  name: '74 unknown work type → odd-jobs imputation by default',
  household: household([member('金', 30, { workType: undefined })]),
  expect: { imputed: { 金: 1_584_000 }, monthly: 132_000, circle: 3 },
});
rows.push({
  name: '75 unknown work type, region default none → no imputation',
  household: household([member('魏', 30, { workType: undefined })]),
  params: params({ imputation: { workingMonths: 8, farmRatioBp: 6_000, whenWorkTypeUnknown: 'none' } }),
  expect: { imputed: { 魏: 0 }, gap: 65_000 },
});
// Farming with verified business 300 000 → no farm imputation; 25 000 → gap 40 000.
rows.push({
  name: '76 verified business income replaces farm imputation',
  household: household([
    member('陶', 50, { workType: 'farming', incomes: [{ kind: 'business', annualFen: 300_000 }] }),
  ]),
  expect: { imputed: { 陶: 0 }, yearly: 300_000, gap: 40_000 },
});

// ---------------------------------------------------------------------------------------------
// Needs matching and the hardship index.
// Lone 75-year-old after a fire. 低保 71 500; 特困 ✓. Hardship: status elderly60 4 + elderly70 3 + no labour 8 = 15;
// income <25/50/75/100 % 8+6+4+3 + <line 2 + no verified 4 + no support 3 + sudden 5 = 35;
// property no vehicle 2 + assets 4+3+2 + no business 2 + no securities 1 + no deposits 2 + home damaged 4 + no property income 1 = 21 → 71.
rows.push({
  name: '77 fire: temporary assistance and housing; hardship index 71',
  household: household([lone75()], { suddenHardship: { kind: 'fire', description: '住房失火' } }),
  expect: {
    total: 71_500,
    hardship: 71,
    circle: 1,
    referrals: ['minimum_living', 'extreme_poverty', 'temporary_assistance', 'housing_assistance'],
  },
});
// Unemployed able father (odd jobs 1 584 000), seriously ill wife, son 8 in primary school. monthly 132 000; per capita 44 000;
// gap 195 000 − 132 000 = 63 000; wife ill 13 000 + son minor 6 500 → 82 500. Single-person floor: wife alone would get
// 65 000 + 13 000 = 78 000 < 82 500 → no top-up.
rows.push({
  name: '78 employment and education referrals',
  household: household([
    member('姜', 35, { workType: 'odd_jobs', employment: 'unemployed' }),
    member('姜妻', 33, { relation: 'spouse', health: 'serious_illness' }),
    member('姜子', 8, { relation: 'child', student: { fullTime: true, level: 'primary' } }),
  ]),
  expect: {
    monthly: 132_000,
    gap: 63_000,
    topUp: 0,
    total: 82_500,
    referrals: ['minimum_living', 'employment_assistance', 'education_assistance'],
  },
});
// No home: housing referral for a 低保 household.
rows.push({
  name: '79 no home → housing assistance',
  household: household([member('戚', 30, { incomes: [{ kind: 'wage', annualFen: 600_000 }] })], {
    assets: assets({ homes: { count: 0, luxury: false } }),
  }),
  expect: { gap: 15_000, referrals: ['minimum_living', 'housing_assistance'] },
});

describe('assess — hand-computed households', () => {
  it('has at least 40 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const result = assess(row.household, row.params ?? params(), {
      assessmentDate: row.date ?? ASSESSMENT_DATE,
    });
    check(result, row.expect);
  });
});

describe('explanation lines', () => {
  it('names no start month when assessed before any decision: the decision, dated later, states it', () => {
    const r = assess(workedExample(), params(), { assessmentDate: ASSESSMENT_DATE });
    const total = r.lines.find((l) => l.rule === 'benefit.total')?.label;
    expect(total).toBe('月保障金合计 = 562元 + 65元 = 627元，自作出决定之日的次月起发放');
  });

  it('prints the worked example step by step with amounts and bases', () => {
    const r = assess(workedExample(), params(), {
      assessmentDate: ASSESSMENT_DATE,
      decisionDate: '2025-07-15',
    });
    const amount = (rule: string) => r.lines.filter((l) => l.rule === rule).map((l) => l.amountFen);
    expect(amount('income.imputed.odd_jobs')).toEqual([1_425_600]);
    expect(amount('income.imputed.farming')).toEqual([600_000]);
    expect(amount('rigid.deduction')).toEqual([360_000]);
    expect(amount('income.yearly')).toEqual([1_665_600]);
    expect(amount('income.monthly')).toEqual([138_800]);
    expect(amount('income.per_capita')).toEqual([46_267]);
    expect(r.lines.find((l) => l.rule === 'income.per_capita')?.exactFen).toEqual({ num: 138_800, den: 3 });
    expect(amount('benefit.household_gap')).toEqual([56_200]);
    expect(r.benefit.startMonth).toBe('2025-08');
    expect(r.parameterVersion).toEqual({
      versionId: 'default-2025-01',
      regionCode: '150422',
      effectiveFrom: '2025-01-01',
      label: '现行最低生活保障标准',
    });
    expect(r.lines.every((l) => l.basis.length > 0 && l.label.length > 0)).toBe(true);
    const order = [
      'household.member',
      'labour.coefficient',
      'income.yearly',
      'program.minimum_living',
      'benefit.total',
    ].map((rule) => r.lines.findIndex((l) => l.rule === rule));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('shows every figure with its inputs and the formula in numbers, and the standard by its instrument', () => {
    const r = assess(
      workedExample(),
      {
        ...params(),
        versionNote: '2025年农村低保标准',
        standardInstrument: '某县人民政府关于公布2025年城乡最低生活保障标准的通知',
      },
      {
        assessmentDate: ASSESSMENT_DATE,
        decisionDate: '2025-07-15',
      },
    );
    const label = (rule: string) =>
      r.lines
        .filter((l) => l.rule === rule)
        .map((l) => l.label)
        .join('\n');
    expect(label('parameters.standard')).toBe(
      '适用农村低保标准（每人每月）650元；依据《某县人民政府关于公布2025年城乡最低生活保障标准的通知》',
    );
    expect(r.parameterVersion.label).toBe('《某县人民政府关于公布2025年城乡最低生活保障标准的通知》');
    // Nothing internal reaches a family's document: no UUID, region code, ISO date or note.
    for (const text of [label('parameters.standard'), r.parameterVersion.label]) {
      expect(text).not.toMatch(/default-2025-01|150422|2025-01-01|2025年农村低保标准/);
    }
    const plain = assess(workedExample(), params(), {
      assessmentDate: ASSESSMENT_DATE,
      decisionDate: '2025-07-15',
    });
    expect(plain.lines.find((l) => l.rule === 'parameters.standard')?.label).toBe(
      '适用农村低保标准（每人每月）650元',
    );
    expect(label('income.imputed.odd_jobs')).toBe(
      '张大：无核实劳动收入，务工推算收入 0.9（41–50周岁·健康） × 1,980元（上年最低工资/月） × 8个月 = 14,256元',
    );
    expect(label('income.imputed.farming')).toBe(
      '李二：无核实劳动收入，务农推算收入 0.5（41–50周岁·慢性病） × 20,000元（上年农村居民人均可支配收入） × 60% = 6,000元',
    );
    expect(label('rigid.deduction')).toBe(
      '全户医疗自付费用扣减：申报3,600元，每户上限20,000元，未超上限，全额扣减 = 3,600元',
    );
    expect(label('income.yearly')).toBe(
      '家庭年收入 = 核实收入0元 + 推算收入20,256元 + 赡养费0元 − 刚性支出扣减3,600元 = 16,656元',
    );
    expect(label('income.monthly')).toBe('家庭月收入 = 16,656元 ÷ 12 = 1,388元');
    expect(label('income.per_capita')).toBe('家庭月人均收入 = 1,388元 ÷ 3人 = 462.67元');
    expect(label('benefit.household_gap')).toBe(
      '按户施保：保障标准650元 × 3人 − 家庭月收入1,388元 = 562元（不低于零）',
    );
    expect(label('benefit.increment')).toBe(
      '分类施保：张小（未成年人）保障标准650元 × 10% = 65元（多项符合时取最高）',
    );
    expect(label('benefit.total')).toBe('月保障金合计 = 562元 + 65元 = 627元，自2025-08起发放');
  });

  it('shows support and a capped per-person deduction with their inputs', () => {
    const mother = lone75();
    const student = member('小明', 19, {
      relation: 'grandchild',
      cohabitation: { livesTogetherLongTerm: true, statutorySupportDuty: true },
      student: { fullTime: true, level: 'bachelor' },
    });
    const r = assess(
      household([mother, student], {
        supporters: [
          supporter('长子', 50, [mother], { annualIncomeFen: 6_000_000, flags: { luxuryCar: true } }),
        ],
        rigidExpenditures: [{ kind: 'tuition', annualFen: 1_200_000, memberIdNumber: student.idNumber }],
      }),
      params(),
      { assessmentDate: ASSESSMENT_DATE },
    );
    const label = (rule: string) => r.lines.find((l) => l.rule === rule)?.label;
    expect(label('support.counted')).toBe(
      '长子：赡养（抚养、扶养）费 60,000元（义务人年收入） × 10%，义务人有大额资产、豪华车辆或高档住房，按上限比例 × 1人（被赡养人） = 6,000元',
    );
    expect(label('rigid.deduction')).toBe(
      '小明学费扣减：申报12,000元，每人上限8,000元，超过上限，按上限扣减 = 8,000元',
    );
  });

  it('names the failed clause and its basis on a refusal', () => {
    const r = assess(
      household([lone75()], { exclusionFacts: { refusesVerificationOrVisit: true } }),
      params(),
      { assessmentDate: ASSESSMENT_DATE },
    );
    const failed = r.lines.filter((l) => l.outcome === 'fail' && l.rule.startsWith('veto.'));
    expect(failed.map((l) => l.rule)).toEqual(['veto.refuses_verification']);
    expect(failed[0].basis).toContain('第九条');
    expect(r.minimumLiving.reasons.join()).toContain('拒绝签署核对授权书或拒绝入户调查');
  });

  it('states why a member is excluded', () => {
    const r = assess(
      household([
        member('甲', 40),
        member('乙', 41, {
          relation: 'spouse',
          cohabitation: { livesTogetherLongTerm: false, custody: 'prison' },
        }),
      ]),
      params(),
      { assessmentDate: ASSESSMENT_DATE },
    );
    expect(r.excludedMembers).toEqual([
      { idNumber: expect.any(String), name: '乙', reason: '在监狱服刑，不计入共同生活家庭成员' },
    ]);
  });
});

describe('input checks', () => {
  it('refuses parameters not yet in force on the assessment date', () => {
    expect(() => assess(household([lone75()]), params(), { assessmentDate: '2024-12-31' })).toThrow(
      '早于参数版本 default-2025-01 的生效日期 2025-01-01',
    );
  });
  it('refuses a household without exactly one applicant', () => {
    expect(() =>
      assess(household([member('甲', 40, { relation: 'spouse' })]), params(), {
        assessmentDate: ASSESSMENT_DATE,
      }),
    ).toThrow('应有且只有一名申请人');
  });
  it('refuses a fractional fen amount', () => {
    expect(() =>
      assess(household([member('甲', 40, { incomes: [{ kind: 'wage', annualFen: 0.5 }] })]), params(), {
        assessmentDate: ASSESSMENT_DATE,
      }),
    ).toThrow('单位：分');
  });
  it('refuses an applicant in prison', () => {
    expect(() =>
      assess(
        household([member('甲', 40, { cohabitation: { livesTogetherLongTerm: false, custody: 'prison' } })]),
        params(),
        { assessmentDate: ASSESSMENT_DATE },
      ),
    ).toThrow('申请人本人不属于共同生活家庭成员');
  });
  it('uses a valid ID builder', () => {
    expect(idBornOn('1984-06-30')).toMatch(/^15042219840630\d{3}[\dX]$/);
  });
});
