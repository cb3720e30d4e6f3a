/**
 * Exact money arithmetic. Money is integer fen; ratios are integer basis points (10 000 = 100 %);
 * intermediate amounts are exact fractions of a fen. Binary floating point never touches money:
 * 0.1 + 0.2 in yuan would not equal 0.3, and a benefit decision must be reproducible to the fen.
 */

/** Integer number of fen (分). */
export type Fen = number;
/** Ratio in basis points: 10 000 = 1 = 100 %; 9 000 = 0.9; 500 = 5 %. */
export type BasisPoints = number;

export const BP_ONE = 10_000;

/**
 * The most any one money fact may be: 1亿元. No household that asks for assistance comes near it,
 * and it keeps sums of a household's amounts far inside exact arithmetic (a 3 MB request holds some
 * 75,000 amounts: at most 7.5 × 10^14 fen, against 2^53 ≈ 9 × 10^15).
 */
export const MAX_AMOUNT_FEN = 10_000_000_000;

/** An exact result that no longer fits a safe integer: the inputs, not the program, are at fault. */
export class MoneyOutOfRange extends Error {
  constructor() {
    super('金额超出可精确表示的范围');
    this.name = 'MoneyOutOfRange';
  }
}

/** How a payable amount is rounded (the region decides). */
export type RoundingRule = 'yuan-half-up' | 'yuan-up' | 'yuan-down' | 'fen';

/** An exact amount of fen as a reduced fraction; JSON-serializable. den > 0. */
export interface ExactFen {
  num: number;
  den: number;
}

/** Internal exact fraction; bigint so that products of ratios can never overflow silently. */
interface Q {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function reduce(n: bigint, d: bigint): Q {
  if (d === 0n) throw new Error('除数不能为零');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

function toQ(x: ExactFen): Q {
  return reduce(BigInt(x.num), BigInt(x.den));
}

function fromQ(q: Q): ExactFen {
  const r = reduce(q.n, q.d);
  const num = Number(r.n);
  const den = Number(r.d);
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) throw new MoneyOutOfRange();
  return { num, den };
}

export function assertFen(value: number, what: string): Fen {
  if (!Number.isSafeInteger(value)) throw new Error(`${what}必须是以分为单位的整数，收到 ${value}`);
  return value;
}

export function assertBasisPoints(value: number, what: string): BasisPoints {
  if (!Number.isSafeInteger(value)) throw new Error(`${what}必须是以万分之一为单位的整数，收到 ${value}`);
  return value;
}

export const ZERO: ExactFen = { num: 0, den: 1 };

export function fen(value: Fen): ExactFen {
  return { num: assertFen(value, '金额'), den: 1 };
}

/*
 * Every operation first tries plain safe-integer arithmetic — nearly every amount of a household is
 * whole fen over a small denominator — and falls back to bigint only when a product would leave
 * the safe range. Both paths give the same reduced fraction; the fast one just skips allocating
 * bigints on the hot path of a bulk re-assessment.
 */
const SAFE = Number.MAX_SAFE_INTEGER;
const safe = (x: number) => x <= SAFE && x >= -SAFE;

function gcdN(a: number, b: number): number {
  let x = a < 0 ? -a : a;
  let y = b < 0 ? -b : b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x === 0 ? 1 : x;
}

/** n/d reduced, d > 0, both already checked safe. */
function reduceN(n: number, d: number): ExactFen {
  if (d === 1) return { num: n, den: 1 };
  const g = gcdN(n, d);
  return g === 1 ? { num: n, den: d } : { num: n / g, den: d / g };
}

function addSlow(xs: ExactFen[]): ExactFen {
  return fromQ(
    xs.reduce<Q>(
      (acc, x) => {
        const q = toQ(x);
        return reduce(acc.n * q.d + q.n * acc.d, acc.d * q.d);
      },
      { n: 0n, d: 1n },
    ),
  );
}

export function add(...xs: ExactFen[]): ExactFen {
  let n = 0;
  let d = 1;
  for (const x of xs) {
    if (x.den === d) n += x.num;
    else {
      const a = n * x.den;
      const b = x.num * d;
      d *= x.den;
      if (!safe(a) || !safe(b) || !safe(d)) return addSlow(xs);
      n = a + b;
    }
    if (!safe(n)) return addSlow(xs);
  }
  return reduceN(n, d);
}

export function sub(a: ExactFen, b: ExactFen): ExactFen {
  return add(a, { num: -b.num, den: b.den });
}

/** a × (ratio / 10 000). */
export function mulBp(a: ExactFen, ratio: BasisPoints): ExactFen {
  assertBasisPoints(ratio, '比例');
  const n = a.num * ratio;
  const d = a.den * BP_ONE;
  if (safe(n) && safe(d)) return reduceN(n, d);
  const q = toQ(a);
  return fromQ(reduce(q.n * BigInt(ratio), q.d * BigInt(BP_ONE)));
}

export function mulInt(a: ExactFen, k: number): ExactFen {
  if (!Number.isSafeInteger(k)) throw new Error(`乘数必须是整数，收到 ${k}`);
  const n = a.num * k;
  if (safe(n)) return reduceN(n, a.den);
  const q = toQ(a);
  return fromQ(reduce(q.n * BigInt(k), q.d));
}

export function divInt(a: ExactFen, k: number): ExactFen {
  if (!Number.isSafeInteger(k) || k === 0) throw new Error(`除数必须是非零整数，收到 ${k}`);
  const d = a.den * (k < 0 ? -k : k);
  if (safe(d)) return reduceN(k < 0 ? -a.num : a.num, d);
  const q = toQ(a);
  return fromQ(reduce(q.n, q.d * BigInt(k)));
}

export function compare(a: ExactFen, b: ExactFen): -1 | 0 | 1 {
  if (a.den === b.den) return a.num < b.num ? -1 : a.num > b.num ? 1 : 0;
  const l = a.num * b.den;
  const r = b.num * a.den;
  if (safe(l) && safe(r)) return l < r ? -1 : l > r ? 1 : 0;
  const x = toQ(a);
  const y = toQ(b);
  const lb = x.n * y.d;
  const rb = y.n * x.d;
  return lb < rb ? -1 : lb > rb ? 1 : 0;
}

export const lt = (a: ExactFen, b: ExactFen): boolean => compare(a, b) < 0;
export const lte = (a: ExactFen, b: ExactFen): boolean => compare(a, b) <= 0;
export const isZero = (a: ExactFen): boolean => a.num === 0;

export function max(a: ExactFen, b: ExactFen): ExactFen {
  return compare(a, b) >= 0 ? a : b;
}

export function min(a: ExactFen, b: ExactFen): ExactFen {
  return compare(a, b) <= 0 ? a : b;
}

function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
}

function ceilDiv(n: bigint, d: bigint): bigint {
  return -floorDiv(-n, d);
}

/** floor(n / d) for safe integers, d > 0: the float quotient corrected by one step either way. */
function floorDivN(n: number, d: number): number {
  let q = Math.floor(n / d);
  if (q * d > n) q--;
  else if ((q + 1) * d <= n) q++;
  return q;
}

/** Rounds an exact amount to a payable integer fen amount by the region's rule. Half-up means toward +∞ at exactly .5. */
export function roundFen(a: ExactFen, rule: RoundingRule): Fen {
  const { num, den } = a;
  // Fast path: every intermediate below stays within 202 × |num| + 200 × den.
  if (safe(202 * num) && safe(202 * den)) {
    switch (rule) {
      case 'fen':
        return den === 1 ? num : floorDivN(2 * num + den, 2 * den);
      case 'yuan-half-up':
        return floorDivN(2 * num + 100 * den, 200 * den) * 100;
      case 'yuan-up':
        return -floorDivN(-num, 100 * den) * 100;
      case 'yuan-down':
        return floorDivN(num, 100 * den) * 100;
    }
  }
  const q = toQ(a);
  switch (rule) {
    case 'fen':
      return Number(floorDiv(2n * q.n + q.d, 2n * q.d));
    case 'yuan-half-up':
      return Number(floorDiv(2n * q.n + 100n * q.d, 200n * q.d)) * 100;
    case 'yuan-up':
      return Number(ceilDiv(q.n, 100n * q.d)) * 100;
    case 'yuan-down':
      return Number(floorDiv(q.n, 100n * q.d)) * 100;
  }
}

/** Display only: yuan with two decimals, half-up at the fen. Never feed the result back into arithmetic. */
export function formatYuan(a: ExactFen | Fen): string {
  const f = typeof a === 'number' ? a : roundFen(a, 'fen');
  const sign = f < 0 ? '-' : '';
  const abs = Math.abs(f);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Display of a ratio: 9000 → "0.9", 600 → "6%" is left to callers; this gives the decimal. */
export function formatRatio(bp: BasisPoints): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  const frac = String(abs % BP_ONE)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(abs / BP_ONE)}${frac ? `.${frac}` : ''}`;
}

export function formatPercent(bp: BasisPoints): string {
  const abs = Math.abs(bp);
  const frac = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${bp < 0 ? '-' : ''}${Math.floor(abs / 100)}${frac ? `.${frac}` : ''}%`;
}

/** Parses a decimal yuan string ("650", "462.67") into fen without passing through a float. */
export function yuanToFen(yuan: string): Fen {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new Error(`金额格式不正确：${yuan}（应为最多两位小数的元）`);
  const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return assertFen(m[1] ? -value : value, '金额');
}
