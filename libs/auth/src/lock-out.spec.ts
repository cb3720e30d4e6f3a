import {
  MAX_FAILURES,
  lockedMessage,
  lockedUntil,
  throttledUntil,
  waitText,
  wrongPasswordMessage,
} from './lock-out';

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

const LEFT = (n: number) => `用户名或密码错误，还可再试${n}次；连续输错5次，账号将锁定15分钟`;

describe('wrongPasswordMessage (issue 18 §9; tester findings 18 §2)', () => {
  it.each([
    ['the first mistake', [], 0, LEFT(4)],
    ['the fourth', secondsAgo(1, 2, 3), 0, LEFT(1)],
    // 10:00 UTC is 18:00 in China; the lock runs 15 minutes from this fifth failure.
    [
      'the fifth locks the account and says until when',
      secondsAgo(1, 2, 3, 4),
      0,
      '用户名或密码错误，已连续输错5次，账号已锁定至18:15（15分钟），到时可再登录，或请管理员解锁',
    ],
    [
      'after a successful sign-in, earlier mistakes no longer count',
      secondsAgo(3, 4, 5, 6),
      NOW - 2.5 * SEC,
      LEFT(4),
    ],
    ['mistakes older than the hour do not count', ago(61, 62), 0, LEFT(4)],
    ['a lock that ran out starts the count afresh', ago(20, 21, 22, 23, 24), 0, LEFT(4)],
    ['and the mistakes after it count', ago(2, 20, 21, 22, 23, 24), 0, LEFT(3)],
  ])('%s', (_name, failures, floor, expected) => {
    expect(wrongPasswordMessage(failures, floor, NOW)).toBe(expected);
  });
});

describe('lockedUntil (the account, from all addresses)', () => {
  it.each([
    ['no failures', [], 0, null],
    ['four in a row lock nothing', ago(1, 2, 3, 4), 0, null],
    ['five in a row: 15 minutes from the fifth', ago(1, 2, 3, 4, 5), 0, NOW - 1 * MIN + 15 * MIN],
    ['unordered input', ago(3, 1, 5, 2, 4), 0, NOW + 14 * MIN],
    ['five, the fifth 15 minutes ago: the lock is over', ago(15, 16, 17, 18, 19), 0, null],
    ['five, but a successful sign-in after the second', ago(1, 2, 3, 4, 5), NOW - 3.5 * MIN, null],
    ['five, then an unlock', ago(1, 2, 3, 4, 5), NOW - 0.5 * MIN, null],
    ['four after a lock that ran out', ago(1, 2, 3, 4, 20, 21, 22, 23, 24), 0, null],
    ['five after a lock that ran out lock again', ago(1, 2, 3, 4, 5, 20, 21, 22, 23, 24), 0, NOW + 14 * MIN],
    ['one of five outside the hour', ago(1, 2, 3, 4, 61), 0, null],
  ])('%s', (_name, failures, floor, expected) => {
    expect(lockedUntil(failures, floor, NOW)).toBe(expected);
  });
  it('is told with the time it ends and the wait', () => {
    expect(lockedMessage(NOW + 14 * MIN, NOW)).toBe(
      '该账号因连续5次密码错误已锁定至18:14，请14分钟后再登录，或请管理员解锁',
    );
    expect(MAX_FAILURES).toBe(5);
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
