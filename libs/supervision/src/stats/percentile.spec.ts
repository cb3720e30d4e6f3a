import { percentileCont } from './percentile';

describe('percentileCont over a histogram', () => {
  // Expected values are PostgreSQL's percentile_cont over the expanded values.
  it.each([
    { values: [5], p: 0.5, expected: 5 },
    { values: [1, 2, 3, 4], p: 0.5, expected: 2.5 },
    { values: [1, 2, 3, 4], p: 0.9, expected: 3.7 },
    { values: [0, 0, 0, 10], p: 0.9, expected: 7 },
    { values: [3, 3, 8, 8, 8, 20], p: 0.5, expected: 8 },
    { values: [3, 3, 8, 8, 8, 20], p: 0.9, expected: 14 },
  ])('$p of $values is $expected', ({ values, p, expected }) => {
    const bars = [...new Set(values)].map((days) => ({
      days,
      cases: values.filter((v) => v === days).length,
    }));
    expect(percentileCont(bars, p)).toBeCloseTo(expected, 10);
  });

  it('is null without values', () => {
    expect(percentileCont([], 0.5)).toBeNull();
  });
});
