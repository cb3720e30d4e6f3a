import { lowIncomeFlags } from './low-income-flags';

const f = (fen: number) => ({ num: fen, den: 1 });

/** The parts of an assessment result the flags read; every case below changes one of them. */
function result(over: {
  minimumLiving?: boolean;
  lowIncome?: boolean;
  vetoHits?: number;
  propertyPassed?: boolean;
  verified?: number;
  imputed?: number;
  support?: number;
  rigidClaimed?: number[];
}) {
  return {
    minimumLiving: { eligible: over.minimumLiving ?? false, reasons: [] },
    lowIncome: { eligible: over.lowIncome ?? false, reasons: [] },
    veto: { hits: Array.from({ length: over.vetoHits ?? 0 }, () => ({}) as never) },
    property: { passed: over.propertyPassed ?? true, hits: [] },
    income: {
      verifiedFen: f(over.verified ?? 0),
      imputedFen: f(over.imputed ?? 0),
      supportFen: f(over.support ?? 0),
      deductionsFen: f(0),
      yearlyFen: f(0),
      monthlyFen: f(0),
      perCapitaMonthlyFen: null,
    },
    rigidDeductions: (over.rigidClaimed ?? []).map((claimed) => ({
      kind: 'medical' as const,
      memberIdNumber: null,
      claimedFen: f(claimed),
      deductedFen: f(claimed),
    })),
  };
}

describe('lowIncomeFlags', () => {
  it.each([
    ['低保边缘 household', { lowIncome: true, verified: 3_000_000 }, true, false],
    ['income above the line, no rigid expenditure', { verified: 3_000_000 }, false, false],
    [
      'rigid expenditure equal to gross income',
      { verified: 1_000_000, rigidClaimed: [1_000_000] },
      false,
      true,
    ],
    [
      'rigid expenditure above income, two items',
      { imputed: 900_000, support: 100_000, rigidClaimed: [600_000, 500_000] },
      false,
      true,
    ],
    [
      'rigid expenditure just below gross income',
      { verified: 1_000_000, rigidClaimed: [999_999] },
      false,
      false,
    ],
    [
      'support counts as income',
      { verified: 900_000, support: 200_000, rigidClaimed: [1_000_000] },
      false,
      false,
    ],
    [
      'already 低保-eligible: not a 刚性支出困难 case',
      { minimumLiving: true, rigidClaimed: [500_000] },
      false,
      false,
    ],
    ['one-vote veto hit', { vetoHits: 1, verified: 100, rigidClaimed: [500_000] }, false, false],
    ['property test failed', { propertyPassed: false, rigidClaimed: [500_000] }, false, false],
    ['no income and no rigid expenditure', {}, false, false],
    ['no income, some rigid expenditure', { rigidClaimed: [1] }, false, true],
  ])('%s', (_name, input, lowIncomeEligible, rigidExpenditureHardship) => {
    expect(lowIncomeFlags(result(input))).toEqual({ lowIncomeEligible, rigidExpenditureHardship });
  });
});
