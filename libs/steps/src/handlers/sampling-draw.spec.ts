import { describeBlock, parseSampleRatio } from './sampling-draw';

describe('parseSampleRatio (sa:sampleRatio)', () => {
  it.each([
    [undefined, 0.3],
    ['', 0.3],
    ['0.3', 0.3],
    ['0.5', 0.5],
    ['1', 1],
  ])('%p → %p', (value, ratio) => {
    expect(parseSampleRatio(value)).toBe(ratio);
  });

  it.each(['0', '-0.1', '1.5', 'abc', '30%'])('refuses %p', (value) => {
    expect(() => parseSampleRatio(value)).toThrow(/sa:sampleRatio/);
  });
});

describe('describeBlock', () => {
  it.each([
    [0, [0, 3, 4], '第1至10号中的第1、4、5号'],
    [1, [5, 7, 9], '第11至20号中的第16、18、20号'],
  ])('block %i, positions %j → %s', (block, positions, text) => {
    expect(describeBlock(block, positions)).toBe(text);
  });
});
