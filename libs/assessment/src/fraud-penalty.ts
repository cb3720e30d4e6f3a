/**
 * The fine for obtaining assistance by fraud (《社会救助暂行办法》第六十八条: 可以处非法获取的救助款额
 * 或者物款额1倍以上3倍以下的罚款) and whether it is a 较大数额 fine that carries the right to a
 * hearing (《中华人民共和国行政处罚法》第六十三条). The threshold is the region's policy parameter in
 * force on the day, never a constant, because the province sets what 较大数额 means. Pure.
 */
import type { Fen } from './money';
import type { PolicyParameters } from './parameters';

/** Art. 68: at least once and at most three times the amount obtained by fraud. */
export const FRAUD_FINE_MULTIPLE = { min: 1, max: 3 } as const;
export const FRAUD_FINE_BASIS = '《社会救助暂行办法》第六十八条';

/**
 * Local default for parameter rows that predate `penalty` (5,000 yuan for a citizen): a placeholder a
 * region replaces with the 较大数额 its province has set.
 */
export const PENALTY_DEFAULTS = { largeFineThresholdFen: 500_000 };

export function largeFineThresholdFen(parameters: Pick<PolicyParameters, 'penalty'>): Fen {
  return parameters.penalty?.largeFineThresholdFen ?? PENALTY_DEFAULTS.largeFineThresholdFen;
}

export interface FineRange {
  minFen: Fen;
  maxFen: Fen;
}

export function fraudFineRange(fraudAmountFen: Fen): FineRange {
  return {
    minFen: fraudAmountFen * FRAUD_FINE_MULTIPLE.min,
    maxFen: fraudAmountFen * FRAUD_FINE_MULTIPLE.max,
  };
}

const yuan = (value: Fen) => (value / 100).toFixed(2);

/**
 * Why a fine is not lawful under Art. 68, in Chinese, or null when it is. `ceilingFen` is the fine
 * the prior notice proposed: after 陈述、申辩 or a hearing the fine may not be raised
 * (行政处罚法第四十五条：不得因当事人陈述、申辩而给予更重的处罚).
 */
export function fraudFineProblem(fraudAmountFen: Fen, fineFen: Fen, ceilingFen?: Fen): string | null {
  if (!Number.isSafeInteger(fraudAmountFen) || fraudAmountFen <= 0) {
    return '骗取的救助款额应大于零，才能确定罚款数额';
  }
  if (!Number.isSafeInteger(fineFen) || fineFen <= 0) return '罚款数额应大于零';
  const { minFen, maxFen } = fraudFineRange(fraudAmountFen);
  if (fineFen < minFen || fineFen > maxFen) {
    return `罚款数额${yuan(fineFen)}元不在骗取款额${yuan(fraudAmountFen)}元的1倍以上3倍以下（${yuan(minFen)}元至${yuan(maxFen)}元）之内（${FRAUD_FINE_BASIS}）`;
  }
  if (ceilingFen !== undefined && fineFen > ceilingFen) {
    return `罚款数额${yuan(fineFen)}元高于事先告知的${yuan(ceilingFen)}元，不得因当事人陈述、申辩而加重处罚（《中华人民共和国行政处罚法》第四十五条）`;
  }
  return null;
}

/** 较大数额罚款 (行政处罚法第六十三条): at or above the threshold in force. */
export function isLargeFine(fineFen: Fen, thresholdFen: Fen): boolean {
  return fineFen >= thresholdFen;
}
