import { EntityManager } from 'typeorm';
import { AgencyEntity, RegionEntity } from '@app/persistence';

/** The reference data a 案卷 export names its agencies and regions from. */
export const caseFileRepository = {
  agencies(em: EntityManager): Promise<AgencyEntity[]> {
    return em.getRepository(AgencyEntity).find();
  },
  regions(em: EntityManager): Promise<RegionEntity[]> {
    return em.getRepository(RegionEntity).find();
  },
};
