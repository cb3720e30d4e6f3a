/**
 * 动态管理 (《最低生活保障审核确认办法》Arts. 31, 33): which review category a household is in,
 * when its next periodic review is due, and the months a change or a 渐退期 covers. Pure.
 */
import { ageOn } from '@app/assistance';
import type { Household, Member } from '../household';
import { labourCapacity } from '../labour-capacity';
import type { PolicyParameters, ReviewParameters } from '../parameters';
import { reviewParameters } from '../parameters';

/** stable: situation changes little (每年核查); unstable: unstable income and members able to work (每半年). */
export type ReviewCategory = 'stable' | 'unstable';

export interface ReviewCategoryResult {
  category: ReviewCategory;
  /** Why, in zh-CN, for the record. */
  reason: string;
}

/** Working age ends here (法定劳动年龄 16–59). */
export const WORKING_AGE_END_EXCLUSIVE = 60;

/** A counted income the verification found that recurs: wages, or a business. */
function hasVerifiedStableIncome(member: Member): boolean {
  return member.incomes.some((i) => (i.kind === 'wage' || i.kind === 'business') && i.annualFen > 0);
}

/**
 * Art. 31: a household with a member of working age who is able to work (labour coefficient
 * above 0) and has no verified stable income (wage or business) is `unstable`; every other
 * household is `stable`. Without verified economics the household is `unstable` — the more
 * frequent review, until an investigation has shown otherwise.
 */
export function reviewCategory(
  household: Pick<Household, 'members'> | null | undefined,
  parameters: PolicyParameters,
  onDate: string,
): ReviewCategoryResult {
  if (!household || !household.members?.length) {
    return { category: 'unstable', reason: '未录入核实的家庭经济状况，按收入不稳定家庭每半年核查' };
  }
  for (const member of household.members) {
    if (member.cohabitation && member.cohabitation.livesTogetherLongTerm === false) continue;
    const age = ageOn(member.idNumber, onDate);
    if (age < parameters.labour.minAge || age >= WORKING_AGE_END_EXCLUSIVE) continue;
    if (labourCapacity(member, age, parameters).coefficientBp <= 0) continue;
    if (!hasVerifiedStableIncome(member)) {
      return {
        category: 'unstable',
        reason: `${member.name}处于劳动年龄、有劳动能力且无核实的稳定收入`,
      };
    }
  }
  return { category: 'stable', reason: '家庭成员无劳动能力或有稳定收入，家庭状况变化不大' };
}

/** Months between periodic reviews for a category. */
export function reviewIntervalMonths(category: ReviewCategory, review: ReviewParameters): number {
  return category === 'unstable' ? review.unstableMonths : review.stableMonths;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** 'YYYY-MM' plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' plus n months; a day the target month lacks becomes its last day (1-31 + 1 month = 2-28). */
export function addMonthsToDate(date: string, n: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const month = addMonths(`${m[1]}-${m[2]}`, n);
  const [y, mo] = month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return `${month}-${String(Math.min(Number(m[3]), lastDay)).padStart(2, '0')}`;
}

/** The last day of a 'YYYY-MM' month as 'YYYY-MM-DD'. */
export function lastDayOfMonth(month: string): string {
  const [y, mo] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, mo, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * The next periodic review: the interval of the category counted from `fromDate` (the first day
 * the benefit is paid at a grant, the review's own date after a review).
 */
export function nextReviewDate(
  fromDate: string,
  category: ReviewCategory,
  parameters: Pick<PolicyParameters, 'review'>,
): string {
  return addMonthsToDate(fromDate, reviewIntervalMonths(category, reviewParameters(parameters)));
}

/** The month a change takes effect: the one the decision names, else the month after the decision. */
export function effectiveMonthOf(requested: unknown, decisionDate: string): string {
  if (isMonth(requested)) return requested;
  return addMonths(decisionDate.slice(0, 7), 1);
}

export interface GradualExitPlan {
  months: number;
  /** The first month of the period (the decision's effective month). */
  fromMonth: string;
  /** The last month still paid. */
  untilMonth: string;
  /** Last day of `untilMonth`, printed in the 告知书. */
  endDate: string;
}

/**
 * 渐退期 (Art. 33): the benefit continues for `months` months from the effective month and ends
 * after the last of them. `months` must be 1 … the parameter's maximum; absent → the maximum.
 * Returns a zh-CN problem instead of a plan when the request is out of range.
 */
export function gradualExitPlan(
  requestedMonths: unknown,
  effectiveMonth: string,
  parameters: Pick<PolicyParameters, 'review'>,
): GradualExitPlan | { problem: string } {
  const max = reviewParameters(parameters).maxGradualExitMonths;
  const months = requestedMonths === undefined || requestedMonths === null ? max : requestedMonths;
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 1) {
    return { problem: '渐退期应为不少于1个月的整数' };
  }
  if (months > max) return { problem: `渐退期不得超过${max}个月（当地政策参数）` };
  const untilMonth = addMonths(effectiveMonth, months - 1);
  return { months, fromMonth: effectiveMonth, untilMonth, endDate: lastDayOfMonth(untilMonth) };
}
