import { describe, expect, it } from 'vitest';
import { cnDate, cnDateTime } from './china-time';

describe('China time, whatever the browser zone', () => {
  it.each([
    ['2026-11-23', '2026年11月23日'],
    ['2026-11-23T16:30:00Z', '2026年11月24日'],
    ['2026-12-31T15:59:59Z', '2026年12月31日'],
    [null, '—'],
  ])('cnDate(%s) = %s', (value, expected) => {
    expect(cnDate(value)).toBe(expected);
  });

  it('prints the wall-clock time in China, to the minute or the second', () => {
    expect(cnDateTime('2026-11-23T06:05:09Z')).toBe('2026-11-23 14:05');
    expect(cnDateTime('2026-11-23T06:05:09Z', { seconds: true })).toBe('2026-11-23 14:05:09');
    expect(cnDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
    expect(cnDateTime(undefined)).toBe('—');
  });
});
