/**
 * What to tell whom, pure: the deadline rule for staff, the escalation ladder, the retry backoff
 * and the wording of the messages the applicant receives.
 */

/** Who answers for a role's overdue task (the next level of the same office). */
export const SUPERVISOR_OF: Readonly<Record<string, string>> = {
  village_assistant: 'township_reviewer',
  window_clerk: 'township_reviewer',
  investigator: 'township_reviewer',
  township_reviewer: 'county_approver',
  county_approver: 'legal_officer',
};

export type DeadlineAlert = 'reminder' | 'escalation' | null;

/**
 * A task is reminded from the working day before its due date and escalated once the due date
 * has passed. `dayBeforeDue` is the due date less one working day (the working calendar's).
 */
export function deadlineAlert(today: string, dueDate: string, dayBeforeDue: string): DeadlineAlert {
  if (today > dueDate) return 'escalation';
  if (today >= dayBeforeDue) return 'reminder';
  return null;
}

export const MAX_ATTEMPTS = 8;

/** Delay before the next try after `attempts` failed ones: 30 s doubling, at most one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** An electronic-service address is either an 11-digit mobile number or an e-mail address. */
export function addressKind(address: string): 'email' | 'sms' | null {
  const a = address.trim();
  if (/^1\d{10}$/.test(a)) return 'sms';
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a)) return 'email';
  return null;
}

/** Formats 2026-12-07 as 2026年12月7日, the way the notices print dates. */
export function cnDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
