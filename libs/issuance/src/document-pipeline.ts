import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Piscina } from 'piscina';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BlobStore, appendLedger } from '@app/archive';
import { Database, DocumentEntity } from '@app/persistence';
import { OrganSealSigners } from '@app/signing';
import { AppError, stableStringify, timerPollIntervalMs } from '@app/common';
import { TemplateDataError, renderDocument, renderMaskedCopy } from '@app/documents';
import { maskDocumentData } from '@app/assistance';
import { documentRepository as documents } from './document.repository';
import { RenderJob, renderAndSign, sampleRenderJob } from './render-job';
import { TemplateStore } from './template-store';

export const SEAL_SIGNERS = Symbol('SEAL_SIGNERS');
export const BLOB_STORE = Symbol('BLOB_STORE');

export function verifyUrl(code: string): string {
  const base = (process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, '');
  return `${base}/verify/${code}`;
}

/**
 * When a step's documents are archived (DOCUMENTS_INLINE): by default while the step's response is
 * already on its way; `1`, before it answers; `on-read`, when first read (a download, the case file)
 * or by the sweep, so a process issuing many that nobody reads yet spends nothing on them until then.
 */
function issueMode(): 'background' | 'inline' | 'on-read' {
  const configured = process.env.DOCUMENTS_INLINE;
  return configured === '1' ? 'inline' : configured === 'on-read' ? 'on-read' : 'background';
}

/** Pool threads rendering and signing (DOCUMENT_WORKERS, default one per core; 0 renders in this thread). */
function workerCount(): number {
  const configured = process.env.DOCUMENT_WORKERS;
  if (configured !== undefined && configured !== '') return Math.max(0, Number(configured) || 0);
  return os.availableParallelism();
}

/** A built API runs the compiled worker; from TypeScript sources a small entry registers ts-node. */
function workerFile(): string {
  const compiled = path.join(__dirname, 'render-worker.js');
  return fs.existsSync(compiled) ? compiled : path.join(__dirname, 'render-worker.boot.js');
}

/**
 * Turns committed document rows into signed, archived PDFs. The row with its frozen data is written
 * in the step's transaction, so a document is never lost: a render that fails, or a process that
 * dies before archiving, leaves the row pending, and the sweep (on start and with every timer
 * poll) renders it again. Safe to run twice and from several processes: only the run that flips the
 * row from pending to archived writes the ledger entry. Rendering and signing (pure CPU) run in a
 * thread pool; the blob store and the ledger transaction stay in this thread.
 */
@Injectable()
export class DocumentPipeline implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DocumentPipeline');
  private sweep: NodeJS.Timeout | null = null;
  private sweeping: Promise<number> | null = null;
  private pool: Piscina | null | undefined;
  /** One archive run per document at a time in this process, whoever asked for it. */
  private readonly inflight = new Map<string, Promise<boolean>>();
  private readonly background = new Set<Promise<unknown>>();
  /** Documents this process had rendered and signed by a pool thread (for tests and benches). */
  threadRenders = 0;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(SEAL_SIGNERS) private readonly seals: OrganSealSigners,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  /** Picks up documents a crash left between commit and archive, alongside the timer poll. */
  onApplicationBootstrap(): void {
    const intervalMs = timerPollIntervalMs();
    if (intervalMs > 0) {
      this.sweep = setInterval(() => {
        this.sweeping ??= this.archivePending().finally(() => (this.sweeping = null));
      }, intervalMs);
      this.warmUp().catch((err: Error) => this.logger.warn(`文书线程预热失败：${err.message}`));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    await this.sweeping;
    await this.settled();
    await this.warming?.catch(() => undefined);
    await this.pool?.destroy();
    this.pool = undefined;
    this.warming = null;
  }

  /**
   * After a step committed documents for a case: they render in the background (the case detail
   * shows them pending, 生成中, until archived); with DOCUMENTS_INLINE=1 the caller waits, with
   * `on-read` they wait for their first read or the sweep.
   */
  async issued(caseId: string): Promise<void> {
    const mode = issueMode();
    if (mode === 'on-read') return;
    if (mode === 'inline') {
      await this.archivePending({ caseId });
      return;
    }
    const run = this.archivePending({ caseId }).catch((err: Error) => {
      this.logger.error(`案件 ${caseId} 的文书归档失败，将重试：${err.message}`);
    });
    this.background.add(run);
    void run.finally(() => this.background.delete(run));
  }

  /** Resolves once every background archive run started so far (and any it led to) has ended. */
  async settled(): Promise<void> {
    while (this.background.size || this.inflight.size) {
      await Promise.allSettled([...this.background, ...this.inflight.values()]);
    }
  }

  /**
   * Archives the pending documents of one case or document, or every pending one (including those
   * whose render failed before). Renders run side by side in the pool; archiving follows issue order.
   */
  async archivePending(scope: { caseId?: string; documentId?: string } = {}): Promise<number> {
    const pending = await this.db.read((em) => documents.pending(em, scope));
    const runs = pending.map((doc) => this.archiveOnce(doc));
    return (await Promise.all(runs)).filter(Boolean).length;
  }

  private archiveOnce(doc: DocumentEntity): Promise<boolean> {
    let run = this.inflight.get(doc.id);
    if (!run) {
      const previous = [...this.inflight.values()];
      run = this.archive(doc, previous)
        .catch(async (err: Error) => {
          this.logger.error(`文书 ${doc.id} 生成失败，将重试：${err.message}`);
          await this.db
            .transaction((em) => documents.markFailed(em, doc.id, err.message, new Date()))
            .catch(() => undefined);
          return false;
        })
        .finally(() => this.inflight.delete(doc.id));
      this.inflight.set(doc.id, run);
    }
    return run;
  }

  /** Renders the same bytes the archive holds were made from (unsigned), for re-render checks. */
  async renderUnsigned(doc: DocumentEntity): Promise<Buffer> {
    const template = await this.db.read((em) => this.templates.byHash(em, doc.templateHash));
    return renderDocument({
      template,
      data: doc.data,
      number: doc.number ?? undefined,
      issuedAt: doc.issuedAt,
      verifyCode: doc.verifyCode,
      verifyUrl: verifyUrl(doc.verifyCode),
    });
  }

  /**
   * A 脱敏副本 rendered from the document's frozen data with personal details masked, unsigned;
   * null when the template cannot print without them (a form that is all health items).
   */
  async maskedCopy(doc: DocumentEntity): Promise<Buffer | null> {
    const template = await this.db.read((em) => this.templates.byHash(em, doc.templateHash));
    try {
      return await renderMaskedCopy({
        template,
        data: maskDocumentData(doc.data),
        number: doc.number ?? undefined,
        issuedAt: doc.issuedAt,
        verifyCode: doc.verifyCode,
        verifyUrl: verifyUrl(doc.verifyCode),
      });
    } catch (err) {
      if (err instanceof TemplateDataError) return null;
      throw err;
    }
  }

  /** Renders and signs in the pool, then archives once the runs started before it have ended. */
  private async archive(doc: DocumentEntity, before: Promise<boolean>[]): Promise<boolean> {
    const signed = this.renderSigned(doc);
    // The ledger is a chain in archive order: keep it in issue order within this process.
    await Promise.allSettled(before);
    const pdfSha256 = await this.blobs.put(await signed);
    // The document's step committed, and with it the template version it froze.
    this.templates.issuedCommitted(doc.templateHash);
    return this.db.transaction(async (em) => {
      if (!(await documents.markArchived(em, doc.id, pdfSha256))) return false;
      await appendLedger(em, {
        documentId: doc.id,
        caseId: doc.caseId,
        elementId: doc.elementId,
        templateId: doc.templateId,
        templateVersion: doc.templateVersion,
        number: doc.number,
        dataSha256: createHash('sha256').update(stableStringify(doc.data)).digest('hex'),
        pdfSha256,
        recordedAt: new Date(),
      });
      return true;
    });
  }

  private async renderSigned(doc: DocumentEntity): Promise<Buffer> {
    const template = await this.db.read((em) => this.templates.byHash(em, doc.templateHash));
    // The organ that issues the document signs it: the certificate names the organ on the seal.
    const organ = (doc.data as { issuer?: { name?: string } }).issuer?.name ?? '';
    // Loaded here first so that a development seal is created by one thread, not raced by several.
    await this.seals.signerFor(organ);
    const job: RenderJob = {
      template: {
        id: template.manifest.id,
        manifestText: template.manifestText,
        body: template.body,
        contentHash: template.contentHash,
      },
      data: doc.data,
      number: doc.number,
      issuedAt: doc.issuedAt.toISOString(),
      verifyCode: doc.verifyCode,
      verifyUrl: verifyUrl(doc.verifyCode),
      organ,
      reason: `${doc.title}${doc.number ? ` ${doc.number}` : ''}`,
      location: doc.agencyRegionCode,
      // Signed when issued by the application clock (the demo's clock in the demo), not when this
      // thread gets to it: a signature dated after the document's service contradicts the record.
      signingTime: doc.issuedAt.toISOString(),
      seals: this.seals.config,
    };
    const pool = this.workers();
    if (!pool) return renderAndSign(job, { template: () => template, signers: this.seals });
    const bytes = (await pool.run(job)) as Uint8Array;
    this.threadRenders++;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private warming: Promise<number> | null = null;

  /**
   * Starts the pool's threads and has each render a few sample documents (DOCUMENT_WARM_RENDERS,
   * default 6, of different templates), so that the first documents a process issues do not wait
   * for a thread to load its fonts and compile the render code. Returns how many threads are warm.
   */
  warmUp(): Promise<number> {
    const pool = this.workers();
    if (!pool) return Promise.resolve(0);
    this.warming ??= (() => {
      const ids = this.templates.ids();
      const perThread = Math.max(1, Number(process.env.DOCUMENT_WARM_RENDERS) || 6);
      const job = (i: number): RenderJob =>
        sampleRenderJob(this.templates.file(ids[i % ids.length]), i, verifyUrl, this.seals.config);
      return warmRenderPool(pool, job, perThread).then((renders) => renders.size);
    })();
    return this.warming;
  }

  private workers(): Piscina | null {
    if (this.pool === undefined) {
      const threads = workerCount();
      this.pool = threads > 0 ? createRenderPool(threads) : null;
    }
    return this.pool;
  }

  /**
   * The archived PDF. A document still pending is archived first; if that fails (its render or the
   * archive is broken) there are no bytes to hand over, and the caller learns so in words, before
   * anything that a download would record (送达) happens.
   */
  async pdf(doc: DocumentEntity): Promise<Buffer> {
    if (doc.status === 'pending') {
      await this.archivePending({ documentId: doc.id });
      doc = await this.db.read((em) => documents.byIdOrFail(em, doc.id));
    }
    if (doc.status !== 'archived' || !doc.pdfSha256) throw documentNotReady();
    return this.blobs.get(doc.pdfSha256);
  }
}

/** The refusal of a download while the document has no archived PDF yet. */
function documentNotReady(): AppError {
  const message = '文书正在生成中（或生成失败、系统将自动重试），请稍后再下载';
  return new AppError(409, 'DOCUMENT_NOT_READY', message, [{ field: 'id', message }]);
}

/** A pool of render-and-sign threads running render-worker (RenderJob in, signed PDF bytes out). */
export function createRenderPool(threads: number): Piscina {
  return new Piscina({
    filename: workerFile(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
}

/**
 * Runs warm-up jobs until every thread of the pool has rendered `perThread` of them (fonts, template
 * and seal loaded, and the render code compiled by the thread's own V8: a thread's first documents
 * run unoptimised code), so that no thread pays for that while it is measured or while a user
 * waits. Returns the renders each thread did.
 */
export async function warmRenderPool(
  pool: Piscina,
  job: (i: number) => RenderJob,
  perThread = 1,
): Promise<Map<number, number>> {
  const renders = new Map<number, number>();
  const threads = pool.options.maxThreads;
  const done = () => renders.size >= threads && [...renders.values()].every((n) => n >= perThread);
  for (let round = 0; !done() && round < 20 * perThread; round++) {
    const ids = await Promise.all(
      Array.from(
        { length: threads },
        (_, i) => pool.run(job(round * threads + i), { name: 'warm' }) as Promise<number>,
      ),
    );
    for (const id of ids) renders.set(id, (renders.get(id) ?? 0) + 1);
  }
  return renders;
}

export function archiveDir(dataDir: string): string {
  return path.join(dataDir, 'archive');
}
