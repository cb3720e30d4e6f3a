import { lockedUntil } from './lock-out';

const MIN = 60_000;
const NOW = Date.parse('2026-12-03T10:00:00Z');
const ago = (...minutes: number[]) => minutes.map((m) => NOW - m * MIN);

describe('lockedUntil', () => {
  it.each([
    ['no failures', [], 0, null],
    ['four failures', ago(1, 2, 3, 4), 0, null],
    [
      'five within the window: locked until the oldest of them leaves it',
      ago(1, 2, 3, 4, 5),
      0,
      NOW + 10 * MIN,
    ],
    ['six: the five newest count', ago(1, 2, 3, 4, 5, 6), 0, NOW + 10 * MIN],
    ['one of five outside the window', ago(1, 2, 3, 4, 16), 0, null],
    ['a successful sign-in after two of them', ago(1, 2, 3, 4, 5), NOW - 3.5 * MIN, null],
    ['an unlock after all of them', ago(1, 2, 3, 4, 5), NOW - 0.5 * MIN, null],
    ['unordered input', ago(5, 1, 4, 2, 3), 0, NOW + 10 * MIN],
  ])('%s', (_name, failures, floor, expected) => {
    expect(lockedUntil(failures, floor, NOW)).toBe(expected);
  });
});
