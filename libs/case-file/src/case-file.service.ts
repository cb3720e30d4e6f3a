import { Inject, Injectable } from '@nestjs/common';
import { BlobStore } from '@app/archive';
import { AuditService } from '@app/audit';
import { Clock, shanghaiDate, shanghaiDateTime } from '@app/common';
import type { AuthUser } from '@app/auth';
import { renderBareDocDefinition } from '@app/documents';
import { Database } from '@app/persistence';
import { caseRepository as cases, caseForStaff, programName } from '@app/cases';
import { BLOB_STORE, DocumentPipeline } from '@app/issuance';
import { ATTACHMENT_KINDS, AttachmentService, AttachmentView } from './attachments';
import { ATTACHMENT_TYPES, isAttachmentType } from './attachments/file-type';
import { caseFileRepository } from './case-file.repository';
import { pdfPageCount } from './pdf-pages';
import { ZipEntry as Entry, safeName, zipWithManifest } from './zip';
import { TocRow, tocCsv, tocDefinition } from './toc';

export const TOC_PDF = '00-卷内目录.pdf';
export const TOC_CSV = '卷内目录.csv';

export interface CaseFileExport {
  fileName: string;
  zip: Buffer;
}

function sizeText(bytes: number): string {
  return bytes >= 1048576
    ? `${(bytes / 1048576).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The 案卷 of one case as a ZIP: the 卷内目录 (PDF and CSV), every issued document as archived,
 * every attachment, and a manifest with the sha256 of each file, so the copy can be checked
 * file by file against the archive long after it left the system.
 */
@Injectable()
export class CaseFileService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(DocumentPipeline) private readonly pipeline: DocumentPipeline,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(AttachmentService) private readonly attachments: AttachmentService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** `beforeBuild` runs once the user may read the case and before any file is read (a break-glass record). */
  async export(
    user: AuthUser,
    caseId: string,
    beforeBuild: () => Promise<void> = async () => undefined,
  ): Promise<CaseFileExport> {
    const { kase, documents, attachments, agencies, regionName } = await this.db.read(async (em) => {
      const kase = await caseForStaff(em, user, caseId);
      const agencies = new Map(
        (await caseFileRepository.agencies(em)).map((a) => [a.regionCode, a.name] as const),
      );
      const regions = await caseFileRepository.regions(em);
      const names = new Map(regions.map((r) => [r.code, r.name] as const));
      const regionName = [6, 9, 12].map((n) => names.get(kase.regionCode.slice(0, n)) ?? '').join('');
      return {
        kase,
        documents: await cases.documents(em, caseId),
        attachments: await this.attachments.views(em, { caseId }),
        agencies,
        regionName,
      };
    });
    await beforeBuild();

    const now = this.clock.now();
    const rows: TocRow[] = [];
    const entries: Entry[] = [];
    const pad = (n: number) => String(n).padStart(2, '0');

    for (const doc of documents) {
      // A document still pending after its step is signed and archived now, as on GET …/pdf.
      const pdf = await this.pipeline.pdf(doc);
      const seq = rows.length + 1;
      const name = `${pad(seq)}-${safeName(doc.title)}${doc.number ? `-${safeName(doc.number)}` : ''}.pdf`;
      const pages = pdfPageCount(pdf);
      entries.push({ name, bytes: pdf });
      rows.push({
        seq,
        title: doc.title,
        number: doc.number ?? '',
        responsible: agencies.get(doc.agencyRegionCode) ?? doc.agencyRegionCode,
        date: shanghaiDate(doc.issuedAt),
        extent: pages ? `${pages}页` : sizeText(pdf.length),
        remark: `电子签章，校验码\n${doc.verifyCode}`,
        fileName: name,
      });
    }

    for (const a of attachments) {
      const bytes = await this.blobs.get(a.sha256);
      const seq = rows.length + 1;
      const name = `${pad(seq)}-${ATTACHMENT_KINDS[a.kind as keyof typeof ATTACHMENT_KINDS]}-${withExtension(a)}`;
      const pages = a.contentType === 'application/pdf' ? pdfPageCount(bytes) : null;
      entries.push({ name, bytes });
      rows.push({
        seq,
        title: `${ATTACHMENT_KINDS[a.kind as keyof typeof ATTACHMENT_KINDS]}：${a.fileName}`,
        number: '',
        responsible: a.uploadedBy.name,
        date: shanghaiDate(a.takenAt ?? a.uploadedAt),
        extent: pages ? `${pages}页` : sizeText(a.size),
        remark: attachmentRemark(a),
        fileName: name,
      });
    }

    const compiledOn = shanghaiDate(now);
    const tocPdf = await renderBareDocDefinition(
      tocDefinition(
        {
          caseNo: kase.caseNo,
          applicantName: kase.applicantName,
          programName: programName(kase.program),
          regionName,
          compiledOn,
          compiledBy: user.displayName,
        },
        rows,
        now,
      ),
    );
    const all: Entry[] = [
      { name: TOC_PDF, bytes: tocPdf },
      ...entries,
      { name: TOC_CSV, bytes: tocCsv(rows) },
    ];
    const { zip: bytes, manifestSha256 } = await zipWithManifest(
      all,
      {
        caseNo: kase.caseNo,
        caseId: kase.id,
        applicantName: kase.applicantName,
        generatedAt: now.toISOString(),
        generatedBy: { id: user.id, name: user.displayName },
      },
      now,
    );

    await this.db.transaction((em) =>
      this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'case.file_export',
        caseId: kase.id,
        detail: {
          files: all.length,
          documents: documents.length,
          attachments: attachments.length,
          manifestSha256,
          zipSha256: BlobStore.sha256(bytes),
        },
      }),
    );
    return { fileName: `案卷-${kase.caseNo}-${kase.applicantName}.zip`, zip: bytes };
  }
}

function withExtension(a: AttachmentView): string {
  const name = safeName(a.fileName);
  const ext = isAttachmentType(a.contentType) ? ATTACHMENT_TYPES[a.contentType].extension : '';
  if (!ext) return name;
  const lower = name.toLowerCase();
  const ok = lower.endsWith(`.${ext}`) || (ext === 'jpg' && lower.endsWith('.jpeg'));
  return ok ? name : `${name}.${ext}`;
}

function attachmentRemark(a: AttachmentView): string {
  const parts: string[] = [];
  if (a.voided) parts.push(`已作废：${a.voided.reason}`);
  if (a.takenAt) {
    const at = shanghaiDateTime(a.takenAt);
    parts.push(`拍摄于 ${at.slice(0, 10)} ${at.slice(11, 16)}`);
  }
  if (a.place) parts.push(`地点：${a.place}`);
  if (a.note) parts.push(a.note);
  return parts.join('；');
}
