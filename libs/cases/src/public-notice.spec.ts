import { publicNoticeOverAt, publicNoticePeriod, publicNoticeWait } from './public-notice';

describe('the 公示 period and the wait for it', () => {
  it.each([
    // issued (China time)        printed start  printed end   over at (China)
    ['2026-12-07T10:15:00+08:00', '2026-12-08', '2026-12-14', '2026-12-15T00:00:00+08:00'],
    // A Friday: the period takes in two weekends; natural days, no shift.
    ['2026-12-11T17:59:59+08:00', '2026-12-12', '2026-12-18', '2026-12-19T00:00:00+08:00'],
    // Before 8:00 China time the UTC date is the day before; the China date counts.
    ['2026-09-30T07:30:00+08:00', '2026-10-01', '2026-10-07', '2026-10-08T00:00:00+08:00'],
    // Across the new year and a month end.
    ['2026-12-28T23:59:00+08:00', '2026-12-29', '2027-01-04', '2027-01-05T00:00:00+08:00'],
  ])('issued %s prints %s–%s and is over at %s', (issued, start, end, over) => {
    const issuedOn = new Date(issued).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect(publicNoticePeriod(issuedOn)).toEqual({ startDate: start, endDate: end });
    expect(publicNoticeOverAt(end).toISOString()).toBe(new Date(over).toISOString());
    const wait = publicNoticeWait(new Date(issued), end);
    const seconds = Number(/^PT(\d+)S$/.exec(wait)?.[1]);
    expect(new Date(issued).getTime() + seconds * 1000).toBe(new Date(over).getTime());
  });

  it('never waits less than a second, even when called past the end', () => {
    expect(publicNoticeWait(new Date('2027-01-01T00:00:00Z'), '2026-12-14')).toBe('PT1S');
  });
});
