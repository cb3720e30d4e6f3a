import { AppError, calendarDateProblem } from '@app/common';

/** A YYYY-MM-DD effective date that is a real calendar date and not in the past (no retroactive rules). */
export function checkEffectiveFrom(value: string | undefined, today: string): string {
  if (value === undefined || value === '') return today;
  const problem = calendarDateProblem(value);
  if (problem)
    throw AppError.validation('生效日期无效', [{ field: 'effectiveFrom', message: `生效日期${problem}` }]);
  if (value < today)
    throw AppError.validation('生效日期不能早于今天', [
      { field: 'effectiveFrom', message: `不能早于今天（${today}）` },
    ]);
  return value;
}
