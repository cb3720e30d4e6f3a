import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { timerPollIntervalMs } from '@app/common';
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
}

function content(r: EntryRow): AuditContent {
  return {
    id: String(r.id),
    at: r.at instanceof Date ? r.at : new Date(r.at),
    actorId: r.actor_id,
    action: r.action,
    caseId: r.case_id,
    detail: r.detail,
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
    });
  }

  forCase(em: EntityManager, caseId: string): Promise<AuditEntity[]> {
    return em.getRepository(AuditEntity).find({ where: { caseId }, order: { id: 'ASC' } });
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
          `SELECT a.id, a.at, a.actor_id, a.action, a.case_id, a.detail FROM audit_entry a
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
                  a.id, a.at, a.actor_id, a.action, a.case_id, a.detail
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
