/** 四级信息圈: 1 低保/特困, 2 低收入, 3 and 4 by per-capita income relative to the low-income line. */
import { BASIS } from './basis';
import { type Explanation, yuan } from './explanation';
import { type ExactFen, lt, lte, mulBp } from './money';
import type { PolicyParameters } from './parameters';

export function informationCircle(
  onMinimumLivingOrExtreme: boolean,
  lowIncome: boolean,
  perCapita: ExactFen | null,
  lowIncomeLine: ExactFen,
  p: PolicyParameters,
  ex: Explanation,
): 1 | 2 | 3 | 4 | null {
  const c3 = mulBp(lowIncomeLine, p.informationCircles.circle3UpperMultipleBp);
  const c4 = mulBp(lowIncomeLine, p.informationCircles.circle4UpperMultipleBp);
  let circle: 1 | 2 | 3 | 4 | null = null;
  if (onMinimumLivingOrExtreme) circle = 1;
  else if (lowIncome) circle = 2;
  else if (perCapita && lte(lowIncomeLine, perCapita) && lt(perCapita, c3)) circle = 3;
  else if (perCapita && lte(c3, perCapita) && lt(perCapita, c4)) circle = 4;
  ex.add({
    rule: 'monitoring.circle',
    label: circle ? `纳入第${circle}级信息圈` : '不在四级信息圈内',
    inputs: () => ({
      perCapitaMonthly: perCapita ? yuan(perCapita) : null,
      lowIncomeLine: yuan(lowIncomeLine),
      circle3Upper: yuan(c3),
      circle4Upper: yuan(c4),
    }),
    basis: BASIS.circles,
  });
  return circle;
}
