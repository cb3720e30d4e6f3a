/**
 * Seeded random households and parameter sets (mulberry32; no dependency) for the property specs
 * and the reference comparison of the explanation: the same seed always gives the same case.
 */
import { withCheckDigit } from '@app/assistance';
import { HEALTH_CATEGORIES } from '../labour-capacity';
import type {
  DisabilityType,
  EducationLevel,
  Household,
  IncomeKind,
  Member,
  Relation,
  Supporter,
} from '../household';
import { DEFAULT_PARAMETERS, type PolicyParameters } from '../parameters';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class Gen {
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

export function randomMember(g: Gen, relation: Relation): Member {
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

export function randomHousehold(g: Gen): Household {
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

export function randomParameters(g: Gen): PolicyParameters {
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

/**
 * A random household the assessment accepts as input: tuition names a full-time student (or, with
 * none in the household, becomes a medical expenditure). The reference cases keep `randomHousehold`
 * as it was, refusals included, so their stored results stay comparable.
 */
export function randomLawfulHousehold(g: Gen): Household {
  const h = randomHousehold(g);
  const student = h.members.find((m) => m.student?.fullTime);
  return {
    ...h,
    rigidExpenditures: h.rigidExpenditures.map((e) =>
      e.kind !== 'tuition'
        ? e
        : student
          ? { ...e, memberIdNumber: student.idNumber }
          : { ...e, kind: 'medical' as const },
    ),
  };
}
