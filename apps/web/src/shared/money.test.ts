import { describe, expect, it } from 'vitest';
import { fenToYuan, formatExactYuan, formatYuan, parseYuan } from './money';

describe('parseYuan', () => {
  it.each([
    ['1440', 144000],
    ['1440.5', 144050],
    [' 1440.50 ', 144050],
    ['0', 0],
    ['0.01', 1],
    ['0.1', 10],
    // 0.1 + 0.2 in floating point would not give 30 fen
    ['0.3', 30],
    ['999999999999.99', 99999999999999],
  ])('reads %j as %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each(['', '  ', '-1', '1.234', '01', '1,000', '1e3', '.5', '5.', 'abc', '1000000000000'])(
    'refuses %j',
    (text) => {
      expect(parseYuan(text)).toBeUndefined();
    },
  );
});

describe('fenToYuan (back into an input)', () => {
  it('writes two decimals and no separators', () => {
    expect(fenToYuan(123450)).toBe('1234.50');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(0)).toBe('0.00');
  });

  it('gives an empty input for no amount', () => {
    for (const v of [undefined, null, '12', NaN, 1.5, -100]) expect(fenToYuan(v)).toBe('');
  });

  it('round-trips with parseYuan', () => {
    for (const fen of [0, 1, 10, 99, 100, 144050, 123456789]) expect(parseYuan(fenToYuan(fen))).toBe(fen);
  });
});

describe('formatYuan (for reading)', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(formatYuan(123456789)).toBe('1,234,567.89');
    expect(formatYuan(100000)).toBe('1,000.00');
    expect(formatYuan(99999)).toBe('999.99');
    expect(formatYuan(-123456)).toBe('-1,234.56');
  });

  it('shows a dash when there is no amount', () => {
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan(undefined)).toBe('—');
    expect(formatYuan(Infinity)).toBe('—');
  });
});

describe('formatExactYuan', () => {
  it('rounds exact fen half-up at the fen, as the server does', () => {
    expect(formatExactYuan({ num: 1, den: 2 })).toBe('0.01');
    expect(formatExactYuan({ num: 1, den: 3 })).toBe('0.00');
    expect(formatExactYuan({ num: 2000001, den: 2 })).toBe('10,000.01');
  });

  it('passes whole fen through and shows a dash for nothing', () => {
    expect(formatExactYuan(150000)).toBe('1,500.00');
    expect(formatExactYuan(null)).toBe('—');
    expect(formatExactYuan({ num: 1, den: 0 })).toBe('—');
  });
});
