/**
 * The one rule for a date a caller gives: 'YYYY-MM-DD' that names a real day (2026-02-30 does not)
 * in years 1900–2100. The years keep what reaches PostgreSQL inside what it accepts (it has no
 * year 0) and what a case can mean: births and facts after 1900, effective dates before 2100.
 */
export const DATE_YEARS = { min: 1900, max: 2100 } as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEARS = `年份应在${DATE_YEARS.min}至${DATE_YEARS.max}年之间`;

const outOfYears = (year: number) => year < DATE_YEARS.min || year > DATE_YEARS.max;

export function isCalendarDate(value: unknown): value is string {
  return calendarDateProblem(value) === undefined;
}

/** Why the value is not a calendar date (zh-CN), or undefined when it is one. */
export function calendarDateProblem(value: unknown): string | undefined {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return '应为 YYYY-MM-DD 格式的日期';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (outOfYears(year)) return YEARS;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return `${value}不是有效的日期`;
  return undefined;
}

/** The same rule for a month, 'YYYY-MM'. */
export function calendarMonthProblem(value: unknown): string | undefined {
  const match = typeof value === 'string' ? MONTH.exec(value) : null;
  if (!match) return '应为 YYYY-MM 格式的月份';
  if (outOfYears(Number(match[1]))) return YEARS;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? undefined : `${value}不是有效的月份`;
}
