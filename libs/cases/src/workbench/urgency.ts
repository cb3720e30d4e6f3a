import { WorkingCalendar, addWorkingDays, plusDays } from '@app/workflow';

export type UrgencyLevel = 'red' | 'orange' | 'yellow' | 'green';

export interface Urgency {
  level: UrgencyLevel;
  label: string;
}

/**
 * How pressing a task is on the official working-day calendar: red past due, orange due today or
 * within one working day, yellow within three, green otherwise (also when no deadline applies).
 * Due dates are always working days, so comparing with "today + n working days" is exact.
 */
export function urgencyOf(dueDate: string | null, today: string): Urgency {
  return urgencyOn(today)(dueDate);
}

/** One day's thresholds and overdue labels: the package calendar is fixed, so they hold all day. */
let day: { today: string; within1?: string; within3?: string; overdue: Map<string, string> } | undefined;

/**
 * `urgencyOf` for many tasks on one day: the working-day thresholds are worked out once a day,
 * and each overdue date's count once, not for every row of every page.
 */
export function urgencyOn(today: string): (dueDate: string | null) => Urgency {
  if (day?.today !== today) day = { today, overdue: new Map() };
  const d = day;
  return (dueDate) => {
    if (!dueDate) return { level: 'green', label: '无时限' };
    if (dueDate < today) {
      let label = d.overdue.get(dueDate);
      if (label === undefined)
        d.overdue.set(dueDate, (label = overdueLabel(workingDaysOverdue(dueDate, today))));
      return { level: 'red', label };
    }
    if (dueDate === today) return { level: 'orange', label: '今日到期' };
    if (dueDate <= (d.within1 ??= addWorkingDays(today, 1).date))
      return { level: 'orange', label: '1个工作日内' };
    if (dueDate <= (d.within3 ??= addWorkingDays(today, 3).date))
      return { level: 'yellow', label: '3个工作日内' };
    return { level: 'green', label: '充足' };
  };
}

/**
 * Working days past the due date up to and including today: due on a Friday, it is 1 on Monday.
 * Weekends and holidays between do not count, as for the deadline itself.
 */
export function workingDaysOverdue(
  dueDate: string,
  today: string,
  calendar: WorkingCalendar = WorkingCalendar.PACKAGE,
): number {
  let count = 0;
  // A decade of days bounds the walk; a task that old is long past any reminder.
  for (let day = plusDays(dueDate, 1), n = 0; day <= today && n < 3660; day = plusDays(day, 1), n++) {
    if (calendar.isWorkday(day)) count++;
  }
  return count;
}

/** "逾期 3 个工作日"; before the next working day has begun, plainly "逾期（不足 1 个工作日）". */
export function overdueLabel(days: number): string {
  return days > 0 ? `逾期 ${days} 个工作日` : '逾期（不足 1 个工作日）';
}
