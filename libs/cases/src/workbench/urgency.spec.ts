import { urgencyOf } from './urgency';

describe('urgencyOf (working-day calendar)', () => {
  // 2025-10-01..08 is the National Day holiday; 2025-09-28 (Sunday) and 10-11 (Saturday) are make-up workdays.
  it.each([
    ['2025-09-23', '2025-09-24', 'red', '逾期'],
    ['2025-09-24', '2025-09-24', 'orange', '今日到期'],
    ['2025-09-25', '2025-09-24', 'orange', '1个工作日内'],
    ['2025-09-26', '2025-09-24', 'yellow', '3个工作日内'],
    ['2025-09-28', '2025-09-24', 'yellow', '3个工作日内'], // Sep 28 (Sunday) is a make-up workday
    ['2025-09-29', '2025-09-24', 'green', '充足'],
    ['2025-09-30', '2025-09-24', 'green', '充足'],
    ['2025-09-30', '2025-09-29', 'orange', '1个工作日内'],
    ['2025-10-09', '2025-09-30', 'orange', '1个工作日内'], // the holiday week does not count
    ['2025-10-10', '2025-09-30', 'yellow', '3个工作日内'],
    ['2025-10-11', '2025-09-30', 'yellow', '3个工作日内'], // Oct 11 (Saturday) is a make-up workday
    ['2025-10-13', '2025-09-30', 'green', '充足'],
    ['2025-10-14', '2025-09-30', 'green', '充足'],
    ['2025-10-09', '2025-10-03', 'orange', '1个工作日内'], // today is a holiday
  ])('due %s, today %s → %s %s', (due, today, level, label) => {
    expect(urgencyOf(due, today)).toEqual({ level, label });
  });

  it('is green without a deadline', () => {
    expect(urgencyOf(null, '2025-09-24')).toEqual({ level: 'green', label: '无时限' });
  });
});
