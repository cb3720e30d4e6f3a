import { WorkingCalendar, plusDays } from '@app/workflow';
import { latestApplicationDay } from './seed';

/** The demo's case inside its 公示 reaches its 初审 on or before today, whatever weekday today is. */
describe('latestApplicationDay', () => {
  const calendar = WorkingCalendar.PACKAGE;
  // Two weeks of todays (every weekday twice, 2026-12-07 a Monday) and a holiday week (2026-10-01).
  const todays = [
    ...Array.from({ length: 14 }, (_, i) => plusDays('2026-12-07', i)),
    ...Array.from({ length: 9 }, (_, i) => plusDays('2026-10-01', i)),
  ];
  it.each(todays)(
    'today %s: applies on a working day, 初审 on or before today, as late as it can',
    (today) => {
      const day = latestApplicationDay(calendar, today);
      expect(calendar.workdayOnOrAfter(day)).toBe(day);
      // 受理 1 + 信息核对 2 + 入户 1 + 邻里访问 1 + 初审 2 working days.
      expect(calendar.addWorkingDays(day, 7).date <= today).toBe(true);
      const nextWorkday = calendar.addWorkingDays(day, 1).date;
      expect(calendar.addWorkingDays(nextWorkday, 7).date > today).toBe(true);
    },
  );
});
