import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BlobStore, appendLedger } from '@app/archive';
import { Database, DocumentEntity } from '@app/persistence';
import { OrganSealSigners } from '@app/signing';
import { stableStringify, timerPollIntervalMs } from '@app/common';
import { TemplateDataError, renderDocument, renderMaskedCopy } from '@app/documents';
import { maskDocumentData } from '@app/assistance';
import { documentRepository as documents } from './document.repository';
import { TemplateStore } from './template-store';

export const SEAL_SIGNERS = Symbol('SEAL_SIGNERS');
export const BLOB_STORE = Symbol('BLOB_STORE');

export function verifyUrl(code: string): string {
  const base = (process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, '');
  return `${base}/verify/${code}`;
}

/**
 * Turns committed document rows into signed, archived PDFs. Safe to run twice and from several
 * processes: only the run that flips the row from pending to archived writes the ledger entry.
 */
@Injectable()
export class DocumentPipeline implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DocumentPipeline');
  private sweep: NodeJS.Timeout | null = null;
  private sweeping: Promise<number> | null = null;

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
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    await this.sweeping;
  }

  /** Archives the pending documents of one case or document, or every pending one. */
  async archivePending(scope: { caseId?: string; documentId?: string } = {}): Promise<number> {
    const pending = await this.db.read((em) => documents.pending(em, scope));
    let done = 0;
    for (const doc of pending) {
      try {
        if (await this.archive(doc)) done++;
      } catch (err) {
        this.logger.error(`文书 ${doc.id} 归档失败，将重试：${(err as Error).message}`);
      }
    }
    return done;
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

  private async archive(doc: DocumentEntity): Promise<boolean> {
    const unsigned = await this.renderUnsigned(doc);
    // The organ that issues the document signs it: the certificate names the organ on the seal.
    const organ = (doc.data as { issuer?: { name?: string } }).issuer?.name ?? '';
    const signer = await this.seals.signerFor(organ);
    const signed = await signer.sign(unsigned, {
      reason: `${doc.title}${doc.number ? ` ${doc.number}` : ''}`,
      location: doc.agencyRegionCode,
      signingTime: new Date(),
    });
    const pdfSha256 = await this.blobs.put(signed);
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

  async pdf(doc: DocumentEntity): Promise<Buffer> {
    if (doc.status === 'pending') {
      await this.archivePending({ documentId: doc.id });
      doc = await this.db.read((em) => documents.byIdOrFail(em, doc.id));
    }
    return this.blobs.get(doc.pdfSha256!);
  }
}

export function archiveDir(dataDir: string): string {
  return path.join(dataDir, 'archive');
}
