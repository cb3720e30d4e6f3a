import { calendarDateProblem, calendarMonthProblem, isCalendarDate } from './calendar-date';

describe('calendar dates: a real day in 1900–2100', () => {
  it.each(['2026-02-28', '2028-02-29', '2000-02-29', '1900-01-01', '2100-12-31', '2026-12-31'])(
    'accepts %s',
    (value) => expect(calendarDateProblem(value)).toBeUndefined(),
  );

  it.each([
    ['2026-02-30', '2026-02-30不是有效的日期'],
    ['2026-02-29', '2026-02-29不是有效的日期'],
    ['1900-02-29', '1900-02-29不是有效的日期'],
    ['2026-04-31', '2026-04-31不是有效的日期'],
    ['2026-13-01', '2026-13-01不是有效的日期'],
    ['2026-00-10', '2026-00-10不是有效的日期'],
    ['2026-01-00', '2026-01-00不是有效的日期'],
    ['0000-01-01', '年份应在1900至2100年之间'],
    ['1899-12-31', '年份应在1900至2100年之间'],
    ['2101-01-01', '年份应在1900至2100年之间'],
    ['9999-12-31', '年份应在1900至2100年之间'],
    ['2026-2-3', '应为 YYYY-MM-DD 格式的日期'],
    ['2026-02-03T00:00:00Z', '应为 YYYY-MM-DD 格式的日期'],
    ['２０２６-02-03', '应为 YYYY-MM-DD 格式的日期'],
    [20260203, '应为 YYYY-MM-DD 格式的日期'],
    [null, '应为 YYYY-MM-DD 格式的日期'],
  ])('refuses %p: %s', (value, problem) => {
    expect(calendarDateProblem(value)).toBe(problem);
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('calendar months', () => {
  it.each([
    ['2027-06', undefined],
    ['2100-12', undefined],
    ['0000-06', '年份应在1900至2100年之间'],
    ['2101-01', '年份应在1900至2100年之间'],
    ['2027-13', '2027-13不是有效的月份'],
    ['2027-00', '2027-00不是有效的月份'],
    ['2027-6', '应为 YYYY-MM 格式的月份'],
    ['2027-06-01', '应为 YYYY-MM 格式的月份'],
  ])('%s: %s', (value, problem) => expect(calendarMonthProblem(value)).toBe(problem));
});
