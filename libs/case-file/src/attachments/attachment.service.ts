import { extname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BlobStore } from '@app/archive';
import { AuditService } from '@app/audit';
import { AppError, Clock } from '@app/common';
import { WITHHELD, maskAddress, worksCases } from '@app/assistance';
import type { AuthUser } from '@app/auth';
import { AttachmentEntity, CaseEntity, Database } from '@app/persistence';
import { BLOB_STORE } from '@app/issuance';
import { caseForStaff, caseRepository as cases, DutyService, mayReadCase } from '@app/cases';
import { AttachmentQuery, checkThumbnail, checkUpload } from './attachment-input';
import { attachmentRepository as attachments } from './attachment.repository';

export interface AttachmentView {
  id: string;
  caseId: string;
  kind: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  hasThumbnail: boolean;
  takenAt: Date | null;
  place: string | null;
  note: string | null;
  uploadedBy: { id: string; name: string };
  uploadedAt: Date;
  voided: { at: Date; by: string; reason: string } | null;
}

export interface AttachmentFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/** Photos and scans kept with a case: stored content-addressed, never deleted, voided with a reason. */
@Injectable()
export class AttachmentService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DutyService) private readonly duties: DutyService,
  ) {}

  async upload(
    user: AuthUser,
    caseId: string,
    upload: { contentType?: string; body: unknown; query: AttachmentQuery },
  ): Promise<AttachmentView> {
    return this.store(user, caseId, upload, async (em, lock) => {
      const kase = await caseForStaff(em, user, caseId, lock);
      if (lock) await this.duties.assertMayAct(em, user, kase);
      return kase;
    });
  }

  /**
   * The applicant adds material to their own application from the portal (补正 materials): the
   * case-read rule for applicants (`mayReadCase`, audience `applicant`), while it is being handled.
   * Always a scan: photos of a home visit are the investigators'.
   */
  async uploadOwn(
    user: AuthUser,
    caseId: string,
    upload: { contentType?: string; body: unknown; fileName?: string; note?: string },
  ): Promise<AttachmentView> {
    return this.store(
      user,
      caseId,
      { ...upload, query: { kind: 'scan', fileName: upload.fileName, note: upload.note } },
      async (em) => {
        const kase = await cases.byId(em, caseId);
        if (!kase || !mayReadCase(user, kase, 'applicant')) throw AppError.notFound('未找到该申请');
        if (kase.status !== 'in_progress')
          throw AppError.conflict('CASE_CLOSED', '该申请已办结，不能再上传材料，如需补充请重新申请');
        return kase;
      },
    );
  }

  /** The applicant's own uploads to a case (never the staff's photos and papers). */
  async listOwn(user: AuthUser, caseId: string): Promise<AttachmentView[]> {
    return this.db.read(async (em) => {
      const kase = await cases.byId(em, caseId);
      if (!kase || !mayReadCase(user, kase, 'applicant')) throw AppError.notFound('未找到该申请');
      return (await this.views(em, { caseId })).filter((a) => a.uploadedBy.id === user.id);
    });
  }

  private async store(
    user: AuthUser,
    caseId: string,
    upload: { contentType?: string; body: unknown; query: AttachmentQuery },
    caseFor: (em: EntityManager, lock: boolean) => Promise<CaseEntity>,
  ): Promise<AttachmentView> {
    const input = checkUpload(upload.contentType, upload.body, upload.query, this.clock.now());
    // Scope first, so a caller outside the region learns nothing and stores nothing.
    await this.db.read((em) => caseFor(em, false));
    // Written before the row: a rollback leaves an unreferenced blob, never a row without bytes.
    const sha256 = await this.blobs.put(input.bytes);
    const id = await this.db.transaction(async (em) => {
      const kase = await caseFor(em, true);
      const twin = await attachments.twin(em, caseId, sha256);
      if (twin) {
        throw new AppError(409, 'ATTACHMENT_DUPLICATE', '该文件已上传过', [
          { field: 'file', message: `与已上传的“${twin.fileName}”内容相同` },
        ]);
      }
      const now = this.clock.now();
      const row: AttachmentEntity = {
        id: randomUUID(),
        caseId: kase.id,
        kind: input.kind,
        fileName: input.fileName,
        contentType: input.contentType,
        sizeBytes: input.bytes.length,
        sha256,
        blobKey: sha256,
        thumbnailBlobKey: null,
        takenAt: input.takenAt,
        place: input.place,
        note: input.note,
        uploadedBy: user.id,
        uploadedAt: now,
        voidedAt: null,
        voidedBy: null,
        voidReason: null,
      };
      await attachments.insert(em, row);
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'attachment.upload',
        caseId: kase.id,
        detail: {
          attachmentId: row.id,
          kind: row.kind,
          fileName: row.fileName,
          contentType: row.contentType,
          size: row.sizeBytes,
          sha256,
          takenAt: row.takenAt,
          place: row.place,
        },
      });
      return row.id;
    });
    return (await this.db.read((em) => this.views(em, { id })))[0];
  }

  /** Adds the browser-made thumbnail of an image, once. */
  async setThumbnail(
    user: AuthUser,
    attachmentId: string,
    upload: { contentType?: string; body: unknown },
  ): Promise<AttachmentView> {
    const bytes = checkThumbnail(upload.contentType, upload.body);
    await this.db.read(async (em) => caseForStaff(em, user, (await this.row(em, attachmentId)).caseId));
    const key = await this.blobs.put(bytes);
    await this.db.transaction(async (em) => {
      const row = await this.row(em, attachmentId, true);
      await caseForStaff(em, user, row.caseId);
      if (!row.contentType.startsWith('image/')) {
        throw AppError.validation('PDF 文件不需要缩略图', [
          { field: 'thumbnail', message: '仅图片附件有缩略图' },
        ]);
      }
      if (row.thumbnailBlobKey) throw AppError.conflict('THUMBNAIL_EXISTS', '该附件已有缩略图');
      await attachments.update(em, row.id, { thumbnailBlobKey: key });
      await this.audit.record(em, {
        at: this.clock.now(),
        actorId: user.id,
        action: 'attachment.thumbnail',
        caseId: row.caseId,
        detail: { attachmentId: row.id, sha256: key, size: bytes.length },
      });
    });
    return (await this.db.read((em) => this.views(em, { id: attachmentId })))[0];
  }

  /** Marks a wrong upload 作废; the file stays in the record. */
  async void(user: AuthUser, attachmentId: string, reason: string): Promise<AttachmentView> {
    const why = reason.trim();
    if (why.length < 2) {
      throw AppError.validation('请填写作废原因', [{ field: 'reason', message: '作废原因至少2个字' }]);
    }
    await this.db.transaction(async (em) => {
      const row = await this.row(em, attachmentId, true);
      await this.duties.assertMayAct(em, user, await caseForStaff(em, user, row.caseId));
      if (row.voidedAt) throw AppError.conflict('ATTACHMENT_VOIDED', '该附件已作废');
      const now = this.clock.now();
      await attachments.update(em, row.id, { voidedAt: now, voidedBy: user.id, voidReason: why });
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'attachment.void',
        caseId: row.caseId,
        detail: { attachmentId: row.id, fileName: row.fileName, sha256: row.sha256, reason: why },
      });
    });
    return (await this.db.read((em) => this.views(em, { id: attachmentId })))[0];
  }

  async list(user: AuthUser, caseId: string): Promise<AttachmentView[]> {
    return this.db.read(async (em) => {
      await caseForStaff(em, user, caseId);
      const views = await this.views(em, { caseId });
      return worksCases(user.role) ? views : views.map(maskView);
    });
  }

  async content(user: AuthUser, attachmentId: string): Promise<AttachmentFile> {
    const row = await this.db.read(async (em) => {
      const r = await this.row(em, attachmentId);
      await caseForStaff(em, user, r.caseId);
      return r;
    });
    return { bytes: await this.blobs.get(row.blobKey), contentType: row.contentType, fileName: row.fileName };
  }

  async thumbnail(user: AuthUser, attachmentId: string): Promise<AttachmentFile> {
    const row = await this.db.read(async (em) => {
      const r = await this.row(em, attachmentId);
      await caseForStaff(em, user, r.caseId);
      return r;
    });
    if (!row.thumbnailBlobKey) throw AppError.notFound('该附件没有缩略图');
    return {
      bytes: await this.blobs.get(row.thumbnailBlobKey),
      contentType: 'image/jpeg',
      fileName: 'thumbnail.jpg',
    };
  }

  private async row(em: EntityManager, id: string, lock = false): Promise<AttachmentEntity> {
    const row = await attachments.byId(em, id, lock);
    if (!row) throw AppError.notFound('附件不存在');
    return row;
  }

  /** Attachments in upload order, with the names of who uploaded and who voided them. */
  async views(em: EntityManager, where: { id?: string; caseId?: string }): Promise<AttachmentView[]> {
    const rows = await attachments.views(em, where);
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      kind: r.kind,
      fileName: r.file_name,
      contentType: r.content_type,
      size: Number(r.size_bytes),
      sha256: r.sha256,
      hasThumbnail: !!r.thumbnail_blob_key,
      takenAt: r.taken_at ? new Date(r.taken_at) : null,
      place: r.place,
      note: r.note,
      uploadedBy: { id: r.uploaded_by, name: r.uploader_name },
      uploadedAt: new Date(r.uploaded_at),
      voided: r.voided_at
        ? { at: new Date(r.voided_at), by: r.voider_name ?? '', reason: r.void_reason ?? '' }
        : null,
    }));
  }
}

/**
 * The list as a reader who does not work cases sees it: what was filed and when, not what the
 * uploader wrote about the household (“申请人需透析治疗”) nor the house it was taken at; the
 * file itself opens only with a 查阅事由.
 */
function maskView(v: AttachmentView): AttachmentView {
  return {
    ...v,
    // A file is named by its uploader (“透析诊断书.jpg”): only the kind of file stays.
    fileName: `${WITHHELD}${extname(v.fileName)}`,
    note: v.note && WITHHELD,
    place: v.place && maskAddress(v.place),
    voided: v.voided && { ...v.voided, reason: WITHHELD },
  };
}
