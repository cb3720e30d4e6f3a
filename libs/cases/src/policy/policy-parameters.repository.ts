import { EntityManager } from 'typeorm';
import { PolicyParametersEntity } from '@app/persistence';

/** The only code that reads or writes policy parameter versions. */
export const policyParametersRepository = {
  /**
   * The version in force for a region on a date: the nearest enclosing region that has one, then
   * the latest effective date, then the latest version.
   */
  inForce(em: EntityManager, regionCode: string, date: string): Promise<PolicyParametersEntity | null> {
    return em
      .getRepository(PolicyParametersEntity)
      .createQueryBuilder('p')
      .where(`:code LIKE p.region_code || '%'`, { code: regionCode })
      .andWhere('p.effective_from <= :date', { date })
      .orderBy('length(p.region_code)', 'DESC')
      .addOrderBy('p.effective_from', 'DESC')
      .addOrderBy('p.version', 'DESC')
      .limit(1)
      .getOne();
  },
  /** Every version in force on a date of the regions at or under a prefix: the newest per region. */
  async inForceUnder(em: EntityManager, prefix: string, date: string): Promise<PolicyParametersEntity[]> {
    const rows = await em
      .getRepository(PolicyParametersEntity)
      .createQueryBuilder('p')
      .where(`p.region_code LIKE :prefix || '%'`, { prefix })
      .andWhere('p.effective_from <= :date', { date })
      .orderBy('p.effective_from', 'DESC')
      .addOrderBy('p.version', 'DESC')
      .getMany();
    const newest = new Map<string, PolicyParametersEntity>();
    for (const row of rows) if (!newest.has(row.regionCode)) newest.set(row.regionCode, row);
    return [...newest.values()];
  },
  byIdOrFail(em: EntityManager, id: string): Promise<PolicyParametersEntity> {
    return em.getRepository(PolicyParametersEntity).findOneOrFail({ where: { id } });
  },
  /** A region's own versions, newest first. */
  history(em: EntityManager, regionCode: string): Promise<PolicyParametersEntity[]> {
    return em
      .getRepository(PolicyParametersEntity)
      .find({ where: { regionCode }, order: { version: 'DESC' } });
  },
  insert(em: EntityManager, row: PolicyParametersEntity) {
    return em.getRepository(PolicyParametersEntity).insert(row);
  },
};
