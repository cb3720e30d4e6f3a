/** Expected figures of a hand-computed household and the one way they are compared (table tests). */
import type { Household } from '../household';
import type { ExactFen } from '../money';
import type { ExclusionClauseId, PolicyParameters } from '../parameters';
import type { AssessmentResult, ReferralProgram } from '../result';

export type Amount = number | [number, number];

export interface Expected {
  verified?: Amount;
  /** [member name or null for a household cap, deducted fen] in the result's order. */
  deductedBy?: [string | null, number][];
  /** Each text appears in some line of the 计算明细. */
  linesContain?: string[];
  persons?: number;
  excluded?: string[];
  coefficients?: Record<string, number>;
  imputed?: Record<string, Amount>;
  support?: Amount;
  deductions?: Amount;
  yearly?: Amount;
  monthly?: Amount;
  perCapita?: Amount | null;
  minimumLiving?: boolean;
  lowIncome?: boolean;
  vetoes?: ExclusionClauseId[];
  propertyPassed?: boolean;
  kind?: 'household' | 'single_person' | 'none';
  gapExact?: Amount;
  gap?: number;
  increments?: Record<string, number>;
  topUp?: number;
  total?: number;
  extreme?: Record<string, boolean>;
  selfCare?: Record<string, 'full' | 'partial' | 'none'>;
  circle?: 1 | 2 | 3 | 4 | null;
  hardship?: number;
  referrals?: ReferralProgram[];
}

export interface Row {
  name: string;
  household: Household;
  params?: PolicyParameters;
  date?: string;
  expect: Expected;
}

export function exact(a: Amount): ExactFen {
  const [n, d] = typeof a === 'number' ? [a, 1] : a;
  const g = (x: number, y: number): number => (y === 0 ? Math.abs(x) : g(y, x % y));
  const k = g(n, d) || 1;
  return { num: n / k, den: d / k };
}

export function check(r: AssessmentResult, e: Expected): void {
  const byName = <T extends { name: string }>(xs: T[], f: (x: T) => unknown) =>
    Object.fromEntries(xs.map((x) => [x.name, f(x)]));
  if (e.persons !== undefined) expect(r.coveredPersons).toBe(e.persons);
  if (e.excluded) expect(r.excludedMembers.map((m) => m.name).sort()).toEqual([...e.excluded].sort());
  if (e.coefficients) expect(byName(r.members, (m) => m.coefficientBp)).toEqual(e.coefficients);
  if (e.imputed) {
    expect(byName(r.members, (m) => m.imputedIncomeFen)).toEqual(
      Object.fromEntries(Object.entries(e.imputed).map(([k, v]) => [k, exact(v)])),
    );
  }
  if (e.verified !== undefined) expect(r.income.verifiedFen).toEqual(exact(e.verified));
  if (e.deductedBy) {
    const names = new Map(r.members.map((m) => [m.idNumber, m.name]));
    expect(
      r.rigidDeductions.map((d) => [d.memberIdNumber ? names.get(d.memberIdNumber) : null, d.deductedFen]),
    ).toEqual(e.deductedBy.map(([who, f]) => [who, exact(f)]));
  }
  if (e.linesContain) {
    const text = r.lines.map((l) => l.label).join('\n');
    for (const part of e.linesContain) expect(text).toContain(part);
  }
  if (e.support !== undefined) expect(r.income.supportFen).toEqual(exact(e.support));
  if (e.deductions !== undefined) expect(r.income.deductionsFen).toEqual(exact(e.deductions));
  if (e.yearly !== undefined) expect(r.income.yearlyFen).toEqual(exact(e.yearly));
  if (e.monthly !== undefined) expect(r.income.monthlyFen).toEqual(exact(e.monthly));
  if (e.perCapita !== undefined)
    expect(r.income.perCapitaMonthlyFen).toEqual(e.perCapita === null ? null : exact(e.perCapita));
  if (e.minimumLiving !== undefined) expect(r.minimumLiving.eligible).toBe(e.minimumLiving);
  if (e.lowIncome !== undefined) expect(r.lowIncome.eligible).toBe(e.lowIncome);
  if (e.vetoes) expect(r.veto.hits.map((h) => h.id).sort()).toEqual([...e.vetoes].sort());
  if (e.propertyPassed !== undefined) expect(r.property.passed).toBe(e.propertyPassed);
  if (e.kind) expect(r.benefit.kind).toBe(e.kind);
  if (e.gapExact !== undefined) expect(r.benefit.gapExactFen).toEqual(exact(e.gapExact));
  if (e.gap !== undefined) expect(r.benefit.gapMonthlyFen).toBe(e.gap);
  if (e.increments)
    expect(
      Object.fromEntries(r.benefit.increments.map((i) => [`${i.name}:${i.category}`, i.monthlyFen])),
    ).toEqual(e.increments);
  if (e.topUp !== undefined) expect(r.benefit.singlePersonFloorTopUpFen).toBe(e.topUp);
  if (e.total !== undefined) expect(r.benefit.totalMonthlyFen).toBe(e.total);
  if (e.extreme) expect(byName(r.extremePoverty, (x) => x.eligible)).toEqual(e.extreme);
  if (e.selfCare) {
    const got = Object.fromEntries(
      r.members.filter((m) => m.selfCare).map((m) => [m.name, m.selfCare?.ability]),
    );
    expect(got).toEqual(e.selfCare);
  }
  if (e.circle !== undefined) expect(r.informationCircle).toBe(e.circle);
  if (e.hardship !== undefined) expect(r.hardshipIndex.score).toBe(e.hardship);
  if (e.referrals) expect(r.referrals.map((x) => x.program).sort()).toEqual([...e.referrals].sort());
}
