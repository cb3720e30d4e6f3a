/** Test-data builders (not exported from the library): valid resident IDs and sensible defaults. */
import { withCheckDigit } from '@app/assistance';
import type { Assets, Household, Member, Supporter } from '../household';
import { DEFAULT_PARAMETERS, type PolicyParameters } from '../parameters';

export const ASSESSMENT_DATE = '2025-06-30';

let sequence = 0;

/** A valid ID for someone born on `birthDate` ('YYYY-MM-DD'); sequence numbers keep IDs unique. */
export function idBornOn(birthDate: string, sex: 'male' | 'female' = 'male'): string {
  sequence = (sequence + 1) % 499;
  const seq = sequence * 2 + (sex === 'male' ? 1 : 0);
  return withCheckDigit(`150422${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`);
}

/** Someone who is exactly `age` on ASSESSMENT_DATE (born 15 January). */
export function idAged(age: number, sex: 'male' | 'female' = 'male'): string {
  return idBornOn(`${2025 - age}-01-15`, sex);
}

export function member(name: string, age: number | { born: string }, over: Partial<Member> = {}): Member {
  return {
    name,
    idNumber: typeof age === 'number' ? idAged(age) : idBornOn(age.born),
    relation: 'applicant',
    cohabitation: { livesTogetherLongTerm: true },
    health: 'healthy',
    incomes: [],
    workType: 'none',
    ...over,
  };
}

export function supporter(
  name: string,
  age: number,
  supports: Member[],
  over: Partial<Supporter> = {},
): Supporter {
  return {
    name,
    idNumber: idAged(age),
    relation: 'child',
    supports: supports.map((m) => m.idNumber),
    annualIncomeFen: 0,
    flags: {},
    ...over,
  };
}

export function assets(over: Partial<Assets> = {}): Assets {
  return {
    depositsFen: 0,
    securitiesFen: 0,
    vehicles: [],
    homes: { count: 1, luxury: false },
    businesses: [],
    ...over,
  };
}

export function household(members: Member[], over: Partial<Household> = {}): Household {
  return { members, supporters: [], assets: assets(), exclusionFacts: {}, rigidExpenditures: [], ...over };
}

/** DEFAULT_PARAMETERS with nested overrides (one level deep merge for objects). */
export function params(
  over: { [K in keyof PolicyParameters]?: Partial<PolicyParameters[K]> } = {},
): PolicyParameters {
  const out: Record<string, unknown> = { ...DEFAULT_PARAMETERS };
  for (const [k, v] of Object.entries(over)) {
    const base = (DEFAULT_PARAMETERS as unknown as Record<string, unknown>)[k];
    out[k] =
      base &&
      typeof base === 'object' &&
      !Array.isArray(base) &&
      v &&
      typeof v === 'object' &&
      !Array.isArray(v)
        ? { ...(base as object), ...(v as object) }
        : v;
  }
  return out as unknown as PolicyParameters;
}
