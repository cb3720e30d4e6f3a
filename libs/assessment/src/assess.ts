/**
 * 以算为主、以评为辅、以核为准: the calculation step. Pure: the same household, parameters and
 * date always give the same result; nothing is read from the clock, the database or the network.
 */
import { calendarDateProblem } from '@app/common';
import { ageOn } from '@app/assistance';
import { BASIS } from './basis';
import { computeBenefit, qualifiesForSinglePersonCoverage } from './benefit';
import { coResidentObligors } from './co-resident-obligors';
import { checkExclusionClauses } from './exclusion-clauses';
import { Explanation, linesWrittenOnFirstUse, yuan } from './explanation';
import { assessExtremePoverty } from './extreme-poverty';
import { hardshipIndex } from './hardship-index';
import type { Household, Member, Supporter } from './household';
import { composeHousehold } from './household-composition';
import { informationCircle } from './information-circle';
import { labourCapacity } from './labour-capacity';
import { memberIncome } from './member-income';
import {
  type ExactFen,
  ZERO,
  add,
  divInt,
  fen,
  formatPercent,
  formatRatio,
  lt,
  min,
  mulBp,
  sub,
} from './money';
import { type PolicyParameters, monthlyStandard, parameterVersionLabel } from './parameters';
import { money } from './figures';
import { matchNeeds } from './referrals';
import type { AssessmentOptions, AssessmentResult, MemberAssessment, ProgramTest } from './result';
import { RIGID_KIND_LABELS, rigidDeductions } from './rigid-expenditure';
import { assessSelfCare } from './self-care';
import { supportContributions, supporterIncapacity } from './support';
import { validateHousehold } from './validate-household';
import { type ValidationProblem, validateParameters } from './validate-parameters';

export class AssessmentInputError extends Error {
  constructor(readonly problems: ValidationProblem[]) {
    super(`评估输入有误：${problems.map((p) => `${p.field}：${p.message}`).join('；')}`);
    this.name = 'AssessmentInputError';
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byId = <T extends { idNumber: string }>(a: T, b: T) =>
  a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0;

/** Order-independence: members, supporters and expenditures are put in a canonical order first. */
function canonical(h: Household): Household {
  return {
    ...h,
    members: [...h.members].sort(byId),
    supporters: [...h.supporters].sort(byId).map((s) => ({ ...s, supports: [...s.supports].sort() })),
    rigidExpenditures: [...h.rigidExpenditures].sort(
      (a, b) =>
        byText(a.kind, b.kind) ||
        byText(a.memberIdNumber ?? '', b.memberIdNumber ?? '') ||
        a.annualFen - b.annualFen,
    ),
  };
}

/** A cap per person needs the person: an unnamed line would be pooled with others under one cap. */
function perPersonCapProblems(h: Household, p: PolicyParameters): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  h.rigidExpenditures.forEach((r, i) => {
    if (p.rigidExpenditureCaps[r.kind].per === 'person' && !r.memberIdNumber) {
      out.push({
        field: `rigidExpenditures[${i}].memberIdNumber`,
        message: `${RIGID_KIND_LABELS[r.kind]}按人设扣减上限，请注明是哪一名家庭成员的支出`,
      });
    }
  });
  return out;
}

/**
 * Parameter sets are checked once per object: a bulk re-assessment passes the same set for every
 * household, and the check (every coefficient, clause and item) cost more than many assessments.
 * Callers treat a parameter set as immutable once it is in use.
 */
/** The last date checked and its verdict: a bulk run assesses every household on one date. */
let lastDate: { date: string; problem: string | undefined } | null = null;
function dateProblemOf(date: string): string | undefined {
  if (lastDate?.date !== date) lastDate = { date, problem: calendarDateProblem(date) };
  return lastDate.problem;
}

const checkedParameters = new WeakMap<PolicyParameters, ValidationProblem[]>();

function parameterProblems(p: PolicyParameters): ValidationProblem[] {
  let problems = checkedParameters.get(p);
  if (!problems) {
    problems = validateParameters(p);
    checkedParameters.set(p, problems);
  }
  return problems;
}

export function assess(
  household: Household,
  p: PolicyParameters,
  options: AssessmentOptions,
): AssessmentResult {
  const date = options.assessmentDate;
  const checked = parameterProblems(p);
  const problems = checked.length > 0 ? [...checked] : [];
  const dateProblem = dateProblemOf(date);
  if (dateProblem) problems.push({ field: 'assessmentDate', message: `评估日期${dateProblem}` });
  else if (date < p.effectiveFrom) {
    problems.push({
      field: 'assessmentDate',
      message: `评估日期 ${date} 早于参数版本 ${p.versionId} 的生效日期 ${p.effectiveFrom}`,
    });
  }
  if (problems.length === 0) problems.push(...validateHousehold(household, date));
  if (problems.length === 0) problems.push(...perPersonCapProblems(household, p));
  if (problems.length > 0) throw new AssessmentInputError(problems);

  const h = canonical(household);
  const ex = new Explanation();
  const standardFen = monthlyStandard(p);
  const versionLabel = parameterVersionLabel(p);
  ex.amount(
    'parameters.standard',
    () =>
      `适用${p.areaType === 'urban' ? '城市' : '农村'}低保标准（每人每月）${money(standardFen)}${p.standardInstrument?.trim() ? `；依据${versionLabel}` : ''}`,
    fen(standardFen),
    {
      regionCode: p.regionCode,
      versionId: p.versionId,
      effectiveFrom: p.effectiveFrom,
      version: versionLabel,
    },
    BASIS.minimumLiving,
  );

  // 1. Who is in the household.
  const { counted, excluded } = composeHousehold(h.members, date, ex);
  const countedIds = new Set(counted.map((m) => m.idNumber));
  const persons = counted.length;

  // 2. Each member: age, labour capacity, own income.
  const assessed: { member: Member; assessed: MemberAssessment }[] = counted.map((member) => {
    const age = ageOn(member.idNumber, date);
    const labour = labourCapacity(member, age, p);
    const name = member.name;
    const health = member.health;
    const studentFullTime = Boolean(member.student?.fullTime);
    ex.add({
      rule: 'labour.coefficient',
      label: () => `${name}：${age}周岁，劳动力系数 ${formatRatio(labour.coefficientBp)}（${labour.reason}）`,
      inputs: () => ({ age, health, category: labour.category, studentFullTime }),
      basis: BASIS.labour,
    });
    const inc = memberIncome(member, labour, p, ex);
    const selfCare = member.selfCare ? assessSelfCare(member.selfCare) : null;
    if (selfCare) {
      ex.add({
        rule: 'selfcare.assessment',
        label: () => `${name}：${selfCare.label}`,
        inputs: () => ({
          failedItems: selfCare.failedItems.join(',') || null,
          careLevel: selfCare.careLevel,
        }),
        basis: BASIS.selfCare,
      });
    }
    return {
      member,
      assessed: {
        idNumber: member.idNumber,
        name: member.name,
        age,
        healthCategory: labour.category,
        coefficientBp: labour.coefficientBp,
        coefficientReason: labour.reason,
        countedIncomeFen: inc.countedFen,
        exemptIncomeFen: inc.exemptFen,
        imputedIncomeFen: inc.imputedFen,
        imputedKind: inc.imputedKind,
        selfCare,
      },
    };
  });
  const ownYearly = new Map<string, ExactFen>(
    assessed.map((x) => [x.member.idNumber, add(x.assessed.countedIncomeFen, x.assessed.imputedIncomeFen)]),
  );

  // 3. Support from obligors outside the household.
  const contributions = supportContributions(h.supporters, countedIds, p, ex);

  // 4. Rigid expenditure deductions.
  const deductions = rigidDeductions(
    h.rigidExpenditures,
    p,
    ex,
    new Map(h.members.map((m) => [m.idNumber, m.name])),
  );

  // 5. Household income.
  const verified = add(ZERO, ...assessed.map((x) => x.assessed.countedIncomeFen));
  const imputed = add(ZERO, ...assessed.map((x) => x.assessed.imputedIncomeFen));
  const support = add(ZERO, ...contributions.map((c) => c.amountFen));
  const gross = add(verified, imputed, support);
  const claimedDeduction = add(ZERO, ...deductions.map((d) => d.deductedFen));
  // Deductions cannot push income below zero, or the gap would exceed the standard.
  const deduction = min(claimedDeduction, gross);
  const yearly = sub(gross, deduction);
  const monthly = divInt(yearly, 12);
  const perCapita = persons > 0 ? divInt(monthly, persons) : null;
  ex.amount(
    'income.yearly',
    () =>
      `家庭年收入 = 核实收入${money(verified)} + 推算收入${money(imputed)} + 赡养费${money(support)} − 刚性支出扣减${money(deduction)}${
        lt(deduction, claimedDeduction) ? `（申报扣减${money(claimedDeduction)}，以收入为限）` : ''
      } = ${money(yearly)}`,
    yearly,
    () => ({
      verified: yuan(verified),
      imputed: yuan(imputed),
      support: yuan(support),
      deductions: yuan(deduction),
      deductionsLimitedToIncome: lt(deduction, claimedDeduction),
    }),
    BASIS.income,
  );
  ex.amount(
    'income.monthly',
    () => `家庭月收入 = ${money(yearly)} ÷ 12 = ${money(monthly)}`,
    monthly,
    () => ({ yearly: yuan(yearly) }),
    BASIS.income,
  );
  if (perCapita) {
    ex.amount(
      'income.per_capita',
      () => `家庭月人均收入 = ${money(monthly)} ÷ ${persons}人 = ${money(perCapita)}`,
      perCapita,
      () => ({ monthly: yuan(monthly), persons }),
      BASIS.income,
    );
  }

  // 6. One-vote veto and property.
  const exclusion = checkExclusionClauses({ household: h, counted, standardFen, p }, ex);

  // 7. Program tests.
  const standard = fen(standardFen);
  const lowIncomeLine = mulBp(standard, p.lowIncomeFactorBp);
  const vetoReasons = exclusion.hits.map(
    (hit) => `一票否决：${hit.title}（${hit.detail}）——依据${hit.basis}`,
  );
  const belowStandard = perCapita !== null && lt(perCapita, standard);
  const minimumLiving: ProgramTest = {
    eligible: belowStandard && exclusion.hits.length === 0,
    reasons: [
      perCapita === null
        ? '无计入的家庭成员'
        : `家庭月人均收入${yuan(perCapita)}${belowStandard ? '低于' : '不低于'}保障标准${yuan(standardFen)}`,
      ...vetoReasons,
    ],
  };
  ex.test(
    'program.minimum_living',
    () => `最低生活保障：${minimumLiving.eligible ? '符合' : '不符合'}——${minimumLiving.reasons.join('；')}`,
    minimumLiving.eligible,
    () => ({
      perCapitaMonthly: perCapita ? yuan(perCapita) : null,
      standard: yuan(standardFen),
      vetoHits: exclusion.hits.length,
    }),
    BASIS.minimumLiving,
  );
  const belowLine = perCapita !== null && lt(perCapita, lowIncomeLine);
  const lowIncome: ProgramTest = {
    eligible: !minimumLiving.eligible && belowLine && exclusion.hits.length === 0,
    reasons: minimumLiving.eligible
      ? ['已符合最低生活保障条件']
      : [
          perCapita === null
            ? '无计入的家庭成员'
            : `家庭月人均收入${yuan(perCapita)}${belowLine ? '低于' : '不低于'}低收入认定标准${yuan(lowIncomeLine)}（保障标准 × ${formatPercent(p.lowIncomeFactorBp)}）`,
          ...vetoReasons,
        ],
  };
  ex.test(
    'program.low_income',
    () =>
      `低收入人口（低保边缘家庭）：${lowIncome.eligible ? '符合' : '不符合'}——${lowIncome.reasons.join('；')}`,
    lowIncome.eligible,
    () => ({
      perCapitaMonthly: perCapita ? yuan(perCapita) : null,
      lowIncomeLine: yuan(lowIncomeLine),
    }),
    BASIS.lowIncome,
  );

  const obligors = [
    ...h.supporters,
    ...coResidentObligors(
      assessed.map((x) => ({
        member: x.member,
        age: x.assessed.age,
        ownYearlyFen: ownYearly.get(x.member.idNumber) ?? ZERO,
      })),
      minimumLiving.eligible,
      h.supporters,
    ),
  ];
  const otherVetoHits = exclusion.hits.length - exclusion.propertyHits.length;
  const incapacity = new Map(obligors.map((s) => [s, supporterIncapacity(s, date, p)]));
  const incapacityOf = (s: Supporter) => incapacity.get(s) ?? supporterIncapacity(s, date, p);
  const extremePoverty = assessed.map((x) =>
    assessExtremePoverty(
      x.member,
      x.assessed.age,
      x.assessed.countedIncomeFen,
      exclusion.propertyPassed,
      otherVetoHits,
      obligors,
      incapacityOf,
      standardFen,
      p,
      ex,
    ),
  );

  // 8. Benefit.
  const qualifying =
    p.singlePersonCoverage.enabled && (lowIncome.eligible || minimumLiving.eligible)
      ? assessed.filter((x) => qualifiesForSinglePersonCoverage(x.member) !== null)
      : [];
  if (lowIncome.eligible) {
    for (const s of qualifying) {
      const name = s.member.name;
      const why = qualifiesForSinglePersonCoverage(s.member);
      ex.test(
        'benefit.single_person',
        () => `单人保：${name}${why}，低保边缘家庭成员可单独纳入`,
        true,
        () => ({ name }),
        BASIS.art8,
      );
    }
  }
  const kind = minimumLiving.eligible ? 'household' : qualifying.length > 0 ? 'single_person' : 'none';
  const toCovered = (xs: typeof assessed) => xs.map((x) => ({ member: x.member, age: x.assessed.age }));
  const benefit = computeBenefit(
    {
      kind,
      covered: toCovered(kind === 'household' ? assessed : kind === 'single_person' ? qualifying : []),
      singlePersonFloor:
        kind === 'household' && p.singlePersonCoverage.floorForMinimumLivingHouseholds
          ? toCovered(qualifying)
          : [],
      monthlyHouseholdIncome: monthly,
      ownYearlyIncome: ownYearly,
      standardFen,
      decisionDate: options.decisionDate ?? date,
      decisionDateGiven: options.decisionDate !== undefined,
    },
    p,
    ex,
  );

  // 9. Hardship index, information circle, referrals.
  const medicalClaimed = add(
    ZERO,
    ...h.rigidExpenditures.filter((r) => r.kind === 'medical').map((r) => fen(r.annualFen)),
  );
  const index = hardshipIndex(
    {
      household: h,
      counted: assessed,
      perCapitaMonthlyFen: perCapita,
      standardFen,
      lowIncomeLineFen: lowIncomeLine,
      verifiedIncomeFen: verified,
      grossIncomeFen: gross,
      supportFen: support,
      medicalClaimedFen: medicalClaimed,
      hasTuition: h.rigidExpenditures.some((r) => r.kind === 'tuition' && r.annualFen > 0),
    },
    p,
    ex,
  );
  const circle = informationCircle(
    minimumLiving.eligible || extremePoverty.some((e) => e.eligible),
    lowIncome.eligible,
    perCapita,
    lowIncomeLine,
    p,
    ex,
  );
  const referrals = matchNeeds(
    {
      household: h,
      counted: assessed,
      minimumLiving,
      lowIncome,
      extremePoverty,
      benefit,
      medicalClaimedFen: medicalClaimed,
    },
    p,
    ex,
  );

  return {
    parameterVersion: {
      versionId: p.versionId,
      regionCode: p.regionCode,
      effectiveFrom: p.effectiveFrom,
      label: versionLabel,
    },
    assessmentDate: date,
    monthlyStandardFen: standardFen,
    members: assessed.map((x) => x.assessed),
    excludedMembers: excluded.map((e) => ({
      idNumber: e.member.idNumber,
      name: e.member.name,
      reason: e.reason,
    })),
    coveredPersons: persons,
    income: {
      verifiedFen: verified,
      imputedFen: imputed,
      supportFen: support,
      deductionsFen: deduction,
      yearlyFen: yearly,
      monthlyFen: monthly,
      perCapitaMonthlyFen: perCapita,
    },
    rigidDeductions: deductions.map((d) => ({
      kind: d.kind,
      memberIdNumber: d.memberIdNumber,
      claimedFen: d.claimedFen,
      deductedFen: d.deductedFen,
    })),
    veto: { hits: exclusion.hits },
    property: { passed: exclusion.propertyPassed, hits: exclusion.propertyHits },
    minimumLiving,
    lowIncome,
    extremePoverty,
    benefit,
    hardshipIndex: index,
    informationCircle: circle,
    referrals,
    // Written when first used: a bulk re-assessment reads the figures of every household and
    // the text of none.
    lines: linesWrittenOnFirstUse(ex),
  };
}
