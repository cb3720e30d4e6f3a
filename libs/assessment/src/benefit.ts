/**
 * 补差: 按户施保 (standard × covered persons − monthly household income), 单人保 for a member
 * of a 低保边缘 household, and 分类施保 increments per qualifying covered member.
 */
import { benefitStartMonth } from '@app/assistance';
import { BASIS } from './basis';
import { seriousIllness, severeDisability } from './conditions';
import { money } from './figures';
import { type Explanation, yuan } from './explanation';
import type { Member } from './household';
import {
  type ExactFen,
  ZERO,
  add,
  divInt,
  fen,
  formatPercent,
  max,
  mulBp,
  mulInt,
  roundFen,
  sub,
} from './money';
import type { PolicyParameters } from './parameters';
import type { Benefit, BenefitIncrement } from './result';

const ROUNDING_LABELS = {
  'yuan-half-up': '四舍五入到元',
  'yuan-up': '进位到元',
  'yuan-down': '舍去到元',
  fen: '四舍五入到分',
} as const;

/** Art. 8: seriously ill, disability grade 1–2, or grade-3 intellectual/mental disability. */
export function qualifiesForSinglePersonCoverage(m: Member): string | null {
  const why = seriousIllness(m) ?? severeDisability(m);
  if (why) return why;
  const d = m.disability;
  if (d && d.grade === 3 && (d.type === 'intellectual' || d.type === 'mental')) return '三级智力或精神残疾';
  return null;
}

interface CoveredMember {
  member: Member;
  age: number;
}

function incrementsFor(c: CoveredMember, standardFen: number, p: PolicyParameters): BenefitIncrement[] {
  const ci = p.classifiedIncrements;
  const m = c.member;
  const candidates: { category: BenefitIncrement['category']; ratioBp: number }[] = [];
  if (c.age >= ci.elderly.minAge) candidates.push({ category: 'elderly', ratioBp: ci.elderly.ratioBp });
  if (severeDisability(m))
    candidates.push({ category: 'severely_disabled', ratioBp: ci.severelyDisabled.ratioBp });
  if (seriousIllness(m)) candidates.push({ category: 'seriously_ill', ratioBp: ci.seriouslyIll.ratioBp });
  if (c.age < ci.minor.maxAgeExclusive) candidates.push({ category: 'minor', ratioBp: ci.minor.ratioBp });
  const chosen =
    ci.stacking === 'sum'
      ? candidates
      : candidates.reduce<typeof candidates>(
          (best, x) => (best.length === 0 || x.ratioBp > best[0].ratioBp ? [x] : best),
          [],
        );
  return chosen
    .filter((x) => x.ratioBp > 0)
    .map((x) => ({
      idNumber: m.idNumber,
      name: m.name,
      category: x.category,
      ratioBp: x.ratioBp,
      monthlyFen: roundFen(mulBp(fen(standardFen), x.ratioBp), p.rounding),
    }));
}

const INCREMENT_LABELS = {
  elderly: '老年人',
  severely_disabled: '重度残疾人',
  seriously_ill: '重病患者',
  minor: '未成年人',
} as const;

export interface BenefitInput {
  kind: 'household' | 'single_person' | 'none';
  covered: CoveredMember[];
  /** For a 低保 household: members who would qualify for 单人保, for the 就高 floor. */
  singlePersonFloor: CoveredMember[];
  monthlyHouseholdIncome: ExactFen;
  /** For 单人保: each covered member's own yearly income. */
  ownYearlyIncome: Map<string, ExactFen>;
  standardFen: number;
  decisionDate: string;
  /**
   * Whether the caller assessed at a known decision date. A case's assessment is made when the
   * economics are saved, before any decision: its line then states the rule, not a month that the
   * decision (dated later) would contradict.
   */
  decisionDateGiven?: boolean;
}

interface Computed {
  gap: ExactFen;
  gapMonthlyFen: number;
  increments: BenefitIncrement[];
  total: number;
}

function householdAmount(input: BenefitInput, p: PolicyParameters, ex: Explanation | null): Computed {
  const full = mulInt(fen(input.standardFen), input.covered.length);
  const gap = max(ZERO, sub(full, input.monthlyHouseholdIncome));
  const { standardFen, monthlyHouseholdIncome } = input;
  const persons = input.covered.length;
  ex?.amount(
    'benefit.household_gap',
    () =>
      `按户施保：保障标准${money(standardFen)} × ${persons}人 − 家庭月收入${money(monthlyHouseholdIncome)} = ${money(gap)}（不低于零）`,
    gap,
    () => ({
      standard: yuan(standardFen),
      persons,
      monthlyHouseholdIncome: yuan(monthlyHouseholdIncome),
    }),
    BASIS.minimumLiving,
  );
  return finish(gap, input.covered, input.standardFen, p);
}

function singlePersonAmount(
  covered: CoveredMember[],
  input: BenefitInput,
  p: PolicyParameters,
  ex: Explanation | null,
): Computed {
  let gap = ZERO;
  for (const c of covered) {
    const own = divInt(input.ownYearlyIncome.get(c.member.idNumber) ?? ZERO, 12);
    const fullStandard = p.singlePersonCoverage.basis === 'full_standard';
    const one = fullStandard ? fen(input.standardFen) : max(ZERO, sub(fen(input.standardFen), own));
    gap = add(gap, one);
    if (!ex) continue;
    const name = c.member.name;
    const standardFen = input.standardFen;
    const basis = p.singlePersonCoverage.basis;
    ex.amount(
      'benefit.single_person_gap',
      fullStandard
        ? () => `单人保：${name}按保障标准全额 = ${money(one)}`
        : () =>
            `单人保：${name}保障标准${money(standardFen)} − 本人月收入${money(own)} = ${money(one)}（不低于零）`,
      one,
      () => ({ standard: yuan(standardFen), ownMonthlyIncome: yuan(own), basis }),
      BASIS.art8,
    );
  }
  return finish(gap, covered, input.standardFen, p);
}

function finish(gap: ExactFen, covered: CoveredMember[], standardFen: number, p: PolicyParameters): Computed {
  const gapMonthlyFen = roundFen(gap, p.rounding);
  const increments = covered.flatMap((c) => incrementsFor(c, standardFen, p));
  return {
    gap,
    gapMonthlyFen,
    increments,
    total: gapMonthlyFen + increments.reduce((s, i) => s + i.monthlyFen, 0),
  };
}

export function computeBenefit(input: BenefitInput, p: PolicyParameters, ex: Explanation): Benefit {
  const { kind, covered, standardFen } = input;
  if (kind === 'none') {
    ex.add({ rule: 'benefit.none', label: '不发放最低生活保障金', inputs: {}, basis: BASIS.minimumLiving });
    return {
      kind,
      coveredIdNumbers: [],
      gapExactFen: ZERO,
      gapMonthlyFen: 0,
      increments: [],
      singlePersonFloorTopUpFen: 0,
      totalMonthlyFen: 0,
      startMonth: null,
    };
  }
  const c = kind === 'household' ? householdAmount(input, p, ex) : singlePersonAmount(covered, input, p, ex);
  const rounding = p.rounding;
  ex.amount(
    'benefit.rounded',
    () => `保障金取整：${money(c.gap)}${ROUNDING_LABELS[rounding]} = ${money(c.gapMonthlyFen)}`,
    fen(c.gapMonthlyFen),
    () => ({ exact: yuan(c.gap), rule: rounding }),
    BASIS.minimumLiving,
  );
  const stacking = p.classifiedIncrements.stacking;
  for (const inc of c.increments) {
    const { name, category, ratioBp, monthlyFen } = inc;
    ex.amount(
      'benefit.increment',
      () =>
        `分类施保：${name}（${INCREMENT_LABELS[category]}）保障标准${money(standardFen)} × ${formatPercent(ratioBp)} = ${money(monthlyFen)}${
          stacking === 'highest' ? '（多项符合时取最高）' : ''
        }`,
      fen(monthlyFen),
      () => ({ standard: yuan(standardFen), ratio: formatPercent(ratioBp), stacking }),
      BASIS.classified,
    );
  }
  let topUp = 0;
  if (input.singlePersonFloor.length > 0) {
    const single = singlePersonAmount(input.singlePersonFloor, input, p, null);
    const added = Math.max(0, single.total - c.total);
    topUp = added;
    ex.amount(
      'benefit.single_person_floor',
      () =>
        `就高：单人保合计${money(single.total)}，按户保障金${money(c.total)}${
          added > 0
            ? `，补足 ${money(single.total)} − ${money(c.total)} = ${money(added)}`
            : '，不低于单人保，无需补足 = 0元'
        }`,
      fen(added),
      () => ({ householdTotal: yuan(c.total), singlePersonTotal: yuan(single.total) }),
      BASIS.art8,
    );
  }
  const totalMonthlyFen = c.total + topUp;
  const startMonth = benefitStartMonth(input.decisionDate);
  const startKnown = input.decisionDateGiven === true;
  const incrementFens = c.increments.map((i) => i.monthlyFen);
  const finalTopUp = topUp;
  const decisionDate = input.decisionDate;
  ex.amount(
    'benefit.total',
    () =>
      `月保障金合计 = ${[money(c.gapMonthlyFen), ...incrementFens.map((f) => money(f)), ...(finalTopUp > 0 ? [money(finalTopUp)] : [])].join(' + ')} = ${money(totalMonthlyFen)}，${startKnown ? `自${startMonth}起发放` : '自作出决定之日的次月起发放'}`,
    fen(totalMonthlyFen),
    () => ({
      gap: yuan(c.gapMonthlyFen),
      increments: incrementFens.length,
      topUp: yuan(finalTopUp),
      decisionDate,
    }),
    BASIS.benefitStart,
  );
  return {
    kind,
    coveredIdNumbers: covered.map((x) => x.member.idNumber),
    gapExactFen: c.gap,
    gapMonthlyFen: c.gapMonthlyFen,
    increments: c.increments,
    singlePersonFloorTopUpFen: topUp,
    totalMonthlyFen,
    startMonth,
  };
}
