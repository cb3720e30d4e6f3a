import { EntityManager } from 'typeorm';
import { AssessmentEntity } from '@app/persistence';

/** The only code that reads or writes recorded assessments. */
export const assessmentRepository = {
  insert(em: EntityManager, row: AssessmentEntity) {
    return em.getRepository(AssessmentEntity).insert(row);
  },
  byId(em: EntityManager, id: string): Promise<AssessmentEntity | null> {
    return em.getRepository(AssessmentEntity).findOne({ where: { id } });
  },
};
