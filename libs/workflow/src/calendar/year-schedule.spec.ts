import { yearScheduleProblems } from './year-schedule';

describe('a year schedule as an administrator loads it', () => {
  const ok = {
    holidays: ['2027-01-01', '2027-02-08'],
    workdays: ['2027-02-06'],
    source: '国办发明电〔2026〕X号',
  };

  it('accepts a well-formed schedule', () => {
    expect(yearScheduleProblems(2027, ok)).toEqual([]);
  });

  it.each([
    ['a date of another year', { ...ok, holidays: ['2026-12-31'] }, 'holidays[0]', '不在 2027 年内'],
    ['an invalid date', { ...ok, holidays: ['2027-02-30'] }, 'holidays[0]', '不是有效日期'],
    ['a weekday as 调休 workday', { ...ok, workdays: ['2027-02-09'] }, 'workdays[0]', '只能是周六或周日'],
    [
      'a day both off and on',
      { ...ok, holidays: ['2027-02-06'], workdays: ['2027-02-06'] },
      'workdays[0]',
      '同时列为',
    ],
    ['a duplicate', { ...ok, holidays: ['2027-01-01', '2027-01-01'] }, 'holidays[1]', '重复'],
    ['no holidays', { ...ok, holidays: [] }, 'holidays', '至少应有一天'],
    ['no list', { ...ok, workdays: 'x' }, 'workdays', '应为日期列表'],
    ['no source', { ...ok, source: ' ' }, 'source', '来源'],
  ])('refuses %s', (_label, input, field, message) => {
    const problems = yearScheduleProblems(2027, input);
    expect(problems).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('refuses an impossible year', () => {
    expect(yearScheduleProblems(1999, ok)).toEqual([{ field: 'year', message: expect.any(String) }]);
  });
});
