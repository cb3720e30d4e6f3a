import { EntityManager, IsNull } from 'typeorm';
import { AttachmentEntity } from '@app/persistence';

/** An attachment row with the names of who uploaded and who voided it, as the database returns it. */
export interface AttachmentViewRow {
  id: string;
  case_id: string;
  kind: string;
  file_name: string;
  content_type: string;
  size_bytes: number | string;
  sha256: string;
  blob_key: string;
  thumbnail_blob_key: string | null;
  taken_at: Date | string | null;
  place: string | null;
  note: string | null;
  uploaded_by: string;
  uploaded_at: Date | string;
  voided_at: Date | string | null;
  voided_by: string | null;
  void_reason: string | null;
  uploader_name: string;
  voider_name: string | null;
}

/** The only code that reads or writes attachments. */
export const attachmentRepository = {
  byId(em: EntityManager, id: string, lock = false): Promise<AttachmentEntity | null> {
    return em
      .getRepository(AttachmentEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  },
  /** A live attachment of the case with the same content. */
  twin(em: EntityManager, caseId: string, sha256: string): Promise<AttachmentEntity | null> {
    return em.getRepository(AttachmentEntity).findOne({ where: { caseId, sha256, voidedAt: IsNull() } });
  },
  insert(em: EntityManager, row: AttachmentEntity) {
    return em.getRepository(AttachmentEntity).insert(row);
  },
  update(em: EntityManager, id: string, patch: Partial<AttachmentEntity>) {
    return em.getRepository(AttachmentEntity).update({ id }, patch);
  },
  /** One attachment (by id) or all of a case, in upload order. */
  views(em: EntityManager, where: { id?: string; caseId?: string }): Promise<AttachmentViewRow[]> {
    return em.query(
      `SELECT a.*, u.display_name AS uploader_name, v.display_name AS voider_name
       FROM attachment a
       JOIN app_user u ON u.id = a.uploaded_by
       LEFT JOIN app_user v ON v.id = a.voided_by
       WHERE ${where.id ? 'a.id = $1' : 'a.case_id = $1'}
       ORDER BY a.uploaded_at ASC, a.id ASC`,
      [where.id ?? where.caseId],
    );
  },
};
