import { addWorkingDays } from '@app/workflow';

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
  if (!dueDate) return { level: 'green', label: '无时限' };
  if (dueDate < today) return { level: 'red', label: '逾期' };
  if (dueDate === today) return { level: 'orange', label: '今日到期' };
  if (dueDate <= addWorkingDays(today, 1).date) return { level: 'orange', label: '1个工作日内' };
  if (dueDate <= addWorkingDays(today, 3).date) return { level: 'yellow', label: '3个工作日内' };
  return { level: 'green', label: '充足' };
}
