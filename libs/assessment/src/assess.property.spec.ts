/**
 * Properties over seeded random households (mulberry32; no dependency). A failure prints the
 * seed, so the case can be replayed.
 */
import { withCheckDigit } from '@app/assistance';
import { assess } from './assess';
import type { Household } from './household';
import { fen, mulBp, mulInt, roundFen } from './money';
import { DEFAULT_PARAMETERS, type PolicyParameters } from './parameters';
import type { AssessmentResult } from './result';
import { Gen, randomLawfulHousehold, randomParameters } from './testing/random-household';

const DATE = '2025-06-30';
const CASES = 300;

function forAll(name: string, body: (g: Gen, seed: number) => void): void {
  it(name, () => {
    for (let seed = 1; seed <= CASES; seed++) {
      try {
        body(new Gen(seed), seed);
      } catch (e) {
        throw new Error(`seed ${seed}: ${(e as Error).message}`);
      }
    }
  });
}

describe('assess — properties', () => {
  forAll('more counted income never raises the benefit', (g) => {
    const h = randomLawfulHousehold(g);
    const p = randomParameters(g);
    const before = assess(h, p, { assessmentDate: DATE });
    // Extra income of a kind that never replaces an imputation (property, transfer, other), or a raise on an existing counted entry.
    const richer: Household = JSON.parse(JSON.stringify(h));
    const target = g.pick(richer.members);
    const raise = g.int(1, 3_000_000);
    const existing = target.incomes.find((i) => i.kind === 'wage' && i.annualFen > 0);
    if (existing && g.chance(0.5)) existing.annualFen += raise;
    else target.incomes.push({ kind: g.pick(['property', 'transfer', 'other'] as const), annualFen: raise });
    const after = assess(richer, p, { assessmentDate: DATE });
    expect(after.benefit.totalMonthlyFen).toBeLessThanOrEqual(before.benefit.totalMonthlyFen);
  });

  it('without the 就高 floor, more income can raise the benefit (why the floor exists)', () => {
    const couple = (wage: number): Household => ({
      members: [
        {
          name: '严',
          idNumber: withCheckDigit('15042219800101001'),
          relation: 'applicant',
          cohabitation: { livesTogetherLongTerm: true },
          health: 'healthy',
          incomes: [{ kind: 'wage', annualFen: wage }],
          workType: 'none',
        },
        {
          name: '严妻',
          idNumber: withCheckDigit('15042219810101002'),
          relation: 'spouse',
          cohabitation: { livesTogetherLongTerm: true },
          health: 'serious_illness',
          incomes: [],
          workType: 'none',
        },
      ],
      supporters: [],
      assets: {
        depositsFen: 0,
        securitiesFen: 0,
        vehicles: [],
        homes: { count: 1, luxury: false },
        businesses: [],
      },
      exclusionFacts: {},
      rigidExpenditures: [],
    });
    const noFloor: PolicyParameters = {
      ...DEFAULT_PARAMETERS,
      singlePersonCoverage: {
        ...DEFAULT_PARAMETERS.singlePersonCoverage,
        floorForMinimumLivingHouseholds: false,
      },
    };
    // 1 559 988/12/2 = 64 999.5 < 65 000 → 低保: gap 1 fen → 0, + illness 13 000 = 13 000.
    expect(assess(couple(1_559_988), noFloor, { assessmentDate: DATE }).benefit.totalMonthlyFen).toBe(13_000);
    // 1 560 000 → 65 000 → 低保边缘 → 单人保 65 000 + 13 000 = 78 000: more income, more benefit.
    expect(assess(couple(1_560_000), noFloor, { assessmentDate: DATE }).benefit.totalMonthlyFen).toBe(78_000);
    // With the default floor the 低保 household already gets 78 000.
    expect(
      assess(couple(1_559_988), DEFAULT_PARAMETERS, { assessmentDate: DATE }).benefit.totalMonthlyFen,
    ).toBe(78_000);
  });

  forAll(
    'the benefit never exceeds standard × covered persons (rounded by the rule) plus, per covered person, the largest increment allowed',
    (g) => {
      const p = randomParameters(g);
      const r = assess(randomLawfulHousehold(g), p, { assessmentDate: DATE });
      const standard = r.monthlyStandardFen;
      const ci = p.classifiedIncrements;
      const ratios = [
        ci.elderly.ratioBp,
        ci.severelyDisabled.ratioBp,
        ci.seriouslyIll.ratioBp,
        ci.minor.ratioBp,
      ];
      const perPerson = ci.stacking === 'sum' ? ratios.reduce((a, b) => a + b, 0) : Math.max(...ratios);
      // Household gap counts everyone; 单人保 (or the 就高 floor) counts at most everyone too.
      const persons = r.coveredPersons;
      const bound =
        roundFen(mulInt(fen(standard), persons), p.rounding) +
        persons * roundFen(mulBp(fen(standard), perPerson), p.rounding);
      expect(r.benefit.totalMonthlyFen).toBeLessThanOrEqual(bound);
      expect(r.benefit.gapMonthlyFen).toBeLessThanOrEqual(
        roundFen(mulInt(fen(standard), persons), p.rounding),
      );
      expect(r.benefit.gapExactFen.num).toBeGreaterThanOrEqual(0);
      expect(r.benefit.totalMonthlyFen).toBe(
        r.benefit.gapMonthlyFen +
          r.benefit.increments.reduce((s, i) => s + i.monthlyFen, 0) +
          r.benefit.singlePersonFloorTopUpFen,
      );
      if (r.benefit.kind === 'none') expect(r.benefit.totalMonthlyFen).toBe(0);
    },
  );

  forAll('the result does not depend on the order of members, supporters or expenditures', (g) => {
    const h = randomLawfulHousehold(g);
    const p = randomParameters(g);
    const shuffled: Household = {
      ...h,
      members: g.shuffle(h.members),
      supporters: g.shuffle(h.supporters).map((s) => ({ ...s, supports: g.shuffle(s.supports) })),
      rigidExpenditures: g.shuffle(h.rigidExpenditures),
    };
    expect(assess(shuffled, p, { assessmentDate: DATE })).toEqual(assess(h, p, { assessmentDate: DATE }));
  });

  forAll('the same input and parameters always give the same, JSON-serializable result', (g) => {
    const h = randomLawfulHousehold(g);
    const p = randomParameters(g);
    const first: AssessmentResult = assess(h, p, { assessmentDate: DATE });
    const again = assess(JSON.parse(JSON.stringify(h)), JSON.parse(JSON.stringify(p)), {
      assessmentDate: DATE,
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('the generator covers the interesting outcomes', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= CASES; seed++) {
      const g = new Gen(seed);
      const r = assess(randomLawfulHousehold(g), randomParameters(g), { assessmentDate: DATE });
      seen.add(r.benefit.kind);
      if (r.veto.hits.length) seen.add('veto');
      if (r.extremePoverty.some((e) => e.eligible)) seen.add('extreme');
      if (r.benefit.singlePersonFloorTopUpFen > 0) seen.add('floor');
      if (r.excludedMembers.length) seen.add('excluded');
    }
    expect([...seen].sort()).toEqual([
      'excluded',
      'extreme',
      'floor',
      'household',
      'none',
      'single_person',
      'veto',
    ]);
  });
});
