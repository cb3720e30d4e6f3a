import { AppError, calendarDateProblem } from '@app/common';

/** A YYYY-MM-DD effective date that is a real calendar date and not in the past (no retroactive rules). */
export function checkEffectiveFrom(value: string | undefined, today: string, label = '生效日期'): string {
  if (value === undefined || value === '') return today;
  const problem = calendarDateProblem(value);
  if (problem)
    throw AppError.validation(`${label}无效`, [{ field: 'effectiveFrom', message: `${label}${problem}` }]);
  if (value < today)
    throw AppError.validation(`${label}不能早于今天`, [
      { field: 'effectiveFrom', message: `不能早于今天（${today}）` },
    ]);
  return value;
}
