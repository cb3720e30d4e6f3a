/** Failed sign-ins of one account within the window that lock it for the rest of the window. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
const LOCK_MS = LOCK_MINUTES * 60_000;

/**
 * When the lock-out these failed sign-ins (epoch ms) cause ends, or null when they cause none.
 * Counted are the failures within the window before `nowMs` and after `floorMs`: the last
 * successful sign-in or an administrator's unlock, whichever is later.
 */
export function lockedUntil(failuresMs: number[], floorMs: number, nowMs: number): number | null {
  const counted = failuresMs.filter((ms) => ms > floorMs && ms > nowMs - LOCK_MS).sort((a, b) => a - b);
  return counted.length >= MAX_FAILURES ? counted[counted.length - MAX_FAILURES] + LOCK_MS : null;
}
