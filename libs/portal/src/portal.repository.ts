import { EntityManager, In } from 'typeorm';
import {
  AuthorizationSignatureEntity,
  CaseEntity,
  RegionEntity,
  TaskEntity,
  TimerEntity,
} from '@app/persistence';

/** What the applicant portal reads: the applicant's own cases and the progress of their processes. */
export const portalRepository = {
  /** Cases the user filed, newest first. */
  casesFiledBy(em: EntityManager, userId: string): Promise<CaseEntity[]> {
    return em.getRepository(CaseEntity).find({ where: { createdBy: userId }, order: { createdAt: 'DESC' } });
  },
  signature(em: EntityManager, caseId: string): Promise<AuthorizationSignatureEntity | null> {
    return em.getRepository(AuthorizationSignatureEntity).findOne({ where: { caseId } });
  },
  /** Children of a region, or the top-level regions without a parent, by code. */
  regionChildren(em: EntityManager, parent?: string): Promise<RegionEntity[]> {
    const qb = em.getRepository(RegionEntity).createQueryBuilder('r').orderBy('r.code', 'ASC');
    if (parent) qb.where('r.parent_code = :parent', { parent });
    else qb.where('r.parent_code IS NULL');
    return qb.getMany();
  },
  /** Tasks of the instances, oldest first. */
  tasks(em: EntityManager, instanceIds: string[]): Promise<TaskEntity[]> {
    return em
      .getRepository(TaskEntity)
      .find({ where: { instanceId: In(instanceIds) }, order: { createdAt: 'ASC' } });
  },
  /** Pending timers of the instances, soonest first. */
  pendingTimers(em: EntityManager, instanceIds: string[]): Promise<TimerEntity[]> {
    return em
      .getRepository(TimerEntity)
      .find({ where: { instanceId: In(instanceIds), status: 'pending' }, order: { dueAt: 'ASC' } });
  },
  /** The BPMN source each instance runs, by instance id. */
  async processSources(em: EntityManager, instanceIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; source: string }[] = await em.query(
      `SELECT i.id, d.source FROM process_instance i JOIN process_definition d ON d.id = i.definition_id
       WHERE i.id = ANY($1)`,
      [instanceIds],
    );
    return new Map(rows.map((r) => [r.id, r.source] as const));
  },
};
