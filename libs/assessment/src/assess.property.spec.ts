/**
 * Properties over seeded random households (mulberry32; no dependency). A failure prints the
 * seed, so the case can be replayed.
 */
import { withCheckDigit } from '@app/assistance';
import { HEALTH_CATEGORIES } from './labour-capacity';
import { assess } from './assess';
import type {
  DisabilityType,
  EducationLevel,
  Household,
  IncomeKind,
  Member,
  Relation,
  Supporter,
} from './household';
import { fen, mulBp, mulInt, roundFen } from './money';
import { DEFAULT_PARAMETERS, type PolicyParameters } from './parameters';
import type { AssessmentResult } from './result';

const DATE = '2025-06-30';
const CASES = 300;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Gen {
  private readonly next: () => number;
  private seq = 0;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  id(age: number): string {
    this.seq += 1;
    const birth = `${2024 - age}${String(this.int(1, 12)).padStart(2, '0')}${String(this.int(1, 28)).padStart(2, '0')}`;
    return withCheckDigit(`150422${birth}${String(this.seq).padStart(3, '0')}`);
  }
  shuffle<T>(xs: T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

const KINDS: IncomeKind[] = [
  'wage',
  'business',
  'property',
  'transfer',
  'other',
  'scholarship',
  'basic_pension_base',
  'social_assistance',
];
const DISABILITY: DisabilityType[] = ['intellectual', 'mental', 'physical', 'visual', 'hearing'];
const LEVELS: EducationLevel[] = ['primary', 'junior_high', 'senior_high', 'bachelor', 'postgraduate'];

function randomMember(g: Gen, relation: Relation): Member {
  const age = relation === 'child' ? g.int(0, 30) : relation === 'parent' ? g.int(55, 95) : g.int(18, 85);
  const incomes = Array.from({ length: g.int(0, 2) }, () => ({
    kind: g.pick(KINDS),
    annualFen: g.int(0, 2_000_000),
  }));
  return {
    name: `成员${g.int(1, 1_000_000)}`,
    idNumber: g.id(age),
    relation,
    cohabitation: {
      livesTogetherLongTerm: g.chance(0.85),
      ableToLiveIndependently: g.chance(0.5),
      custody: g.chance(0.05) && relation !== 'applicant' ? 'prison' : null,
    },
    health: g.pick(HEALTH_CATEGORIES),
    disability: g.chance(0.2) ? { grade: g.pick([1, 2, 3, 4] as const), type: g.pick(DISABILITY) } : null,
    student: age >= 6 && age <= 26 && g.chance(0.5) ? { fullTime: true, level: g.pick(LEVELS) } : null,
    employment: g.pick(['employed', 'unemployed', 'farming', 'none'] as const),
    incomes,
    workType: g.pick(['odd_jobs', 'farming', 'none', undefined] as const),
    selfCare: g.chance(0.2)
      ? {
          eating: g.chance(0.5),
          dressing: g.chance(0.5),
          transferring: g.chance(0.5),
          toileting: g.chance(0.5),
          indoorWalking: g.chance(0.5),
          bathing: g.chance(0.5),
        }
      : null,
  };
}

function randomHousehold(g: Gen): Household {
  const members: Member[] = [randomMember(g, 'applicant')];
  for (let i = g.int(0, 4); i > 0; i--)
    members.push(randomMember(g, g.pick(['spouse', 'child', 'child', 'parent', 'sibling'] as const)));
  const supporters: Supporter[] = Array.from({ length: g.int(0, 2) }, () => ({
    name: `义务人${g.int(1, 1_000_000)}`,
    idNumber: g.id(g.int(20, 80)),
    relation: 'child' as const,
    supports: members.filter(() => g.chance(0.5)).map((m) => m.idNumber),
    annualIncomeFen: g.int(0, 8_000_000),
    flags: {
      onMinimumLiving: g.chance(0.15),
      seriousIllness: g.chance(0.1),
      inPrison: g.chance(0.05),
      student: g.chance(0.1),
      luxuryCar: g.chance(0.1),
    },
  }));
  return {
    members,
    supporters,
    assets: {
      depositsFen: g.chance(0.1) ? g.int(0, 20_000_000) : g.int(0, 500_000),
      securitiesFen: g.chance(0.1) ? g.int(0, 1_000_000) : 0,
      vehicles: g.chance(0.1)
        ? [{ description: '车辆', purpose: g.pick(['disability_aid', 'work', 'private'] as const) }]
        : [],
      homes: { count: g.int(0, 2), luxury: g.chance(0.03) },
      businesses: g.chance(0.05) ? [{ description: '股份', valueFen: g.int(0, 20_000_000) }] : [],
    },
    exclusionFacts: { luxuryConsumption: g.chance(0.03), refusesVerificationOrVisit: g.chance(0.03) },
    rigidExpenditures: g.chance(0.5)
      ? [
          {
            kind: g.pick(['medical', 'tuition', 'pension_insurance'] as const),
            annualFen: g.int(0, 3_000_000),
            memberIdNumber: members[0].idNumber,
          },
        ]
      : [],
    suddenHardship: g.chance(0.05) ? { kind: 'fire', description: '失火' } : null,
  };
}

function randomParameters(g: Gen): PolicyParameters {
  return {
    ...DEFAULT_PARAMETERS,
    areaType: g.pick(['urban', 'rural'] as const),
    monthlyStandardFen: { urban: g.int(60_000, 120_000), rural: g.int(40_000, 90_000) },
    rounding: g.pick(['yuan-half-up', 'yuan-up', 'yuan-down', 'fen'] as const),
    classifiedIncrements: {
      ...DEFAULT_PARAMETERS.classifiedIncrements,
      stacking: g.pick(['highest', 'sum'] as const),
    },
    singlePersonCoverage: {
      ...DEFAULT_PARAMETERS.singlePersonCoverage,
      basis: g.pick(['own_income_gap', 'full_standard'] as const),
    },
  };
}

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
    const h = randomHousehold(g);
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
      const r = assess(randomHousehold(g), p, { assessmentDate: DATE });
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
    const h = randomHousehold(g);
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
    const h = randomHousehold(g);
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
      const r = assess(randomHousehold(g), randomParameters(g), { assessmentDate: DATE });
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
