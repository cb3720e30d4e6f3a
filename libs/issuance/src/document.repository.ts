import { EntityManager } from 'typeorm';
import { DocumentEntity, LedgerEntity, entityRows } from '@app/persistence';

/** What issuance reads and writes of issued documents: their archiving and their verification. */
export const documentRepository = {
  /** Pending documents (of one case, or one document, or all), in issue order. */
  /** Plain SQL (`entityRows`): run after every step that issues, where query building cost more than the read. */
  pending(em: EntityManager, scope: { caseId?: string; documentId?: string }): Promise<DocumentEntity[]> {
    // One text per scope, not `$1 IS NULL OR …`: a prepared statement's generic plan keeps its index.
    const params: string[] = [];
    let where = `WHERE d.status = 'pending'`;
    if (scope.caseId) where += ` AND d.case_id = $${params.push(scope.caseId)}`;
    if (scope.documentId) where += ` AND d.id = $${params.push(scope.documentId)}`;
    return entityRows(em, DocumentEntity, 'd', `${where} ORDER BY d.issued_at`, params);
  },
  /**
   * Flips a pending document to archived and drops its render failure, in one statement; false
   * when another run got there first.
   */
  async markArchived(em: EntityManager, id: string, pdfSha256: string): Promise<boolean> {
    const [{ flipped }]: { flipped: number }[] = await em.query(
      `WITH flipped AS (
         UPDATE document SET status = 'archived', pdf_sha256 = $2 WHERE id = $1 AND status = 'pending' RETURNING id
       ), cleared AS (
         DELETE FROM document_render_failure f USING flipped WHERE f.document_id = flipped.id
       )
       SELECT count(*)::int AS flipped FROM flipped`,
      [id, pdfSha256],
    );
    return flipped === 1;
  },
  /** Records a failed render; the row stays pending, so the sweep renders it again. */
  async markFailed(em: EntityManager, id: string, error: string, at: Date): Promise<void> {
    await em.query(
      `INSERT INTO document_render_failure (document_id, attempts, error, failed_at)
       SELECT id, 1, $2, $3 FROM document WHERE id = $1 AND status = 'pending'
       ON CONFLICT (document_id) DO UPDATE
         SET attempts = document_render_failure.attempts + 1, error = EXCLUDED.error, failed_at = EXCLUDED.failed_at`,
      [id, error.slice(0, 2000), at],
    );
  },
  byIdOrFail(em: EntityManager, id: string): Promise<DocumentEntity> {
    return em.getRepository(DocumentEntity).findOneOrFail({ where: { id } });
  },
  byVerifyCode(em: EntityManager, verifyCode: string): Promise<DocumentEntity | null> {
    return em.getRepository(DocumentEntity).findOne({ where: { verifyCode } });
  },
  /** The archive ledger entry that vouches for a document. */
  ledgerEntry(em: EntityManager, documentId: string): Promise<LedgerEntity | null> {
    return em.getRepository(LedgerEntity).findOne({ where: { documentId } });
  },
};
