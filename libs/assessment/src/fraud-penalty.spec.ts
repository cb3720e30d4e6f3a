import {
  fraudFineProblem,
  fraudFineRange,
  isLargeFine,
  largeFineThresholdFen,
  PENALTY_DEFAULTS,
} from './fraud-penalty';

describe('fraud fine (暂行办法第六十八条: 1–3×)', () => {
  it.each([
    // fraud, fine, ceiling, lawful?
    [168_600, 168_600, undefined, true], // exactly once
    [168_600, 505_800, undefined, true], // exactly three times
    [168_600, 337_200, undefined, true],
    [168_600, 168_599, undefined, false], // one fen below once
    [168_600, 505_801, undefined, false], // one fen above three times
    [168_600, 0, undefined, false],
    [0, 100, undefined, false],
    [168_600, 337_200, 337_200, true], // unchanged after 申辩
    [168_600, 200_000, 337_200, true], // lowered after 申辩
    [168_600, 400_000, 337_200, false], // raised after 申辩 (行政处罚法第四十五条)
  ])('fraud %i fen, fine %i fen, notice %s → lawful %s', (fraud, fine, ceiling, lawful) => {
    expect(fraudFineProblem(fraud, fine, ceiling) === null).toBe(lawful);
  });

  it('names the lawful range in yuan when the fine is outside it', () => {
    expect(fraudFineProblem(168_600, 600_000)).toBe(
      '罚款数额6000.00元不在骗取款额1686.00元的1倍以上3倍以下（1686.00元至5058.00元）之内（《社会救助暂行办法》第六十八条）',
    );
    expect(fraudFineRange(168_600)).toEqual({ minFen: 168_600, maxFen: 505_800 });
  });

  it.each([
    [499_999, 500_000, false],
    [500_000, 500_000, true],
    [500_001, 500_000, true],
    [300_000, 200_000, true],
  ])('fine %i fen against threshold %i fen → 较大数额 %s', (fine, threshold, large) => {
    expect(isLargeFine(fine, threshold)).toBe(large);
  });

  it('takes the threshold from the parameters in force, with the default for older rows', () => {
    expect(largeFineThresholdFen({ penalty: { largeFineThresholdFen: 200_000 } })).toBe(200_000);
    expect(largeFineThresholdFen({})).toBe(PENALTY_DEFAULTS.largeFineThresholdFen);
  });
});
