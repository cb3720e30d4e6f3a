import { EntityManager } from 'typeorm';
import { AuthorizationSignatureEntity } from '@app/persistence';

/** The only code that writes the applicants' signatures of the 核对授权书. */
export const authorizationSignatureRepository = {
  insert(em: EntityManager, row: AuthorizationSignatureEntity) {
    return em.getRepository(AuthorizationSignatureEntity).insert(row);
  },
};
