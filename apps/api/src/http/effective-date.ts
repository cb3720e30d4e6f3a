import { AppError } from '@app/common';

/** A YYYY-MM-DD effective date that is a real calendar date and not in the past (no retroactive rules). */
export function checkEffectiveFrom(value: string | undefined, today: string): string {
  if (value === undefined || value === '') return today;
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value)
    throw AppError.validation('生效日期无效', [{ field: 'effectiveFrom', message: '不是有效的日期' }]);
  if (value < today)
    throw AppError.validation('生效日期不能早于今天', [
      { field: 'effectiveFrom', message: `不能早于今天（${today}）` },
    ]);
  return value;
}
