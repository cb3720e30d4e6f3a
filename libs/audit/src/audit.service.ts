import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { currentRequestOrigin, timerPollIntervalMs } from '@app/common';
import { maskIdsDeep, maskPersonalDetail, regionLevel, worksCases } from '@app/assistance';
import { AuditEntity, Database, DeferredRows } from '@app/persistence';
import { AuditCheck, auditEntryHash, checkAuditChain } from './audit-chain';
import { AuditListEntry, NewAuditEntry, auditRepository as entries } from './audit.repository';

export type { AuditListEntry };

export interface AuditInput {
  actorId: string | null;
  action: string;
  caseId?: string | null;
  detail?: unknown;
  at: Date;
}

function toRow(input: AuditInput): NewAuditEntry {
  return {
    at: input.at,
    actorId: input.actorId,
    action: input.action,
    caseId: input.caseId ?? null,
    detail: (input.detail ?? null) as object,
    origin: currentRequestOrigin(),
  };
}

/** Who reads the record: their region bounds what they see, their role how much of it. */
export interface AuditReader {
  role: string;
  regionCode: string;
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

const SEAL_BATCH = 1000;

/** A transaction's entries, written at its end. */
const AUDIT_ROWS: DeferredRows<NewAuditEntry> = { flush: (em, rows) => entries.insertMany(em, rows) };

/**
 * How far below the watermark (the highest sealed id) a poll still looks. Ids are taken at insert
 * and entries commit later, so an entry may commit after a higher one was sealed; a transaction
 * that stays open while this many later entries are written is caught by the full sweep instead,
 * which runs at start-up and before every verification.
 */
export const SEAL_LOOKBACK = 1000;

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

  /**
   * Records the entry in the transaction of the act. Inside a transaction of the Database its
   * entries are written together just before the commit, in one statement (a step records three
   * or four); outside one it is written at once.
   */
  async record(em: EntityManager, input: AuditInput): Promise<void> {
    const row = toRow(input);
    if (!this.db.defer(em, AUDIT_ROWS, row)) await entries.insertMany(em, [row]);
  }

  /**
   * Records an entry that is an act of its own (a read: `access.*`), not part of another
   * transaction. Entries arriving while a write is under way go together in the next one (group
   * commit): one statement for all of them, however many requests read at once. Resolves once the
   * entry is committed, so no answer leaves before its record is written.
   */
  recordAlone(input: AuditInput): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ row: toRow(input), resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private readonly queued: { row: NewAuditEntry; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  private async flush(): Promise<void> {
    try {
      while (this.queued.length) {
        const batch = this.queued.splice(0, SEAL_BATCH);
        try {
          await this.db.read((em) =>
            entries.insertMany(
              em,
              batch.map((b) => b.row),
            ),
          );
          for (const b of batch) b.resolve();
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /**
   * Entries newest first, for the auditor: within the reader's region, filtered by case, actor,
   * action prefix and time, each with the actor as they were and whether it is sealed on the chain yet.
   */
  async search(
    reader: AuditReader,
    filter: AuditFilter,
  ): Promise<{ entries: AuditListEntry[]; nextBefore: string | null }> {
    const { action: actionPrefix, limit: asked, ...criteria } = filter;
    const limit = Math.min(Math.max(asked ?? 50, 1), 500);
    const level = regionLevel(reader.regionCode);
    const scope = { regionCode: reader.regionCode, unplaced: level !== 'township' && level !== 'village' };
    // One more than the page, to tell whether there is a next one.
    const rows = await this.db.read((em) =>
      entries.search(em, scope, { ...criteria, actionPrefix }, limit + 1),
    );
    // The record is a list view: the people it quotes keep masked ID numbers here; and a reader who
    // does not work cases sees who did what and when, not the household's health, income or assets.
    const masked = worksCases(reader.role)
      ? rows
      : rows.map((r) => ({ ...r, detail: maskPersonalDetail(r.detail) }));
    const page = maskIdsDeep(masked.slice(0, limit));
    return { entries: page, nextBefore: rows.length > limit ? page[page.length - 1].id : null };
  }

  /** What was done on a case, oldest first; reads of it (`access.*`) are in `search`, not here. */
  forCase(em: EntityManager, caseId: string): Promise<AuditEntity[]> {
    return entries.forCase(em, caseId);
  }

  /**
   * Links committed, unsealed entries onto the chain; returns how many were sealed. A poll looks
   * only above the watermark (less `SEAL_LOOKBACK`), so its cost does not grow with the record;
   * the first poll of a process and `verify` sweep the whole record (`full`).
   */
  seal(full = false): Promise<number> {
    // A poll joins the one running; a full sweep waits for it and then runs itself.
    if (this.sealing && !full) return this.sealing;
    const sweep = full || !this.swept;
    const run: Promise<number> = (this.sealing ?? Promise.resolve(0))
      .catch(() => 0)
      .then(() => this.sealAll(sweep))
      .then((n) => {
        if (sweep) this.swept = true;
        return n;
      })
      .finally(() => {
        if (this.sealing === run) this.sealing = null;
      });
    this.sealing = run;
    return run;
  }

  /** Whether this process has swept the whole record once (the polls after look above the watermark). */
  private swept = false;

  private async sealAll(full: boolean): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async (em) => {
        await entries.lockSealing(em);
        let prev = await entries.chainHead(em);
        const mark = full ? null : await entries.sealedUpTo(em);
        const above = mark === null ? null : BigInt(mark) - BigInt(SEAL_LOOKBACK);
        const unsealed = await entries.unsealed(em, SEAL_BATCH, above);
        const links = unsealed.map((entry) => {
          const entryHash = auditEntryHash(prev, entry);
          const link = { auditId: entry.id, prevHash: prev, entryHash };
          prev = entryHash;
          return link;
        });
        await entries.link(em, links, new Date());
        return unsealed.length;
      });
      total += n;
      if (n < SEAL_BATCH) return total;
    }
  }

  /** Seals what is pending, then checks every link against the entry it seals as it is now. */
  async verify(): Promise<AuditCheck & { entries: number; unsealed: number }> {
    await this.seal(true);
    return this.db.read(async (em) => {
      const links = await entries.chain(em);
      // Entries that committed after the seal above are not on the chain yet; they are counted, not judged.
      const n = await entries.count(em);
      return { ...checkAuditChain(links), entries: n, unsealed: n - links.length };
    });
  }
}
