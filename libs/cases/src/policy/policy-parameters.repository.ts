import { EntityManager } from 'typeorm';
import { PolicyParametersEntity, entityRow } from '@app/persistence';

/** The only code that reads or writes policy parameter versions. */
export const policyParametersRepository = {
  /**
   * The version in force for a region on a date: the nearest enclosing region that has one, then
   * the latest effective date, then the latest version.
   */
  inForce(em: EntityManager, regionCode: string, date: string): Promise<PolicyParametersEntity | null> {
    // Plain SQL (`entityRow`): every step that checks the case's figures reads it.
    return entityRow(
      em,
      PolicyParametersEntity,
      'p',
      `WHERE $1::text LIKE p.region_code || '%' AND p.effective_from <= $2::date
       ORDER BY length(p.region_code) DESC, p.effective_from DESC, p.version DESC LIMIT 1`,
      [regionCode, date],
    );
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
