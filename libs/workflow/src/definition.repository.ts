import { EntityManager } from 'typeorm';
import { ProcessDefinitionEntity, ProcessRetirementEntity } from '@app/persistence';

/** The listing columns: everything but the model source (tens of KB each). */
const SUMMARY_COLUMNS: (keyof ProcessDefinitionEntity)[] = [
  'id',
  'key',
  'version',
  'name',
  'contentHash',
  'deployedAt',
  'effectiveFrom',
  'deployedBy',
  'changeNote',
];

export type DefinitionVersion = Pick<
  ProcessDefinitionEntity,
  'id' | 'version' | 'effectiveFrom' | 'deployedAt'
>;

/** Keys the legal officer retired on or before `:today` take no new cases. */
const NOT_RETIRED = `NOT EXISTS (SELECT 1 FROM process_retirement r WHERE r.process_key = d.key AND r.effective_from <= :today)`;

/** The only code that reads or writes deployed process definitions. */
export const definitionRepository = {
  /** Serializes concurrent deploys of one key (until commit) so two never take the same version. */
  async lockKey(em: EntityManager, key: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
  },

  byContent(em: EntityManager, key: string, contentHash: string): Promise<ProcessDefinitionEntity | null> {
    return em.getRepository(ProcessDefinitionEntity).findOne({ where: { key, contentHash } });
  },

  /** The highest version of a key, in effect or not. */
  newest(em: EntityManager, key: string): Promise<ProcessDefinitionEntity | null> {
    return em.getRepository(ProcessDefinitionEntity).findOne({ where: { key }, order: { version: 'DESC' } });
  },

  async insert(em: EntityManager, row: ProcessDefinitionEntity): Promise<void> {
    await em.getRepository(ProcessDefinitionEntity).insert(row);
  },

  /** The highest version of a key in effect on `today` (YYYY-MM-DD), unless the key is retired by then. */
  inEffectOn(em: EntityManager, key: string, today: string): Promise<ProcessDefinitionEntity | null> {
    return em
      .getRepository(ProcessDefinitionEntity)
      .createQueryBuilder('d')
      .where(`d.key = :key AND d.effective_from <= :today AND ${NOT_RETIRED}`, { key, today })
      .orderBy('d.version', 'DESC')
      .getOne();
  },

  /** Of every key not retired by `today`, the version in effect on `today`, without its source. */
  allInEffectOn(em: EntityManager, today: string): Promise<ProcessDefinitionEntity[]> {
    return em
      .getRepository(ProcessDefinitionEntity)
      .createQueryBuilder('d')
      .select(['d.id', 'd.key', 'd.version', 'd.name', 'd.effectiveFrom'])
      .distinctOn(['d.key'])
      .where(`d.effective_from <= :today AND ${NOT_RETIRED}`, { today })
      .orderBy('d.key')
      .addOrderBy('d.version', 'DESC')
      .getMany();
  },

  /** Key and model source only; throws when the definition does not exist. */
  source(em: EntityManager, id: string): Promise<Pick<ProcessDefinitionEntity, 'key' | 'source'>> {
    return em
      .getRepository(ProcessDefinitionEntity)
      .findOneOrFail({ select: ['key', 'source'], where: { id } });
  },

  /** Every version of every key, without sources: by key, newest first. */
  list(em: EntityManager): Promise<ProcessDefinitionEntity[]> {
    return em.getRepository(ProcessDefinitionEntity).find({
      select: SUMMARY_COLUMNS,
      order: { key: 'ASC', version: 'DESC' },
    });
  },

  byId(em: EntityManager, id: string): Promise<ProcessDefinitionEntity | null> {
    return em.getRepository(ProcessDefinitionEntity).findOne({ where: { id } });
  },

  byIdOrFail(em: EntityManager, id: string): Promise<ProcessDefinitionEntity> {
    return em.getRepository(ProcessDefinitionEntity).findOneOrFail({ where: { id } });
  },

  byVersion(em: EntityManager, key: string, version: number): Promise<ProcessDefinitionEntity | null> {
    return em.getRepository(ProcessDefinitionEntity).findOne({ where: { key, version } });
  },

  /** The versions of a key, newest first. */
  versions(em: EntityManager, key: string): Promise<DefinitionVersion[]> {
    return em.getRepository(ProcessDefinitionEntity).find({
      select: ['id', 'version', 'effectiveFrom', 'deployedAt'],
      where: { key },
      order: { version: 'DESC' },
    });
  },

  retirement(em: EntityManager, key: string): Promise<ProcessRetirementEntity | null> {
    return em.getRepository(ProcessRetirementEntity).findOne({ where: { processKey: key } });
  },

  retirements(em: EntityManager): Promise<ProcessRetirementEntity[]> {
    return em.getRepository(ProcessRetirementEntity).find({ order: { processKey: 'ASC' } });
  },

  async insertRetirement(em: EntityManager, row: ProcessRetirementEntity): Promise<void> {
    await em.getRepository(ProcessRetirementEntity).insert(row);
  },
};
