import { findWorkday, isWorkday } from 'chinese-days';
import type { Due } from '../model/element-info';

/** Last year the installed official holiday calendar (chinese-days) has data for. */
export const CALENDAR_LAST_YEAR = detectLastCoveredYear();

export interface DueDate {
  date: string;
  /** False when the date lies past the published holiday calendar: weekends only were skipped. */
  certain: boolean;
}

/**
 * "Within N working days from day X": day X itself is not counted (民诉法 Art. 85 by analogy),
 * 调休 weekend workdays count, holidays do not.
 */
export function addWorkingDays(from: string, days: number): DueDate {
  const date = findWorkday(days, from);
  return { date, certain: Number(date.slice(0, 4)) <= CALENDAR_LAST_YEAR };
}

/** Calendar-day periods (公示 "7天"): a last day falling on a holiday moves to the next workday. */
export function addCalendarDays(from: string, days: number): DueDate {
  const end = new Date(`${from}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + days);
  const last = end.toISOString().slice(0, 10);
  const date = findWorkday(0, last);
  return { date, certain: Number(date.slice(0, 4)) <= CALENDAR_LAST_YEAR };
}

export function computeDueDate(spec: Due, openedOn: string): DueDate {
  return spec.unit === 'WD' ? addWorkingDays(openedOn, spec.amount) : addCalendarDays(openedOn, spec.amount);
}

function detectLastCoveredYear(): number {
  // The package treats every weekday of an unknown year as a workday; the last year with a
  // Spring Festival holiday (always in late January or February) is the last one it knows.
  let year = new Date().getUTCFullYear() + 5;
  while (year > 2004) {
    for (let day = 21; day <= 31 + 20; day++) {
      const date = new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6 && !isWorkday(date)) return year;
    }
    year--;
  }
  return year;
}
