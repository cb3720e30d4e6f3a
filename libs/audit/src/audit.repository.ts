import { EntityManager } from 'typeorm';
import { AuditEntity, entityJson } from '@app/persistence';
import { AUDIT_GENESIS_HASH, AuditContent, ChainLink } from './audit-chain';

/** An entry to write; the actor's name, role and region are taken from their account as it is now. */
export type NewAuditEntry = Pick<AuditEntity, 'at' | 'actorId' | 'action' | 'caseId' | 'detail' | 'origin'>;

export interface AuditListEntry {
  id: string;
  at: Date;
  actorId: string | null;
  /** The actor's name, role and region as they were when they acted. */
  actorName: string | null;
  actorRole: string | null;
  actorRegionCode: string | null;
  action: string;
  caseId: string | null;
  detail: unknown;
  origin: unknown;
  /** The entry's place on the hash chain; null until sealed (within one poll interval). */
  chainSeq: string | null;
}

/**
 * What the auditor's search narrows by. The scope is required: an entry about a case belongs to the
 * case's region; one without a case to its actor's region at the time (and an account change also
 * to the changed account's region); one with neither (a sign-in under an unknown name) is seen only
 * by readers at county level or above (`unplaced`).
 */
export interface AuditScope {
  regionCode: string;
  unplaced: boolean;
}

/** Every criterion is optional. */
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
  actor_name: string | null;
  actor_role: string | null;
  actor_region: string | null;
  actor_sealed: boolean | null;
}

const ENTRY_COLUMNS = `a.id, a.at, a.actor_id, a.action, a.case_id, a.detail, a.origin,
  a.actor_name, a.actor_role, a.actor_region, a.actor_sealed`;

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
    ...(r.actor_sealed && {
      actor: { name: r.actor_name, role: r.actor_role, regionCode: r.actor_region },
    }),
  };
}

/** The only code that reads or writes the audit record (`audit_entry`) and its chain (`audit_chain`). */
/**
 * SQL for a caller's own statement: the timeline of case `caseId` (an SQL expression) as a JSON
 * array of `entityJson` audit entries in order, the acts without the reads (as `forCase`).
 */
export function caseTimelineJson(em: EntityManager, caseId: string): string {
  return `(SELECT coalesce(jsonb_agg(${entityJson(em, AuditEntity, 'ae')} ORDER BY ae.id), '[]')
          FROM audit_entry ae WHERE ae.case_id = ${caseId} AND ae.action NOT LIKE 'access.%')`;
}

export const auditRepository = {
  /**
   * Entries in one statement, in the order given, each with its actor as they are at this moment,
   * read in the same statement (and the same transaction as the act): a later rename or move of
   * the account does not change it.
   */
  async insertMany(em: EntityManager, rows: NewAuditEntry[]): Promise<void> {
    if (!rows.length) return;
    const records = rows.map((r, n) => ({
      n,
      at: r.at,
      actor_id: r.actorId,
      action: r.action,
      case_id: r.caseId,
      detail: r.detail ?? null,
      origin: r.origin ?? null,
    }));
    // An act timed on the demo clock before a move's switch but written after it (a sign-in that
    // hashed the password across the switch, a read waiting in the group commit) takes its time on
    // the moved clock: ids are taken at insert, so no entry on the old time follows one on the new.
    // Only within a minute either side of the switch: an entry dated in the past on purpose keeps its date.
    await em.query(
      `INSERT INTO audit_entry (at, actor_id, action, case_id, detail, origin, actor_name, actor_role, actor_region, actor_sealed)
       SELECT CASE WHEN clock_timestamp() >= to_timestamp(c.switch_at / 1000.0)
                     AND clock_timestamp() < to_timestamp((c.switch_at + 60000) / 1000.0)
                     AND v.at < to_timestamp((c.switch_at + c.before_ms) / 1000.0)
                     AND v.at >= to_timestamp((c.switch_at + c.before_ms - 60000) / 1000.0)
                   THEN v.at + (c.offset_ms - c.before_ms) * interval '1 millisecond' ELSE v.at END,
              v.actor_id, v.action, v.case_id, v.detail, v.origin, u.display_name, u.role, u.region_code, true
       FROM jsonb_to_recordset($1::jsonb)
         AS v(n int, at timestamptz, actor_id uuid, action text, case_id uuid, detail jsonb, origin jsonb)
       LEFT JOIN app_user u ON u.id = v.actor_id
       LEFT JOIN app_clock c ON c.id = 1 AND c.switch_at IS NOT NULL
       ORDER BY v.n`,
      [JSON.stringify(records)],
    );
  },

  /** Newest first, within the reader's scope, with the actor as they were and the entry's chain position. */
  search(em: EntityManager, scope: AuditScope, c: AuditCriteria, limit: number): Promise<AuditListEntry[]> {
    const params: unknown[] = [scope.regionCode, scope.unplaced];
    const within = (column: string) => `${column} LIKE $1 || '%'`;
    const where: string[] = [
      `(CASE WHEN a.case_id IS NOT NULL THEN ${within('k.region_code')}
             WHEN a.actor_id IS NULL THEN $2::boolean
             ELSE ${within('a.actor_region')}
               OR (a.action LIKE 'user.%' AND EXISTS (
                     SELECT 1 FROM app_user s WHERE s.id::text = a.detail->>'userId' AND ${within('s.region_code')}))
        END)`,
    ];
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
      `SELECT a.id::text AS id, a.at, a.actor_id AS "actorId", a.actor_name AS "actorName", a.actor_role AS "actorRole",
              a.actor_region AS "actorRegionCode", a.action, a.case_id AS "caseId", a.detail, a.origin,
              c.seq::text AS "chainSeq"
       FROM audit_entry a LEFT JOIN assistance_case k ON k.id = a.case_id LEFT JOIN audit_chain c ON c.audit_id = a.id
       WHERE ${where.join(' AND ')}
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

  /** The highest entry id on the chain (the sealer's watermark), or null on an empty chain. */
  async sealedUpTo(em: EntityManager): Promise<string | null> {
    const [{ max }]: { max: string | null }[] = await em.query(
      `SELECT max(audit_id)::text AS max FROM audit_chain`,
    );
    return max;
  },

  /**
   * Committed entries not yet on the chain, in id order: all of them, or only those with an id
   * above `above` (an index range on the key, whatever the size of the record).
   */
  async unsealed(em: EntityManager, limit: number, above: bigint | null = null): Promise<AuditContent[]> {
    const rows: EntryRow[] = await em.query(
      `SELECT ${ENTRY_COLUMNS} FROM audit_entry a
       WHERE ${above === null ? '' : 'a.id > $1 AND '}NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id)
       ORDER BY a.id LIMIT ${Math.trunc(limit)}`,
      above === null ? [] : [above.toString()],
    );
    return rows.map(content);
  },

  /** Appends the links in the order given (their `seq` follows it), in one statement. */
  async link(
    em: EntityManager,
    links: { auditId: string; prevHash: string; entryHash: string }[],
    sealedAt: Date,
  ): Promise<void> {
    if (!links.length) return;
    await em.query(
      `INSERT INTO audit_chain (audit_id, prev_hash, entry_hash, sealed_at)
       SELECT l.audit_id, l.prev_hash, l.entry_hash, $4
       FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY AS l(audit_id, prev_hash, entry_hash, n)
       ORDER BY l.n`,
      [links.map((l) => l.auditId), links.map((l) => l.prevHash), links.map((l) => l.entryHash), sealedAt],
    );
  },

  /** Every link in order, with the entry it seals as it is now (null when the entry is gone). */
  async chain(em: EntityManager): Promise<ChainLink[]> {
    const rows: LinkRow[] = await em.query(
      `SELECT c.seq, c.prev_hash, c.entry_hash, c.audit_id, ${ENTRY_COLUMNS}
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
