import { addCalendarDays, addWorkingDays, CALENDAR_LAST_YEAR } from './working-days';

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
});
