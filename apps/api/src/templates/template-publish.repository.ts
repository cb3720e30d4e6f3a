import { EntityManager } from 'typeorm';

/**
 * The publish lock of a template. (Its releases are read and written by TemplateStore in
 * libs/cases; this belongs with them once that library has its own repository.)
 */
export const templatePublishRepository = {
  /** Held until commit: one publish of a template at a time, so two never take the same version. */
  async lock(em: EntityManager, templateId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`template:${templateId}`]);
  },
};
