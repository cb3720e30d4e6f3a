import { EntityManager, IsNull } from 'typeorm';
import { AttachmentEntity, AuthorizationSignatureEntity } from '@app/persistence';

/** The only code that reads or writes the household members' signatures of the 核对授权书. */
export const authorizationSignatureRepository = {
  insert(em: EntityManager, row: AuthorizationSignatureEntity) {
    return em.getRepository(AuthorizationSignatureEntity).insert(row);
  },
  /** Every signature of a case, in the order they were given. */
  ofCase(em: EntityManager, caseId: string): Promise<AuthorizationSignatureEntity[]> {
    return em
      .getRepository(AuthorizationSignatureEntity)
      .find({ where: { caseId }, order: { signedAt: 'ASC', id: 'ASC' } });
  },
  /** A material of the case that is in force (not voided): the scan of a paper signature. */
  liveAttachment(em: EntityManager, caseId: string, id: string): Promise<AttachmentEntity | null> {
    return em.getRepository(AttachmentEntity).findOne({ where: { id, caseId, voidedAt: IsNull() } });
  },
};
