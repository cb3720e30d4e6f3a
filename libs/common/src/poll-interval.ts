/**
 * How often the background sweeps run — due timers, pending documents, audit sealing; 0 turns
 * them off (tests drive them by hand).
 */
export function timerPollIntervalMs(): number {
  return Number(process.env.TIMER_POLL_MS ?? 5000);
}
