import { EntityManager } from 'typeorm';

/** How many are waiting, and when the oldest was written. */
export interface Waiting {
  waiting: number;
  oldestAt: Date | null;
}

interface WaitingRow {
  waiting: number | string;
  oldest: Date | string | null;
}

const waiting = (row: WaitingRow): Waiting => ({
  waiting: Number(row.waiting),
  oldestAt: row.oldest === null || row.oldest === undefined ? null : new Date(row.oldest),
});

/** What the health probe reads: that the database answers, and the background sweeps' backlogs. */
export const healthRepository = {
  /** Throws when the database does not answer. */
  async ping(em: EntityManager): Promise<void> {
    await em.query('SELECT 1');
  },

  /**
   * Audit entries not yet on the chain. Sealing links entries in id order, so the backlog is what
   * lies above the highest sealed id — two index lookups, cheap enough for a health probe on a large
   * record. (An entry that committed after a higher id was sealed is missed here for one sweep.)
   */
  async unsealedAudit(em: EntityManager): Promise<Waiting> {
    const [row]: WaitingRow[] = await em.query(
      `SELECT count(*)::int AS waiting, min(a.at) AS oldest FROM audit_entry a
       WHERE a.id > COALESCE((SELECT max(audit_id) FROM audit_chain), 0)`,
    );
    return waiting(row);
  },

  /** Documents committed with their number and snapshot but not yet signed and archived. */
  async pendingDocuments(em: EntityManager): Promise<Waiting> {
    const [row]: WaitingRow[] = await em.query(
      `SELECT count(*)::int AS waiting, min(issued_at) AS oldest FROM document WHERE status = 'pending'`,
    );
    return waiting(row);
  },
};
