import { isWorkday as packageIsWorkday } from 'chinese-days';
import { isCalendarDate } from '@app/common';
import type { Due } from '@app/process-models';

/** Last year the installed official holiday calendar (chinese-days) has data for. */
export const CALENDAR_LAST_YEAR = detectLastCoveredYear();

export interface DueDate {
  date: string;
  /** False when the computation ran past every known holiday calendar: weekends only were skipped. */
  certain: boolean;
}

/** One year's official schedule: statutory holidays and 调休 weekend workdays (YYYY-MM-DD). */
export interface YearSchedule {
  year: number;
  holidays: readonly string[];
  workdays: readonly string[];
}

export type CalendarSource = 'loaded' | 'package' | null;

/**
 * Which days are working days: years an administrator loaded (from the State Council notice) win
 * over the installed package; years neither covers count Mon–Fri only and make results uncertain.
 * Pure: no database, no clock — the runtime builds one from the `holiday_calendar` rows.
 */
export class WorkingCalendar {
  private readonly loaded = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();

  constructor(
    loaded: readonly YearSchedule[] = [],
    private readonly packageLastYear: number = CALENDAR_LAST_YEAR,
  ) {
    for (const y of loaded) {
      this.loaded.set(y.year, { holidays: new Set(y.holidays), workdays: new Set(y.workdays) });
    }
  }

  /** Only the installed package. */
  static readonly PACKAGE = new WorkingCalendar();

  source(year: number): CalendarSource {
    if (this.loaded.has(year)) return 'loaded';
    if (year >= 2004 && year <= this.packageLastYear) return 'package';
    return null;
  }

  covers(year: number): boolean {
    return this.source(year) !== null;
  }

  loadedYears(): number[] {
    return [...this.loaded.keys()].sort((a, b) => a - b);
  }

  isWorkday(date: string): boolean {
    const year = Number(date.slice(0, 4));
    const loaded = this.loaded.get(year);
    if (loaded) {
      if (loaded.workdays.has(date)) return true;
      if (loaded.holidays.has(date)) return false;
      return !isWeekend(date);
    }
    if (this.source(year) === 'package') return packageIsWorkday(date);
    return !isWeekend(date);
  }

  /** The date itself when it is a working day, else the next working day. */
  workdayOnOrAfter(date: string): string {
    let d = date;
    while (!this.isWorkday(d)) d = plusDays(d, 1);
    return d;
  }

  /**
   * "Within N working days from day X": day X itself is not counted (民诉法 Art. 85 by analogy),
   * 调休 weekend workdays count, holidays do not.
   */
  addWorkingDays(from: string, days: number): DueDate {
    let d = from;
    for (let left = days; left > 0;) {
      d = plusDays(d, 1);
      if (this.isWorkday(d)) left--;
    }
    return { date: d, certain: this.coversSpan(from, d) };
  }

  /**
   * Calendar-day periods (公示 "7天", 行政复议 60 日): the start day is not counted; a last day
   * falling on a holiday or rest day moves to the next working day (民诉法 Art. 85).
   */
  addCalendarDays(from: string, days: number): DueDate {
    const date = this.workdayOnOrAfter(plusDays(from, days));
    return { date, certain: this.coversSpan(from, date) };
  }

  /** Month periods (行政诉讼 六个月): the same day N months later (or that month's last day), then Art. 85. */
  addMonths(from: string, months: number): DueDate {
    const date = this.workdayOnOrAfter(plusMonths(from, months));
    return { date, certain: this.coversSpan(from, date) };
  }

  /**
   * Due date of a task opened on `openedOn`. Zero means "within the day" (当日): `0D` is the
   * opening day itself, also on a rest day or holiday (急难型先行救助 does not wait for a working
   * day); `0WD` is the opening day when it is a working day, else the next working day.
   */
  due(spec: Due, openedOn: string): DueDate {
    if (spec.amount === 0 && spec.unit === 'D')
      return { date: openedOn, certain: this.coversSpan(openedOn, openedOn) };
    if (spec.amount === 0) {
      const date = this.workdayOnOrAfter(openedOn);
      return { date, certain: this.coversSpan(openedOn, date) };
    }
    return spec.unit === 'WD'
      ? this.addWorkingDays(openedOn, spec.amount)
      : this.addCalendarDays(openedOn, spec.amount);
  }

  private coversSpan(from: string, to: string): boolean {
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
      if (!this.covers(y)) return false;
    return true;
  }
}

/** Package calendar only (kept for callers without a loaded calendar). */
export function addWorkingDays(from: string, days: number, calendar = WorkingCalendar.PACKAGE): DueDate {
  return calendar.addWorkingDays(from, days);
}

export function addCalendarDays(from: string, days: number, calendar = WorkingCalendar.PACKAGE): DueDate {
  return calendar.addCalendarDays(from, days);
}

export function computeDueDate(spec: Due, openedOn: string, calendar = WorkingCalendar.PACKAGE): DueDate {
  return calendar.due(spec, openedOn);
}

export function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 2026-08-31 + 6 months = 2027-02-28: a day the target month lacks becomes its last day. */
export function plusMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** The calendar's name for the one date rule (@app/common): a real day in 1900–2100. */
export const isIsoDate: (value: unknown) => value is string = isCalendarDate;

function detectLastCoveredYear(): number {
  // The package's own data: the last year it lists a statutory holiday for.
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string> };
    const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));
    if (years.length) return Math.max(...years);
  } catch {
    // fall through to probing the API
  }
  // Without the data file: the package treats every weekday of an unknown year as a workday, so
  // the last year with a weekday Spring Festival holiday (late January/February) is the last it knows.
  let year = new Date().getUTCFullYear() + 5;
  while (year > 2004) {
    for (let day = 21; day <= 31 + 20; day++) {
      const date = new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10);
      if (!isWeekend(date) && !packageIsWorkday(date)) return year;
    }
    year--;
  }
  return year;
}
