import { urgencyOf } from './urgency';

describe('urgencyOf (working-day calendar)', () => {
  // 2025-10-01..08 is the National Day holiday; 2025-09-28 (Sunday) and 10-11 (Saturday) are make-up workdays.
  it.each([
    ['2025-09-23', '2025-09-24', 'red', '逾期 1 个工作日'],
    ['2025-09-19', '2025-09-24', 'red', '逾期 3 个工作日'], // Friday due: the weekend does not count
    ['2025-09-30', '2025-10-09', 'red', '逾期 1 个工作日'], // the National Day holiday does not count
    ['2025-09-30', '2025-10-03', 'red', '逾期（不足 1 个工作日）'], // today is a holiday
    ['2025-09-26', '2025-10-11', 'red', '逾期 6 个工作日'], // 9-28, 9-29, 9-30, 10-09, 10-10 and 10-11 (make-up days count)
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
