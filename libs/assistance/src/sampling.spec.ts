import { createHash } from 'node:crypto';
import {
  SAMPLING_BLOCK_SIZE,
  drawSample,
  randomBelow,
  sampleSize,
  seededShuffle,
  selectInBlocks,
  uint32Stream,
} from './sampling';

const SEED = '3f9a1c0e5b7d2468';

describe('uint32Stream (SHA-256 counter mode)', () => {
  it('reads the documented bytes: SHA-256("<seed>|<label>|<counter>") as big-endian uint32', () => {
    const next = uint32Stream('seed-a', 'block:0');
    const digest0 = createHash('sha256').update('seed-a|block:0|0').digest();
    const digest1 = createHash('sha256').update('seed-a|block:0|1').digest();
    const expected = [
      ...Array.from({ length: 8 }, (_, i) => digest0.readUInt32BE(i * 4)),
      digest1.readUInt32BE(0),
    ];
    expect(Array.from({ length: 9 }, () => next())).toEqual(expected);
    // A pinned vector: changing the algorithm changes every recorded draw.
    expect(expected.slice(0, 2)).toEqual([3105038379, 328692822]);
  });
});

describe('randomBelow', () => {
  it.each([
    // [values the stream yields, n, expected]
    [[7], 10, 7],
    [[0xffff_ffff, 5], 10, 5], // 2^32 − 1 lies above the last multiple of 10 → rejected
    [[4_294_967_289], 10, 9], // 4294967289 < 4294967290 (largest multiple of 10) → kept
    [[123], 1, 0],
  ])('stream %j, n = %i → %i', (values, n, expected) => {
    const queue = [...values];
    expect(randomBelow(() => queue.shift()!, n)).toBe(expected);
  });

  it.each([0, -1, 1.5])('refuses n = %p', (n) => {
    expect(() => randomBelow(() => 0, n)).toThrow(RangeError);
  });
});

describe('sampleSize', () => {
  it.each([
    [0.3, 10, 3],
    [0.3, 7, 3],
    [0.3, 1, 1],
    [0.1, 10, 1],
    [0.35, 10, 4],
    [1, 4, 4],
    [0.3, 0, 0],
  ])('ratio %p of %i → %i', (ratio, n, expected) => {
    expect(sampleSize(ratio, n)).toBe(expected);
  });

  it.each([0, -0.1, 1.01, Number.NaN])('refuses ratio %p', (ratio) => {
    expect(() => sampleSize(ratio, 10)).toThrow(/抽查比例/);
  });
});

describe('selectInBlocks', () => {
  it('is reproducible from the seed (pinned positions per block)', () => {
    expect([0, 1, 2].map((b) => selectInBlocks(SEED, b * 10 + 1, 0.3).selectedPositions)).toEqual([
      [5, 6, 7],
      [5, 7, 9],
      [1, 2, 8],
    ]);
    expect(selectInBlocks(SEED, 16, 0.3)).toEqual({
      sequence: 16,
      block: 1,
      position: 5,
      selectedPositions: [5, 7, 9],
      selected: true,
    });
    expect(selectInBlocks(SEED, 15, 0.3).selected).toBe(false);
  });

  it.each([
    ['a', 0.3, 3],
    ['b', 0.3, 3],
    ['c', 0.5, 5],
    ['d', 0.25, 3],
    ['e', 1, 10],
  ])('seed %s, ratio %p selects exactly %i of every block of ten', (seed, ratio, perBlock) => {
    for (let block = 0; block < 20; block++) {
      const picked = Array.from(
        { length: SAMPLING_BLOCK_SIZE },
        (_, i) => selectInBlocks(seed, block * 10 + i + 1, ratio).selected,
      ).filter(Boolean).length;
      expect(picked).toBe(perBlock);
      expect(picked / SAMPLING_BLOCK_SIZE).toBeGreaterThanOrEqual(ratio);
    }
  });

  it('gives different selections for different seeds', () => {
    const pattern = (seed: string) =>
      Array.from({ length: 100 }, (_, i) => (selectInBlocks(seed, i + 1, 0.3).selected ? '1' : '0')).join('');
    expect(pattern('seed-1')).not.toBe(pattern('seed-2'));
    expect(pattern('seed-1')).toBe(pattern('seed-1'));
  });

  it.each([
    ['', 1, 0.3, /种子/],
    [SEED, 0, 0.3, /顺序号/],
    [SEED, 2.5, 0.3, /顺序号/],
    [SEED, 1, 0, /抽查比例/],
  ])('refuses seed %p, sequence %p, ratio %p', (seed, sequence, ratio, message) => {
    expect(() => selectInBlocks(seed, sequence, ratio)).toThrow(message);
  });
});

describe('drawSample', () => {
  const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];

  it('is reproducible and independent of the input order', () => {
    expect(drawSample(SEED, ids, 0.3)).toEqual(['c1', 'c4', 'c5']);
    expect(drawSample(SEED, [...ids].reverse(), 0.3)).toEqual(['c1', 'c4', 'c5']);
  });

  it.each([
    [0.3, 3],
    [0.1, 1],
    [1, 7],
  ])('ratio %p selects ceil(ratio × n) = %i ids', (ratio, count) => {
    const picked = drawSample('x', ids, ratio);
    expect(picked).toHaveLength(count);
    expect(new Set(picked).size).toBe(count);
    expect(picked.every((id) => ids.includes(id))).toBe(true);
  });

  it('differs between seeds and handles the empty set', () => {
    const many = Array.from({ length: 50 }, (_, i) => `case-${String(i).padStart(2, '0')}`);
    expect(drawSample('seed-1', many, 0.3)).not.toEqual(drawSample('seed-2', many, 0.3));
    expect(drawSample('seed-1', [], 0.3)).toEqual([]);
  });

  it('refuses duplicate ids', () => {
    expect(() => drawSample(SEED, ['a', 'b', 'a'], 0.5)).toThrow(/重复/);
  });
});

describe('seededShuffle', () => {
  it('permutes without losing items and leaves the input alone', () => {
    const input = Array.from({ length: 30 }, (_, i) => i);
    const out = seededShuffle(input, uint32Stream('s', 'x'));
    expect([...out].sort((a, b) => a - b)).toEqual(input);
    expect(out).not.toEqual(input);
    expect(input[0]).toBe(0);
  });
});
