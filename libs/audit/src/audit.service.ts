import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { currentRequestOrigin, timerPollIntervalMs } from '@app/common';
import { maskIdsDeep } from '@app/assistance';
import { AuditEntity, Database } from '@app/persistence';
import {
  AUDIT_GENESIS_HASH,
  AuditCheck,
  AuditContent,
  ChainLink,
  auditEntryHash,
  checkAuditChain,
} from './audit-chain';

export interface AuditInput {
  actorId: string | null;
  action: string;
  caseId?: string | null;
  detail?: unknown;
  at: Date;
}

export interface AuditFilter {
  caseId?: string;
  actorId?: string;
  /** Prefix, e.g. 'case.' or 'task.complete'. */
  action?: string;
  from?: string;
  to?: string;
  /** Entries older than this id (the previous page's `nextBefore`). */
  before?: string;
  limit?: number;
}

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

/** Serializes sealing across processes, so every link follows the true last one. */
const AUDIT_SEAL_LOCK = 7412;
const SEAL_BATCH = 1000;

interface EntryRow {
  id: string | number | bigint;
  at: Date | string;
  actor_id: string | null;
  action: string;
  case_id: string | null;
  detail: unknown;
  origin: unknown;
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

/**
 * 执法全过程记录: entries are written in the same transaction as the action they record, and
 * sealed into a hash chain (`audit_chain`) once committed — by a background sweep and before
 * every verification.
 */
@Injectable()
export class AuditService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private handle: NodeJS.Timeout | null = null;
  private sealing: Promise<number> | null = null;

  constructor(@Inject(Database) private readonly db: Database) {}

  onApplicationBootstrap(): void {
    const ms = timerPollIntervalMs();
    if (ms > 0) {
      this.handle = setInterval(() => {
        this.seal().catch((err: Error) => this.logger.error(`审计记录封存失败：${err.message}`));
      }, ms);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.sealing?.catch(() => undefined);
  }

  async record(em: EntityManager, input: AuditInput): Promise<void> {
    await em.getRepository(AuditEntity).insert({
      at: input.at,
      actorId: input.actorId,
      action: input.action,
      caseId: input.caseId ?? null,
      detail: (input.detail ?? null) as object,
      origin: currentRequestOrigin(),
    });
  }

  /**
   * Entries newest first, for the auditor: filtered by case, actor, action prefix and time, each
   * with the actor's name and whether it is sealed on the chain yet.
   */
  async search(filter: AuditFilter): Promise<{ entries: AuditListEntry[]; nextBefore: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.caseId) add('a.case_id = ?', filter.caseId);
    if (filter.actorId) add('a.actor_id = ?', filter.actorId);
    if (filter.action) add(`a.action LIKE ? || '%'`, filter.action);
    if (filter.from) add('a.at >= ?', filter.from);
    if (filter.to) add('a.at < ?', filter.to);
    if (filter.before) add('a.id < ?', filter.before);
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
    const rows = await this.db.read((em) =>
      em.query(
        `SELECT a.id::text AS id, a.at, a.actor_id AS "actorId", u.display_name AS "actorName", u.role AS "actorRole",
                a.action, a.case_id AS "caseId", a.detail, a.origin, c.seq::text AS "chainSeq"
         FROM audit_entry a LEFT JOIN app_user u ON u.id = a.actor_id LEFT JOIN audit_chain c ON c.audit_id = a.id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY a.id DESC LIMIT ${limit + 1}`,
        params,
      ),
    );
    // The record is a list view: the people it quotes keep masked ID numbers here.
    const entries = maskIdsDeep((rows as AuditListEntry[]).slice(0, limit));
    return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1].id : null };
  }

  /** What was done on a case, oldest first; reads of it (`access.*`) are in `search`, not here. */
  forCase(em: EntityManager, caseId: string): Promise<AuditEntity[]> {
    return em
      .getRepository(AuditEntity)
      .createQueryBuilder('a')
      .where('a.case_id = :caseId', { caseId })
      .andWhere(`a.action NOT LIKE 'access.%'`)
      .orderBy('a.id', 'ASC')
      .getMany();
  }

  /** Links every committed, unsealed entry onto the chain; returns how many were sealed. */
  seal(): Promise<number> {
    this.sealing ??= this.sealAll().finally(() => (this.sealing = null));
    return this.sealing;
  }

  private async sealAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async (em) => {
        await em.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_SEAL_LOCK]);
        const [last] = await em.query(`SELECT entry_hash FROM audit_chain ORDER BY seq DESC LIMIT 1`);
        let prev: string = last?.entry_hash ?? AUDIT_GENESIS_HASH;
        const rows: EntryRow[] = await em.query(
          `SELECT a.id, a.at, a.actor_id, a.action, a.case_id, a.detail, a.origin FROM audit_entry a
           WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id)
           ORDER BY a.id LIMIT ${SEAL_BATCH}`,
        );
        const now = new Date();
        for (const row of rows) {
          const hash = auditEntryHash(prev, content(row));
          await em.query(
            `INSERT INTO audit_chain (audit_id, prev_hash, entry_hash, sealed_at) VALUES ($1, $2, $3, $4)`,
            [String(row.id), prev, hash, now],
          );
          prev = hash;
        }
        return rows.length;
      });
      total += n;
      if (n < SEAL_BATCH) return total;
    }
  }

  /** Seals what is pending, then checks every link against the entry it seals as it is now. */
  async verify(): Promise<AuditCheck & { entries: number; unsealed: number }> {
    await this.seal();
    return this.db.read(async (em) => {
      const rows: (EntryRow & { seq: string; prev_hash: string; entry_hash: string; audit_id: string })[] =
        await em.query(
          `SELECT c.seq, c.prev_hash, c.entry_hash, c.audit_id,
                  a.id, a.at, a.actor_id, a.action, a.case_id, a.detail, a.origin
           FROM audit_chain c LEFT JOIN audit_entry a ON a.id = c.audit_id ORDER BY c.seq`,
        );
      const links: ChainLink[] = rows.map((r) => ({
        seq: String(r.seq),
        prevHash: r.prev_hash,
        entryHash: r.entry_hash,
        entry: r.id === null ? null : content(r),
      }));
      // Entries that committed after the seal above are not on the chain yet; they are counted, not judged.
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM audit_entry`);
      return { ...checkAuditChain(links), entries: n, unsealed: n - links.length };
    });
  }
}
