/** One bar of a histogram: `cases` values equal to `days`. */
export interface Bar {
  days: number;
  cases: number;
}

/**
 * PostgreSQL's `percentile_cont(p)` over the values a histogram stands for (bars in ascending
 * `days`): the value at fractional rank p·(n−1), interpolated linearly between its two neighbours
 * with the same arithmetic, so the result is the same double. Null when there are no values.
 */
export function percentileCont(bars: readonly Bar[], p: number): number | null {
  const n = bars.reduce((sum, b) => sum + b.cases, 0);
  if (n === 0) return null;
  const rank = p * (n - 1);
  const first = Math.floor(rank);
  const second = Math.ceil(rank);
  const lo = valueAt(bars, first);
  if (first === second) return lo;
  const hi = valueAt(bars, second);
  return lo + (rank - first) * (hi - lo);
}

function valueAt(bars: readonly Bar[], index: number): number {
  let seen = 0;
  for (const b of bars) {
    seen += b.cases;
    if (index < seen) return b.days;
  }
  throw new RangeError(`rank ${index} beyond ${seen} values`);
}
