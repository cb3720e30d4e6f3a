import { parseDue } from '@app/process-models';
import {
  addCalendarDays,
  addWorkingDays,
  CALENDAR_LAST_YEAR,
  computeDueDate,
  isWeekend,
  plusDays,
  plusMonths,
  WorkingCalendar,
} from './working-days';

describe('working days on the official calendar', () => {
  it.each([
    // [from, days, expected] — checked against the State Council holiday notices (LEGAL.md §6.2)
    ['2025-01-27', 1, '2025-02-05'], // 春节 2025: off Jan 28–Feb 4
    ['2025-01-24', 10, '2025-02-13'],
    ['2025-09-27', 1, '2025-09-28'], // Sunday 调休 workday counts
    ['2026-11-23', 10, '2026-12-07'],
    ['2026-09-30', 3, '2026-10-10'], // 国庆 2026, Saturday Oct 10 is a make-up workday
    ['2026-11-20', 3, '2026-11-25'], // Friday: the weekend is skipped
  ])('%s + %i working days = %s', (from, days, expected) => {
    expect(addWorkingDays(from, days)).toEqual({ date: expected, certain: true });
  });

  it('flags dates past the published calendar instead of pretending to know them', () => {
    expect(CALENDAR_LAST_YEAR).toBeGreaterThanOrEqual(2026);
    const due = addWorkingDays(`${CALENDAR_LAST_YEAR}-12-28`, 10);
    expect(due.certain).toBe(false);
  });

  it('moves a calendar-day period ending on a holiday to the next workday', () => {
    expect(addCalendarDays('2025-09-24', 7)).toEqual({ date: '2025-10-09', certain: true }); // Oct 1 falls in 国庆
    expect(addCalendarDays('2026-11-23', 7)).toEqual({ date: '2026-11-30', certain: true });
  });

  it.each([
    // [sa:due, opened on, due] — "within the day" (当日) for 急难型先行救助
    ['0D', '2026-11-23', '2026-11-23'], // Monday: the same day
    ['0D', '2026-11-21', '2026-11-21'], // Saturday: still the same day, emergencies do not wait
    ['0D', '2026-10-01', '2026-10-01'], // 国庆 holiday: the same day
    ['0WD', '2026-11-23', '2026-11-23'], // a working day: that day
    ['0WD', '2026-11-21', '2026-11-23'], // Saturday: the next working day
    ['0WD', '2026-10-03', '2026-10-08'], // 国庆 2026: the next working day after the holiday
    ['1D', '2026-11-23', '2026-11-24'],
    ['5WD', '2026-11-23', '2026-11-30'],
  ])('sa:due="%s" opened %s is due %s', (due, openedOn, expected) => {
    const spec = parseDue(due);
    expect(spec).toBeDefined();
    expect(computeDueDate(spec!, openedOn)).toEqual({ date: expected, certain: true });
  });

  it.each(['00D', '-1D', '0', 'D', '0.5D', '10000WD'])('refuses sa:due="%s"', (due) => {
    expect(parseDue(due)).toBeUndefined();
  });
});

describe('WorkingCalendar: loaded schedules over the package', () => {
  const y = CALENDAR_LAST_YEAR + 1; // a year the package does not know
  const loaded = new WorkingCalendar([
    { year: y, holidays: [`${y}-03-02`, `${y}-03-03`], workdays: [`${y}-03-07`] },
    // A loaded year the package also covers: the loaded schedule wins.
    { year: 2026, holidays: ['2026-11-24'], workdays: [] },
  ]);

  it.each([
    // [calendar, date, workday?]
    ['package', `${y}-03-02`, !isWeekend(`${y}-03-02`)],
    ['loaded', `${y}-03-02`, false],
    ['loaded', `${y}-03-07`, true],
    ['loaded', '2026-11-24', false],
    ['package', '2026-11-24', true],
    ['loaded', '2026-10-01', true], // a loaded 2026 replaces the package's 2026 entirely
    ['package', '2026-10-01', false],
  ])('%s: %s workday = %s', (which, date, expected) => {
    const calendar = which === 'loaded' ? loaded : WorkingCalendar.PACKAGE;
    expect(calendar.isWorkday(date as string)).toBe(expected);
  });

  it('computes dates in a loaded year as certain and skips its holidays', () => {
    const from = `${y}-02-27`;
    const pkg = WorkingCalendar.PACKAGE.addWorkingDays(from, 3);
    const withLoaded = loaded.addWorkingDays(from, 3);
    expect(pkg.certain).toBe(false);
    expect(withLoaded.certain).toBe(true);
    expect(withLoaded.date > pkg.date || withLoaded.date !== pkg.date).toBe(true);
    // Every day counted is a workday of the loaded calendar, none of the loaded holidays.
    for (let d = from, n = 0; d < withLoaded.date;) {
      d = plusDays(d, 1);
      if (loaded.isWorkday(d)) n++;
      if (d === withLoaded.date) expect(n).toBe(3);
    }
    expect(loaded.source(y)).toBe('loaded');
    expect(loaded.source(2025)).toBe('package');
    expect(loaded.source(y + 1)).toBeNull();
  });

  it.each([
    ['2026-11-23', 0, '2026-11-23'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-11-15', 2, '2027-01-15'],
  ])('%s + %i months = %s (before the holiday rule)', (from, months, expected) => {
    expect(plusMonths(from, months)).toBe(expected);
  });

  it('moves a month period ending on a holiday to the next workday', () => {
    expect(WorkingCalendar.PACKAGE.addMonths('2026-04-01', 6)).toEqual({ date: '2026-10-08', certain: true });
    expect(WorkingCalendar.PACKAGE.addMonths('2025-08-31', 6)).toEqual({ date: '2026-02-28', certain: true }); // 调休 Saturday
  });
});
