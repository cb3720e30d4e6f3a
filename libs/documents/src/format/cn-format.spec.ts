import { formatCnDate, formatCnMonth, formatMoney } from './cn-format';

describe('cn-format', () => {
  it.each([
    [56200, '562.00'],
    [5, '0.05'],
    [0, '0.00'],
    [123456789, '1234567.89'],
    [-1050, '-10.50'],
  ])('formatMoney(%p) = %p', (fen, text) => expect(formatMoney(fen)).toBe(text));

  it('rejects non-integer fen', () => expect(() => formatMoney(1.5)).toThrow('整数'));

  it.each([
    ['2026-11-23', '2026年11月23日'],
    ['2026-01-05', '2026年1月5日'],
    ['2026-03-01T08:00:00Z', '2026年3月1日'],
  ])('formatCnDate(%p) = %p', (iso, text) => expect(formatCnDate(iso)).toBe(text));

  it('formats Date objects in China Standard Time', () => {
    expect(formatCnDate(new Date('2026-02-06T16:30:00Z'))).toBe('2026年2月7日');
    expect(formatCnDate(new Date('2026-02-06T15:59:00Z'))).toBe('2026年2月6日');
  });
  it('rejects malformed dates', () => expect(() => formatCnDate('23.11.2026')).toThrow('YYYY-MM-DD'));

  it.each([
    ['2026-12', '2026年12月'],
    ['2027-01', '2027年1月'],
  ])('formatCnMonth(%p) = %p', (m, text) => expect(formatCnMonth(m)).toBe(text));
});
