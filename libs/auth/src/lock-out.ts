/**
 * Sign-in throttling. Failed sign-ins slow down the address they come from, not the account: a
 * stranger who types wrong passwords for `admin` makes only their own address wait, while the owner
 * signs in from the office as usual. Failures spread over many addresses (distributed guessing)
 * are stopped by a much looser account-wide cap that spares the addresses the owner has already
 * signed in from.
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

/**
 * The one message for a wrong password, given the failures from that address before this one (as
 * `throttledUntil` counts them): how many more tries are free before the wait, or that none are.
 * It says the same for an account that does not exist, so it reveals nothing about accounts.
 */
export function wrongPasswordMessage(failuresMs: number[], floorMs: number, nowMs: number): string {
  const failed = countedFailures(failuresMs, floorMs, nowMs).length + 1;
  const left = FREE_FAILURES - failed;
  return left > 0
    ? `用户名或密码错误，还可再试${left}次；连续输错${FREE_FAILURES}次后，需等待一段时间才能再次登录`
    : `用户名或密码错误，已连续输错${failed}次，需等待一段时间才能再次登录`;
}

/**
 * Failed sign-ins of one account, from all addresses together, within the window that stop
 * further tries from addresses the account has never signed in from. One address can fail about
 * 18 times an hour under the throttle, so reaching this takes several addresses at once.
 */
export const MAX_FAILURES = 100;
/** The account-wide window; the cap lifts when its oldest counted failure leaves it. */
export const LOCK_MINUTES = THROTTLE_WINDOW_MINUTES;
const LOCK_MS = LOCK_MINUTES * 60_000;

/**
 * When the account-wide cap these failed sign-ins (epoch ms) cause ends, or null when they cause
 * none. Counted are the failures within the window before `nowMs` and after `floorMs`: the last
 * successful sign-in or an administrator's unlock, whichever is later. It applies only to
 * addresses the account has not signed in from before (see AuthService.login).
 */
export function lockedUntil(failuresMs: number[], floorMs: number, nowMs: number): number | null {
  const counted = failuresMs.filter((ms) => ms > floorMs && ms > nowMs - LOCK_MS).sort((a, b) => a - b);
  return counted.length >= MAX_FAILURES ? counted[counted.length - MAX_FAILURES] + LOCK_MS : null;
}

/** A wait as the sign-in page says it: seconds under a minute, else whole minutes (rounded up). */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? `${seconds}秒` : `${Math.ceil(seconds / 60)}分钟`;
}
