/**
 * The cases whose full assessment (figures and every 计算明细 line) is pinned in
 * reference-results.json: seeded random households under random parameter sets, and the
 * 4-person worked example of the benchmark. The fixture was captured from the code before the
 * assessment was made fast, so any change of a figure or a line of text shows up as a difference.
 * Regenerate it (only for an intended rule or wording change) with
 * `npx ts-node -r tsconfig-paths/register --transpile-only libs/assessment/src/testing/capture-reference.ts`.
 */
import { withCheckDigit } from '@app/assistance';
import type { Household } from '../household';
import { DEFAULT_PARAMETERS, type PolicyParameters } from '../parameters';
import type { AssessmentOptions } from '../result';
import { Gen, randomHousehold, randomParameters } from './random-household';

export interface ReferenceCase {
  name: string;
  household: Household;
  parameters: PolicyParameters;
  options: AssessmentOptions;
}

export const REFERENCE_CASES = 400;

/** DOMAIN.md's worked example with the applicant's mother of 66 on a 2,400 元 pension. */
export function workedExampleHousehold(): Household {
  const person = (name: string, first17: string, relation: string, extra: object = {}) => ({
    name,
    idNumber: withCheckDigit(first17),
    relation,
    cohabitation: { livesTogetherLongTerm: true },
    health: 'healthy',
    incomes: [],
    ...extra,
  });
  return {
    members: [
      person('王建国', '41079919810305001', 'applicant', { workType: 'odd_jobs' }),
      person('刘秀英', '41079919830611002', 'spouse', { health: 'chronic_illness', workType: 'farming' }),
      person('王小明', '41079920110902003', 'child', { workType: 'none' }),
      person('张桂芝', '41079919600214004', 'parent', {
        workType: 'none',
        incomes: [{ kind: 'transfer', annualFen: 240_000 }],
      }),
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
    rigidExpenditures: [{ kind: 'medical', annualFen: 360_000 }],
  } as unknown as Household;
}

export function referenceCases(): ReferenceCase[] {
  const cases: ReferenceCase[] = [
    {
      name: 'worked example',
      household: workedExampleHousehold(),
      parameters: DEFAULT_PARAMETERS,
      options: { assessmentDate: '2026-11-23' },
    },
  ];
  for (let seed = 1; seed < REFERENCE_CASES; seed++) {
    const g = new Gen(100_000 + seed);
    const household = randomHousehold(g);
    const parameters = randomParameters(g);
    // Some cases decided later than assessed: the start month follows the decision date.
    const options: AssessmentOptions =
      seed % 7 === 0
        ? { assessmentDate: '2025-06-30', decisionDate: '2025-08-15' }
        : { assessmentDate: '2025-06-30' };
    cases.push({ name: `seed ${100_000 + seed}`, household, parameters, options });
  }
  return cases;
}
