/**
 * Sign-in lock-out, two rules. The account: five wrong passwords in a row, from wherever, lock it
 * for 15 minutes (the correct password is refused too) unless an administrator unlocks it earlier;
 * a successful sign-in starts the count afresh. The address: past five failures, one address waits
 * longer and longer between tries, so a guesser who outlasts the lock still gets few tries an hour.
 * The account lock lets a stranger who knows a name keep its owner out for 15 minutes at a time;
 * the owner, or any administrator, can end it at once (an unlock), and every failure is audited
 * with its address, so it is a nuisance that shows, while guessing a password gets nowhere.
 */

/** Failed sign-ins of one account from one address that cost no wait (typing mistakes). */
export const FREE_FAILURES = 5;
/** The wait after the first failure beyond the free ones; each further failure doubles it. */
const FIRST_DELAY_MS = 1_000;
/** The longest wait between two tries from one address. */
export const MAX_DELAY_MINUTES = 15;
/** How long a failure counts: an address quiet this long starts afresh. */
export const THROTTLE_WINDOW_MINUTES = 60;
const WINDOW_MS = THROTTLE_WINDOW_MINUTES * 60_000;

/**
 * Until when the next try of one account from one address must wait, or null when it need not.
 * Counted are that address's failures for the account within the window before `nowMs` and after
 * `floorMs` (its last successful sign-in from that address, or an administrator's unlock,
 * whichever is later). Past the free failures, the wait after the latest one doubles with each,
 * from one second up to 15 minutes.
 */
export function throttledUntil(failuresMs: number[], floorMs: number, nowMs: number): number | null {
  const counted = countedFailures(failuresMs, floorMs, nowMs);
  if (counted.length < FREE_FAILURES) return null;
  const beyond = counted.length - FREE_FAILURES;
  // 2^20 s is far past the cap already; the bound keeps the power finite.
  const delay = Math.min(FIRST_DELAY_MS * 2 ** Math.min(beyond, 20), MAX_DELAY_MINUTES * 60_000);
  const until = Math.max(...counted) + delay;
  return until > nowMs ? until : null;
}

function countedFailures(failuresMs: number[], floorMs: number, nowMs: number): number[] {
  return failuresMs.filter((ms) => ms > floorMs && ms > nowMs - WINDOW_MS && ms <= nowMs);
}

/** Wrong passwords in a row that lock the account. */
export const MAX_FAILURES = 5;
/** How long the account stays locked after the last of them. */
export const LOCK_MINUTES = 15;
const LOCK_MS = LOCK_MINUTES * 60_000;

/**
 * The failures in a row of one account (all addresses) since `floorMs` (its last successful
 * sign-in or an administrator's unlock, whichever is later) and within the window, and the lock
 * they caused. A lock that has run out starts the count afresh; no failure is recorded while a
 * lock holds (those tries are refused before the password is checked).
 */
function streak(
  failuresMs: number[],
  floorMs: number,
  nowMs: number,
): { count: number; until: number | null } {
  let count = 0;
  let until: number | null = null;
  for (const ms of countedFailures(failuresMs, floorMs, nowMs).sort((a, b) => a - b)) {
    if (until !== null && ms >= until) {
      count = 0;
      until = null;
    }
    count += 1;
    if (count >= MAX_FAILURES && until === null) until = ms + LOCK_MS;
  }
  return until !== null && until <= nowMs ? { count: 0, until: null } : { count, until };
}

/** Until when the account is locked by failures in a row (epoch ms), or null when it is not. */
export function lockedUntil(failuresMs: number[], floorMs: number, nowMs: number): number | null {
  return streak(failuresMs, floorMs, nowMs).until;
}

/**
 * The one message for a wrong password, given the account's failures before this one (as
 * `lockedUntil` counts them): how many more tries are left before the lock, or that it is now
 * locked and until when (China time). It says the same for an account that does not exist (its
 * name's failures are counted alike), so it reveals nothing about accounts.
 */
export function wrongPasswordMessage(failuresMs: number[], floorMs: number, nowMs: number): string {
  const failed = streak(failuresMs, floorMs, nowMs).count + 1;
  const left = MAX_FAILURES - failed;
  return left > 0
    ? `用户名或密码错误，还可再试${left}次；连续输错${MAX_FAILURES}次，账号将锁定${LOCK_MINUTES}分钟`
    : `用户名或密码错误，已连续输错${failed}次，账号已锁定至${clockTime(nowMs + LOCK_MS)}（${LOCK_MINUTES}分钟），` +
        '到时可再登录，或请管理员解锁';
}

/** The refusal while the account is locked: until when, and how to end it sooner. */
export function lockedMessage(untilMs: number, nowMs: number): string {
  return (
    `该账号因连续${MAX_FAILURES}次密码错误已锁定至${clockTime(untilMs)}，请${waitText(untilMs - nowMs)}后再登录，` +
    '或请管理员解锁'
  );
}

/** HH:mm in China (UTC+8), as a sign-in message names a time today. */
function clockTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** A wait as the sign-in page says it: seconds under a minute, else whole minutes (rounded up). */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? `${seconds}秒` : `${Math.ceil(seconds / 60)}分钟`;
}
