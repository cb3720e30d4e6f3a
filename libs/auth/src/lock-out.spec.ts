import { MAX_FAILURES, lockedUntil, throttledUntil, waitText, wrongPasswordMessage } from './lock-out';

const SEC = 1_000;
const MIN = 60_000;
const NOW = Date.parse('2026-12-03T10:00:00Z');
const ago = (...minutes: number[]) => minutes.map((m) => NOW - m * MIN);
const secondsAgo = (...seconds: number[]) => seconds.map((s) => NOW - s * SEC);

describe('throttledUntil (one account from one address)', () => {
  it.each([
    ['no failures', [], 0, null],
    ['four failures: typing mistakes cost nothing', secondsAgo(0, 1, 2, 3), 0, null],
    ['five, the last just now: one second', secondsAgo(0, 1, 2, 3, 4), 0, NOW + 1 * SEC],
    ['six: two seconds after the last', secondsAgo(0, 1, 2, 3, 4, 5), 0, NOW + 2 * SEC],
    ['seven: four seconds', secondsAgo(0, 1, 2, 3, 4, 5, 6), 0, NOW + 4 * SEC],
    ['ten: 32 seconds', secondsAgo(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 0, NOW + 32 * SEC],
    ['five, the last a second ago: the wait is over', secondsAgo(1, 2, 3, 4, 5), 0, null],
    [
      'thirty within the hour: capped at 15 minutes',
      Array.from({ length: 30 }, (_, i) => NOW - i * SEC),
      0,
      NOW + 15 * MIN,
    ],
    ['one of five outside the hour', ago(0, 1, 2, 3, 61), 0, null],
    ['a successful sign-in from there after two of them', secondsAgo(0, 1, 2, 3, 4), NOW - 2.5 * SEC, null],
    ['an unlock after all of them', secondsAgo(1, 2, 3, 4, 5), NOW - 0.5 * SEC, null],
    ['unordered input', secondsAgo(4, 0, 3, 1, 2, 5), 0, NOW + 2 * SEC],
  ])('%s', (_name, failures, floor, expected) => {
    expect(throttledUntil(failures, floor, NOW)).toBe(expected);
  });
});

describe('wrongPasswordMessage (issue 18 §9)', () => {
  it.each([
    ['the first mistake', [], 0, '用户名或密码错误，还可再试4次；连续输错5次后，需等待一段时间才能再次登录'],
    [
      'the fourth',
      secondsAgo(1, 2, 3),
      0,
      '用户名或密码错误，还可再试1次；连续输错5次后，需等待一段时间才能再次登录',
    ],
    ['the fifth', secondsAgo(1, 2, 3, 4), 0, '用户名或密码错误，已连续输错5次，需等待一段时间才能再次登录'],
    [
      'the seventh',
      secondsAgo(1, 2, 3, 4, 5, 6),
      0,
      '用户名或密码错误，已连续输错7次，需等待一段时间才能再次登录',
    ],
    [
      'after a successful sign-in, earlier mistakes no longer count',
      secondsAgo(3, 4, 5, 6),
      NOW - 2.5 * SEC,
      '用户名或密码错误，还可再试4次；连续输错5次后，需等待一段时间才能再次登录',
    ],
    [
      'mistakes older than the hour do not count',
      ago(61, 62),
      0,
      '用户名或密码错误，还可再试4次；连续输错5次后，需等待一段时间才能再次登录',
    ],
  ])('%s', (_name, failures, floor, expected) => {
    expect(wrongPasswordMessage(failures, floor, NOW)).toBe(expected);
  });
});

describe('lockedUntil (the account from all addresses)', () => {
  const many = (n: number, newestMinutesAgo = 1) =>
    Array.from({ length: n }, (_, i) => NOW - newestMinutesAgo * MIN - i * SEC);
  it.each([
    ['no failures', [], 0, null],
    ['five failures lock nothing any more', ago(1, 2, 3, 4, 5), 0, null],
    ['one short of the cap', many(MAX_FAILURES - 1), 0, null],
    [
      'the cap within the hour: until the oldest counted leaves it',
      many(MAX_FAILURES),
      0,
      NOW - 1 * MIN - (MAX_FAILURES - 1) * SEC + 60 * MIN,
    ],
    ['the cap, but an hour ago', many(MAX_FAILURES, 61), 0, null],
    ['the cap, then an unlock', many(MAX_FAILURES), NOW - 0.5 * MIN, null],
  ])('%s', (_name, failures, floor, expected) => {
    expect(lockedUntil(failures, floor, NOW)).toBe(expected);
  });
});

describe('waitText', () => {
  it.each([
    [1, '1秒'],
    [999, '1秒'],
    [1_500, '2秒'],
    [59_000, '59秒'],
    [60_000, '1分钟'],
    [61_000, '2分钟'],
    [15 * MIN, '15分钟'],
  ])('%d ms → %s', (ms, text) => {
    expect(waitText(ms)).toBe(text);
  });
});
