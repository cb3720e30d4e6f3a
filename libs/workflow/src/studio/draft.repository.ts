import { EntityManager, In } from 'typeorm';
import { ProcessDraftEntity, UserEntity } from '@app/persistence';

export type DraftSummary = Omit<ProcessDraftEntity, 'source'>;

/** The only code that reads or writes studio drafts. */
export const draftRepository = {
  list(em: EntityManager): Promise<DraftSummary[]> {
    return em.getRepository(ProcessDraftEntity).find({
      select: ['id', 'name', 'fileName', 'origin', 'createdBy', 'updatedAt'],
      order: { updatedAt: 'DESC' },
    });
  },

  byId(em: EntityManager, id: string): Promise<ProcessDraftEntity | null> {
    return em.getRepository(ProcessDraftEntity).findOne({ where: { id } });
  },

  async insert(em: EntityManager, row: ProcessDraftEntity): Promise<void> {
    await em.getRepository(ProcessDraftEntity).insert(row);
  },

  async update(
    em: EntityManager,
    id: string,
    patch: Pick<ProcessDraftEntity, 'source' | 'name' | 'updatedAt'>,
  ) {
    await em.getRepository(ProcessDraftEntity).update({ id }, patch);
  },

  async remove(em: EntityManager, id: string): Promise<void> {
    await em.getRepository(ProcessDraftEntity).delete({ id });
  },

  /** Display names of the given accounts (the authors the version list shows). */
  async userNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await em
      .getRepository(UserEntity)
      .find({ select: ['id', 'displayName'], where: { id: In(ids) } });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  },
};
