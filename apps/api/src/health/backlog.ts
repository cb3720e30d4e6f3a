/**
 * Work that is committed but finished by a background sweep: audit entries waiting to be sealed
 * into the hash chain, documents waiting to be rendered, signed and archived.
 */
export type BacklogState = 'ok' | 'behind' | 'off';

export interface Backlog {
  state: BacklogState;
  /** How many are waiting. */
  waiting: number;
  /** When the oldest one was written (application clock), or null. */
  oldestAt: Date | null;
  /** Its age in milliseconds, or null. */
  oldestAgeMs: number | null;
}

/**
 * Behind when the oldest waiting item has waited longer than three sweeps (and at least a minute,
 * so a burst of work — a review cohort's hundreds of notices — is not reported as a fault).
 * `off` when the sweeps are turned off (TIMER_POLL_MS=0): then nothing is judged.
 */
export function judgeBacklog(input: {
  intervalMs: number;
  waiting: number;
  oldestAt: Date | null;
  now: Date;
}): Backlog {
  const oldestAgeMs = input.oldestAt ? Math.max(0, input.now.getTime() - input.oldestAt.getTime()) : null;
  const limit = Math.max(3 * input.intervalMs, 60_000);
  const state: BacklogState =
    input.intervalMs <= 0 ? 'off' : oldestAgeMs !== null && oldestAgeMs > limit ? 'behind' : 'ok';
  return { state, waiting: input.waiting, oldestAt: input.oldestAt, oldestAgeMs };
}
