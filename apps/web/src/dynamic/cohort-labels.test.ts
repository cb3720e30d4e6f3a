import { describe, expect, it } from 'vitest';
import { nextMonth } from './cohort-labels';

describe('nextMonth', () => {
  it('is the month after today, across the year end', () => {
    expect(nextMonth(new Date(2026, 10, 30))).toBe('2026-12');
    expect(nextMonth(new Date(2026, 11, 31))).toBe('2027-01');
    expect(nextMonth(new Date(2027, 0, 31))).toBe('2027-02');
  });
});
