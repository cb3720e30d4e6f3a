/**
 * 困难指数: a score over household status, income and property, so that lists can be sorted
 * most-needy first. Items and points are policy data; each item id names a predicate here.
 */
import { BASIS } from './basis';
import { seriousIllness, severeDisability } from './conditions';
import type { Explanation } from './explanation';
import type { EducationLevel, Household } from './household';
import { type ExactFen, fen, isZero, lt, lte, mulBp, mulInt } from './money';
import type { HardshipCategory, PolicyParameters } from './parameters';
import type { HardshipHit, MemberAssessment } from './result';
import type { Member } from './household';

export interface HardshipContext {
  household: Household;
  counted: { member: Member; assessed: MemberAssessment }[];
  perCapitaMonthlyFen: ExactFen | null;
  standardFen: number;
  lowIncomeLineFen: ExactFen;
  verifiedIncomeFen: ExactFen;
  grossIncomeFen: ExactFen;
  supportFen: ExactFen;
  medicalClaimedFen: ExactFen;
  hasTuition: boolean;
}

type Predicate = (c: HardshipContext) => boolean;

const atLeastAge =
  (n: number): Predicate =>
  (c) =>
    c.counted.some((x) => x.assessed.age >= n);
const studentAt =
  (levels: EducationLevel[]): Predicate =>
  (c) =>
    c.counted.some((x) => x.member.student?.fullTime && levels.includes(x.member.student.level));
const perCapitaBelow =
  (bp: number): Predicate =>
  (c) =>
    c.perCapitaMonthlyFen !== null && lt(c.perCapitaMonthlyFen, mulBp(fen(c.standardFen), bp));
const assetsBelowMonths =
  (months: number): Predicate =>
  (c) =>
    c.household.assets.depositsFen + c.household.assets.securitiesFen <
    c.standardFen * c.counted.length * months;

export const HARDSHIP_PREDICATES: Record<string, { category: HardshipCategory; test: Predicate }> = {
  'status.elderly60': { category: 'status', test: atLeastAge(60) },
  'status.elderly70': { category: 'status', test: atLeastAge(70) },
  'status.elderly80': { category: 'status', test: atLeastAge(80) },
  'status.severeDisability': {
    category: 'status',
    test: (c) => c.counted.some((x) => severeDisability(x.member) !== null),
  },
  'status.mildDisability': {
    category: 'status',
    test: (c) => c.counted.some((x) => x.member.disability && x.member.disability.grade >= 3),
  },
  'status.seriousIllness': {
    category: 'status',
    test: (c) => c.counted.some((x) => seriousIllness(x.member) !== null),
  },
  'status.chronicIllness': {
    category: 'status',
    test: (c) => c.counted.some((x) => x.member.health === 'chronic_illness'),
  },
  'status.minor': { category: 'status', test: (c) => c.counted.some((x) => x.assessed.age < 18) },
  'status.compulsoryStudent': { category: 'status', test: studentAt(['primary', 'junior_high']) },
  'status.seniorStudent': { category: 'status', test: studentAt(['senior_high', 'secondary_vocational']) },
  'status.collegeStudent': {
    category: 'status',
    test: studentAt(['junior_college', 'bachelor', 'postgraduate']),
  },
  'status.singleParent': {
    category: 'status',
    test: (c) =>
      !c.counted.some((x) => x.member.relation === 'spouse') &&
      c.counted.some((x) => x.member.relation === 'child' && x.assessed.age < 18),
  },
  'status.noLabour': {
    category: 'status',
    test: (c) => c.counted.every((x) => x.assessed.coefficientBp === 0),
  },
  'status.selfCareLost': {
    category: 'status',
    test: (c) => c.counted.some((x) => x.assessed.selfCare?.ability === 'none'),
  },
  'status.selfCarePartial': {
    category: 'status',
    test: (c) => c.counted.some((x) => x.assessed.selfCare?.ability === 'partial'),
  },
  'income.below25': { category: 'income', test: perCapitaBelow(2_500) },
  'income.below50': { category: 'income', test: perCapitaBelow(5_000) },
  'income.below75': { category: 'income', test: perCapitaBelow(7_500) },
  'income.belowStandard': { category: 'income', test: perCapitaBelow(10_000) },
  'income.belowLowIncomeLine': {
    category: 'income',
    test: (c) => c.perCapitaMonthlyFen !== null && lt(c.perCapitaMonthlyFen, c.lowIncomeLineFen),
  },
  'income.noVerifiedIncome': { category: 'income', test: (c) => isZero(c.verifiedIncomeFen) },
  'income.medicalBurden': {
    category: 'income',
    test: (c) => !isZero(c.medicalClaimedFen) && lte(c.grossIncomeFen, mulInt(c.medicalClaimedFen, 2)),
  },
  'income.tuition': { category: 'income', test: (c) => c.hasTuition },
  'income.noSupport': { category: 'income', test: (c) => isZero(c.supportFen) },
  'income.suddenHardship': { category: 'income', test: (c) => Boolean(c.household.suddenHardship) },
  'property.noHome': { category: 'property', test: (c) => c.household.assets.homes.count === 0 },
  'property.noVehicle': { category: 'property', test: (c) => c.household.assets.vehicles.length === 0 },
  'property.assetsBelow1Month': { category: 'property', test: assetsBelowMonths(1) },
  'property.assetsBelow3Months': { category: 'property', test: assetsBelowMonths(3) },
  'property.assetsBelow6Months': { category: 'property', test: assetsBelowMonths(6) },
  'property.noBusiness': { category: 'property', test: (c) => c.household.assets.businesses.length === 0 },
  'property.noSecurities': { category: 'property', test: (c) => c.household.assets.securitiesFen === 0 },
  'property.noDeposits': { category: 'property', test: (c) => c.household.assets.depositsFen === 0 },
  'property.homeDamaged': {
    category: 'property',
    test: (c) =>
      c.household.suddenHardship?.kind === 'fire' || c.household.suddenHardship?.kind === 'disaster',
  },
  'property.noPropertyIncome': {
    category: 'property',
    test: (c) =>
      !c.counted.some((x) => x.member.incomes.some((i) => i.kind === 'property' && i.annualFen > 0)),
  },
};

type HardshipItem = PolicyParameters['hardshipIndex']['items'][number];

/** The enabled items of a parameter set that name a known predicate, worked out once per set. */
const scored = new WeakMap<PolicyParameters, { item: HardshipItem; test: Predicate }[]>();

function scoredItems(p: PolicyParameters): { item: HardshipItem; test: Predicate }[] {
  let items = scored.get(p);
  if (!items) {
    items = [];
    for (const item of p.hardshipIndex.items) {
      const predicate = item.enabled ? HARDSHIP_PREDICATES[item.id] : undefined;
      if (predicate) items.push({ item, test: predicate.test });
    }
    scored.set(p, items);
  }
  return items;
}

export function hardshipIndex(
  ctx: HardshipContext,
  p: PolicyParameters,
  ex: Explanation,
): { score: number; hits: HardshipHit[] } {
  const hits: HardshipHit[] = [];
  for (const { item, test } of scoredItems(p)) {
    if (test(ctx))
      hits.push({ id: item.id, category: item.category, label: item.label, points: item.points });
  }
  const score = hits.reduce((s, h) => s + h.points, 0);
  ex.add({
    rule: 'hardship.index',
    label: () =>
      `困难指数 ${score} 分（${hits.map((h) => `${h.label}+${h.points}`).join('；') || '无命中项'}）`,
    inputs: () => ({ score, items: hits.length }),
    basis: BASIS.hardship,
  });
  return { score, hits };
}
