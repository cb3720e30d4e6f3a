import { add, compare, divInt, fen, formatYuan, mulBp, mulInt, roundFen, sub, yuanToFen } from './money';

describe('exact money', () => {
  it('0.1 + 0.2 yuan is exactly 0.3 yuan (binary floats give 0.30000000000000004)', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the error this module exists to avoid
    expect(add(fen(yuanToFen('0.1')), fen(yuanToFen('0.2')))).toEqual(fen(yuanToFen('0.3')));
    expect(yuanToFen('0.1') + yuanToFen('0.2')).toBe(30);
  });

  it('ratios add and multiply exactly: 10 % + 20 % of 650 元 is 195 元', () => {
    expect(add(mulBp(fen(65_000), 1_000), mulBp(fen(65_000), 2_000))).toEqual(fen(19_500));
    expect(mulBp(fen(65_000), 3_000)).toEqual(fen(19_500));
  });

  it('a third of a fen survives until rounding: (100 ÷ 3) × 3 = 100', () => {
    expect(mulInt(divInt(fen(100), 3), 3)).toEqual(fen(100));
    expect(divInt(fen(138_800), 3)).toEqual({ num: 138_800, den: 3 });
  });

  it('sums many tenths of a yuan without drift', () => {
    let total = fen(0);
    let float = 0;
    for (let i = 0; i < 1000; i++) {
      total = add(total, fen(10));
      float += 0.1;
    }
    expect(total).toEqual(fen(10_000));
    expect(float).not.toBe(100);
  });

  it.each([
    ['yuan-half-up', 50_050, 50_100],
    ['yuan-half-up', 50_049, 50_000],
    ['yuan-up', 50_001, 50_100],
    ['yuan-up', 50_000, 50_000],
    ['yuan-down', 50_099, 50_000],
    ['fen', 50_049, 50_049],
  ] as const)('%s rounds %i fen to %i', (rule, amount, expected) => {
    expect(roundFen(fen(amount), rule)).toBe(expected);
  });

  it('rounds exact fractions at the half', () => {
    expect(roundFen({ num: 1, den: 2 }, 'fen')).toBe(1);
    expect(roundFen({ num: 149_999, den: 3 }, 'fen')).toBe(50_000); // 49 999.67
    expect(roundFen({ num: 600_599, den: 12 }, 'yuan-half-up')).toBe(50_000); // 500.4999 元
    expect(roundFen({ num: -50, den: 1 }, 'yuan-half-up')).toBe(0);
  });

  it('compares and subtracts exactly', () => {
    expect(compare({ num: 138_800, den: 3 }, fen(46_267))).toBe(-1);
    expect(sub(fen(195_000), fen(138_800))).toEqual(fen(56_200));
  });

  it('parses and prints yuan without floats', () => {
    expect(yuanToFen('462.67')).toBe(46_267);
    expect(yuanToFen('650')).toBe(65_000);
    expect(() => yuanToFen('1.234')).toThrow('金额格式不正确');
    expect(formatYuan({ num: 138_800, den: 3 })).toBe('462.67');
    expect(formatYuan(5)).toBe('0.05');
  });

  it('refuses a float where fen are expected', () => {
    expect(() => fen(0.5)).toThrow('以分为单位的整数');
    expect(() => mulBp(fen(100), 0.5)).toThrow('万分之一');
  });
});
