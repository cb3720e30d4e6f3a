import { EntityManager } from 'typeorm';
import { DocumentTemplateEntity, TemplateReleaseEntity } from '@app/persistence';

/** Template releases published in the studio and the frozen template versions documents were issued with. */
export const templateRepository = {
  /** The newest release of a template in effect on `today` (YYYY-MM-DD). */
  releaseInEffect(
    em: EntityManager,
    templateId: string,
    today: string,
  ): Promise<TemplateReleaseEntity | null> {
    return em
      .getRepository(TemplateReleaseEntity)
      .createQueryBuilder('r')
      .where('r.template_id = :id AND r.effective_from <= :today', { id: templateId, today })
      .orderBy('r.version', 'DESC')
      .getOne();
  },
  releases(em: EntityManager, templateId: string): Promise<TemplateReleaseEntity[]> {
    return em
      .getRepository(TemplateReleaseEntity)
      .find({ where: { templateId }, order: { version: 'DESC' } });
  },
  /** The highest released version, 0 when there is none. */
  async maxReleasedVersion(em: EntityManager, templateId: string): Promise<number> {
    const [row] = (await em.query(`SELECT max(version) AS v FROM template_release WHERE template_id = $1`, [
      templateId,
    ])) as { v: number | string | null }[];
    return Number(row?.v ?? 0);
  },
  insertRelease(em: EntityManager, row: TemplateReleaseEntity) {
    return em.getRepository(TemplateReleaseEntity).insert(row);
  },
  /** Stores a template version unless one with its content hash is already there. */
  async freeze(em: EntityManager, row: DocumentTemplateEntity): Promise<void> {
    await em.createQueryBuilder().insert().into(DocumentTemplateEntity).values(row).orIgnore().execute();
  },
  frozen(em: EntityManager, contentHash: string): Promise<DocumentTemplateEntity> {
    return em.getRepository(DocumentTemplateEntity).findOneOrFail({ where: { contentHash } });
  },
};
