import { EntityManager } from 'typeorm';
import { DocumentEntity, DocumentRenderFailureEntity, LedgerEntity } from '@app/persistence';

/** What issuance reads and writes of issued documents: their archiving and their verification. */
export const documentRepository = {
  /** Pending documents (of one case, or one document, or all), in issue order. */
  pending(em: EntityManager, scope: { caseId?: string; documentId?: string }): Promise<DocumentEntity[]> {
    const q = em.getRepository(DocumentEntity).createQueryBuilder('d').where(`d.status = 'pending'`);
    if (scope.caseId) q.andWhere('d.case_id = :caseId', { caseId: scope.caseId });
    if (scope.documentId) q.andWhere('d.id = :documentId', { documentId: scope.documentId });
    return q.orderBy('d.issued_at', 'ASC').getMany();
  },
  /** Flips a pending document to archived; false when another run got there first. */
  async markArchived(em: EntityManager, id: string, pdfSha256: string): Promise<boolean> {
    const flipped = await em
      .createQueryBuilder()
      .update(DocumentEntity)
      .set({ status: 'archived', pdfSha256 })
      .where(`id = :id AND status = 'pending'`, { id })
      .execute();
    if (flipped.affected !== 1) return false;
    await em.getRepository(DocumentRenderFailureEntity).delete({ documentId: id });
    return true;
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
