import { EntityManager } from 'typeorm';
import { AuditEntity } from '@app/persistence';
import { AUDIT_GENESIS_HASH, AuditContent, ChainLink } from './audit-chain';

export interface AuditListEntry {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  caseId: string | null;
  detail: unknown;
  origin: unknown;
  /** The entry's place on the hash chain; null until sealed (within one poll interval). */
  chainSeq: string | null;
}

/** What the auditor's search narrows by; every criterion is optional. */
export interface AuditCriteria {
  caseId?: string;
  actorId?: string;
  actionPrefix?: string;
  /** `at` from (inclusive) and to (exclusive), as timestamps PostgreSQL reads. */
  from?: string;
  to?: string;
  /** Entries with a lower id only. */
  before?: string;
}

/** Serializes sealing across processes, so every link follows the true last one. */
const AUDIT_SEAL_LOCK = 7412;

interface EntryRow {
  id: string | number | bigint;
  at: Date | string;
  actor_id: string | null;
  action: string;
  case_id: string | null;
  detail: unknown;
  origin: unknown;
}

interface LinkRow extends Omit<EntryRow, 'id'> {
  id: EntryRow['id'] | null;
  seq: string | number;
  prev_hash: string;
  entry_hash: string;
}

function content(r: EntryRow): AuditContent {
  return {
    id: String(r.id),
    at: r.at instanceof Date ? r.at : new Date(r.at),
    actorId: r.actor_id,
    action: r.action,
    caseId: r.case_id,
    detail: r.detail,
    origin: r.origin,
  };
}

/** The only code that reads or writes the audit record (`audit_entry`) and its chain (`audit_chain`). */
export const auditRepository = {
  async insert(em: EntityManager, row: Omit<AuditEntity, 'id'>): Promise<void> {
    await em.getRepository(AuditEntity).insert(row);
  },

  /** Newest first, with the actor's name and role and the entry's chain position. */
  search(em: EntityManager, c: AuditCriteria, limit: number): Promise<AuditListEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (c.caseId) add('a.case_id = ?', c.caseId);
    if (c.actorId) add('a.actor_id = ?', c.actorId);
    if (c.actionPrefix) add(`a.action LIKE ? || '%'`, c.actionPrefix);
    if (c.from) add('a.at >= ?', c.from);
    if (c.to) add('a.at < ?', c.to);
    if (c.before) add('a.id < ?', c.before);
    return em.query(
      `SELECT a.id::text AS id, a.at, a.actor_id AS "actorId", u.display_name AS "actorName", u.role AS "actorRole",
              a.action, a.case_id AS "caseId", a.detail, a.origin, c.seq::text AS "chainSeq"
       FROM audit_entry a LEFT JOIN app_user u ON u.id = a.actor_id LEFT JOIN audit_chain c ON c.audit_id = a.id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a.id DESC LIMIT ${Math.trunc(limit)}`,
      params,
    );
  },

  /** What was done on a case, oldest first; reads of it (`access.*`) are left out. */
  forCase(em: EntityManager, caseId: string): Promise<AuditEntity[]> {
    return em
      .getRepository(AuditEntity)
      .createQueryBuilder('a')
      .where('a.case_id = :caseId', { caseId })
      .andWhere(`a.action NOT LIKE 'access.%'`)
      .orderBy('a.id', 'ASC')
      .getMany();
  },

  /** Held until commit: one sealer at a time, across processes. */
  async lockSealing(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_SEAL_LOCK]);
  },

  /** The hash of the last link, or the genesis hash on an empty chain. */
  async chainHead(em: EntityManager): Promise<string> {
    const [last]: { entry_hash: string }[] = await em.query(
      `SELECT entry_hash FROM audit_chain ORDER BY seq DESC LIMIT 1`,
    );
    return last?.entry_hash ?? AUDIT_GENESIS_HASH;
  },

  /** Committed entries not yet on the chain, in id order. */
  async unsealed(em: EntityManager, limit: number): Promise<AuditContent[]> {
    const rows: EntryRow[] = await em.query(
      `SELECT a.id, a.at, a.actor_id, a.action, a.case_id, a.detail, a.origin FROM audit_entry a
       WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id)
       ORDER BY a.id LIMIT ${Math.trunc(limit)}`,
    );
    return rows.map(content);
  },

  async link(
    em: EntityManager,
    l: { auditId: string; prevHash: string; entryHash: string; sealedAt: Date },
  ): Promise<void> {
    await em.query(
      `INSERT INTO audit_chain (audit_id, prev_hash, entry_hash, sealed_at) VALUES ($1, $2, $3, $4)`,
      [l.auditId, l.prevHash, l.entryHash, l.sealedAt],
    );
  },

  /** Every link in order, with the entry it seals as it is now (null when the entry is gone). */
  async chain(em: EntityManager): Promise<ChainLink[]> {
    const rows: LinkRow[] = await em.query(
      `SELECT c.seq, c.prev_hash, c.entry_hash, c.audit_id,
              a.id, a.at, a.actor_id, a.action, a.case_id, a.detail, a.origin
       FROM audit_chain c LEFT JOIN audit_entry a ON a.id = c.audit_id ORDER BY c.seq`,
    );
    return rows.map((r) => ({
      seq: String(r.seq),
      prevHash: r.prev_hash,
      entryHash: r.entry_hash,
      entry: r.id === null ? null : content({ ...r, id: r.id }),
    }));
  },

  async count(em: EntityManager): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM audit_entry`);
    return n;
  },
};
