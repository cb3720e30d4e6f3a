/**
 * The 公示 period as the notice prints it, and how long the process waits for it. "7天": the day
 * of posting is not counted (LEGAL.md §6.1), so the notice runs from the day after it through the
 * seventh day; the public may object on every one of them, so the process goes on (its timer fires,
 * and the server lets the result or a decision be recorded) from the start of the day after the
 * printed last day, China time. One computation for the print, the timer and the guard. Pure.
 */
export const PUBLIC_NOTICE_DAYS = 7;

export function publicNoticePeriod(issuedOn: string): { startDate: string; endDate: string } {
  return { startDate: addDays(issuedOn, 1), endDate: addDays(issuedOn, PUBLIC_NOTICE_DAYS) };
}

/** The moment the 公示 is over: 00:00 China time of the day after the printed end date. */
export function publicNoticeOverAt(endDate: string): Date {
  return new Date(`${addDays(endDate, 1)}T00:00:00+08:00`);
}

/**
 * The model's 公示 timer (`${publicNoticeWait}`): an ISO 8601 duration from `now` to the moment the
 * 公示 is over, in whole seconds rounded up (never a moment early). A duration, not a date, because
 * the engine measures a date against the computer's clock while due times follow the application's.
 */
export function publicNoticeWait(now: Date, endDate: string): string {
  const ms = publicNoticeOverAt(endDate).getTime() - now.getTime();
  return `PT${Math.max(1, Math.ceil(ms / 1000))}S`;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
