/**
 * Seeded, reproducible random sampling (随机抽查).
 *
 * 《特困人员认定办法》第十六条: the county re-checks at least 30% of the cases by random home
 * visits. The draw must be reproducible by anyone holding the recorded seed, so the randomness
 * is a documented deterministic stream, not `Math.random`:
 *
 * PRNG: SHA-256 in counter mode. Block i of the stream `label` is
 * `SHA-256(utf8("<seed>|<label>|<i>"))`; its 32 bytes are read as eight big-endian uint32 in
 * order, then block i + 1 follows. An integer in [0, n) is drawn by rejection sampling (values
 * at or above the largest multiple of n below 2^32 are discarded), so it carries no modulo bias.
 * A permutation is Fisher–Yates (Durstenfeld): for i from n − 1 down to 1, swap item i with the
 * item at a drawn j in [0, i].
 */
import { createHash } from 'node:crypto';

/** Cases arriving at the county step are numbered 1, 2, 3 … and sampled in blocks of this size. */
export const SAMPLING_BLOCK_SIZE = 10;

const UINT32 = 0x1_0000_0000;

/** A deterministic stream of uint32 values from a seed and a label. */
export function uint32Stream(seed: string, label: string): () => number {
  let counter = 0;
  let block: Buffer | null = null;
  let offset = 0;
  return () => {
    if (!block || offset >= block.length) {
      block = createHash('sha256').update(`${seed}|${label}|${counter}`, 'utf8').digest();
      counter += 1;
      offset = 0;
    }
    const value = block.readUInt32BE(offset);
    offset += 4;
    return value;
  };
}

/** Unbiased integer in [0, n) from a uint32 stream (rejection sampling). */
export function randomBelow(next: () => number, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > UINT32) throw new RangeError(`n 应为 1 至 2^32 之间的整数：${n}`);
  const limit = UINT32 - (UINT32 % n);
  for (;;) {
    const value = next();
    if (value < limit) return value % n;
  }
}

/** Fisher–Yates shuffle of a copy of `items` driven by the stream. */
export function seededShuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBelow(next, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function checkRatio(ratio: number): void {
  if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio <= 0 || ratio > 1)
    throw new RangeError(`抽查比例应大于 0 且不超过 1：${ratio}`);
}

function checkSeed(seed: string): void {
  if (typeof seed !== 'string' || seed.length === 0) throw new RangeError('抽查种子不能为空');
}

/** ceil(ratio × n), immune to binary float noise such as 0.3 × 10 = 3.0000000000000004. */
export function sampleSize(ratio: number, n: number): number {
  checkRatio(ratio);
  if (n <= 0) return 0;
  return Math.min(n, Math.ceil(ratio * n - 1e-9));
}

export interface BlockSelection {
  /** 1-based arrival number of the case at the county step (per county, program, year). */
  sequence: number;
  /** 0-based block of SAMPLING_BLOCK_SIZE consecutive sequence numbers. */
  block: number;
  /** 0-based position of the case inside its block. */
  position: number;
  /** Positions of the block that are selected (sorted). */
  selectedPositions: number[];
  selected: boolean;
}

/**
 * Whether the case with arrival number `sequence` is selected: within each block of 10
 * consecutive numbers a seeded permutation picks ceil(ratio × 10) positions, so every complete
 * block meets the ratio and the choice does not depend on how many cases arrive later.
 */
export function selectInBlocks(seed: string, sequence: number, ratio: number): BlockSelection {
  checkSeed(seed);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`顺序号应为正整数：${sequence}`);
  const block = Math.floor((sequence - 1) / SAMPLING_BLOCK_SIZE);
  const position = (sequence - 1) % SAMPLING_BLOCK_SIZE;
  const positions = Array.from({ length: SAMPLING_BLOCK_SIZE }, (_, i) => i);
  const order = seededShuffle(positions, uint32Stream(seed, `block:${block}`));
  const selectedPositions = order.slice(0, sampleSize(ratio, SAMPLING_BLOCK_SIZE)).sort((a, b) => a - b);
  return { sequence, block, position, selectedPositions, selected: selectedPositions.includes(position) };
}

/**
 * A batch draw (e.g. re-checking a share of the cases of a period): the ids are sorted first, so
 * the result depends only on the seed and the set of ids, then shuffled with the seed; the first
 * ceil(ratio × n) are selected. Returns the selected ids in sorted order.
 */
export function drawSample(seed: string, ids: readonly string[], ratio: number): string[] {
  checkSeed(seed);
  const sorted = [...ids].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new RangeError(`抽查对象重复：${sorted[i]}`);
  }
  const shuffled = seededShuffle(sorted, uint32Stream(seed, 'sample'));
  return shuffled.slice(0, sampleSize(ratio, sorted.length)).sort();
}
