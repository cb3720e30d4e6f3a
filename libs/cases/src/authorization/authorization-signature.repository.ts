import { EntityManager, IsNull } from 'typeorm';
import { AttachmentEntity, AuthorizationSignatureEntity, entityRows } from '@app/persistence';

/** The only code that reads or writes the household members' signatures of the 核对授权书. */
export const authorizationSignatureRepository = {
  insert(em: EntityManager, row: AuthorizationSignatureEntity) {
    return em.getRepository(AuthorizationSignatureEntity).insert(row);
  },
  /** Every signature of a case, in the order they were given. */
  /** Plain SQL (`entityRows`): a step checks them, and query building cost more than the read. */
  ofCase(em: EntityManager, caseId: string): Promise<AuthorizationSignatureEntity[]> {
    return entityRows(
      em,
      AuthorizationSignatureEntity,
      's',
      'WHERE s.case_id = $1 ORDER BY s.signed_at, s.id',
      [caseId],
    );
  },
  /** A material of the case that is in force (not voided): the scan of a paper signature. */
  liveAttachment(em: EntityManager, caseId: string, id: string): Promise<AttachmentEntity | null> {
    return em.getRepository(AttachmentEntity).findOne({ where: { id, caseId, voidedAt: IsNull() } });
  },
};
