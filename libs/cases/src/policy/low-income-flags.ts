import { type AssessmentResult, ZERO, add, isZero, lte } from '@app/assessment';

/** What the 低收入人口认定 model's gateway reads from an assessment (`assessment.evaluate`). */
export interface LowIncomeFlags {
  /** 低保边缘家庭: per-capita income below 低保标准 × lowIncomeFactorBp, property passes, not 低保-eligible. */
  lowIncomeEligible: boolean;
  /**
   * 刚性支出困难家庭 — our default reading, to be checked against the province's 认定办法 (LEGAL §2d,
   * not verified): not 低保-eligible, no one-vote-veto or property hit, and the declared rigid
   * expenditure (medical, tuition, pension insurance, before caps) is at least the household's
   * gross yearly income (verified + imputed + support). The reviewer still decides.
   */
  rigidExpenditureHardship: boolean;
}

type Needed = Pick<
  AssessmentResult,
  'minimumLiving' | 'lowIncome' | 'veto' | 'property' | 'income' | 'rigidDeductions'
>;

export function lowIncomeFlags(result: Needed): LowIncomeFlags {
  const clean = result.veto.hits.length === 0 && result.property.passed;
  const claimed = add(ZERO, ...result.rigidDeductions.map((d) => d.claimedFen));
  const gross = add(result.income.verifiedFen, result.income.imputedFen, result.income.supportFen);
  return {
    lowIncomeEligible: Boolean(result.lowIncome.eligible),
    rigidExpenditureHardship:
      clean && !result.minimumLiving.eligible && !isZero(claimed) && lte(gross, claimed),
  };
}
