import { EntityManager } from 'typeorm';

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

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/**
 * Audit entries not yet on the chain. Sealing links entries in id order, so the backlog is what
 * lies above the highest sealed id — two index lookups, cheap enough for a health probe on a large
 * record. (An entry that committed after a higher id was sealed is missed here for one sweep.)
 */
export async function unsealedAudit(em: EntityManager): Promise<{ waiting: number; oldestAt: Date | null }> {
  const [row] = await em.query(
    `SELECT count(*)::int AS waiting, min(a.at) AS oldest FROM audit_entry a
     WHERE a.id > COALESCE((SELECT max(audit_id) FROM audit_chain), 0)`,
  );
  return { waiting: Number(row.waiting), oldestAt: date(row.oldest) };
}

/** Documents committed with their number and snapshot but not yet signed and archived. */
export async function pendingDocuments(
  em: EntityManager,
): Promise<{ waiting: number; oldestAt: Date | null }> {
  const [row] = await em.query(
    `SELECT count(*)::int AS waiting, min(issued_at) AS oldest FROM document WHERE status = 'pending'`,
  );
  return { waiting: Number(row.waiting), oldestAt: date(row.oldest) };
}
