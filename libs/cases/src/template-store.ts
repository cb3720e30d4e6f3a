import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LoadedTemplate, TemplateRegistry, buildTemplate, loadTemplates } from '@app/documents';
import { AppError } from '@app/common';
import { DocumentTemplateEntity } from '@app/persistence';

/**
 * Current templates come from `templates/`; every version used to issue a document is frozen in
 * the database, so a document is always rendered with exactly the template it was issued with.
 */
@Injectable()
export class TemplateStore {
  private current: TemplateRegistry = loadTemplates(process.env.TEMPLATES_DIR || 'templates');
  private readonly frozen = new Map<string, LoadedTemplate>();

  get(id: string): LoadedTemplate {
    const template = this.current.get(id);
    if (!template)
      throw AppError.validation(`模板“${id}”不存在`, [{ field: 'template', message: `模板“${id}”不存在` }]);
    return template;
  }

  ids(): string[] {
    return [...this.current.keys()];
  }

  /** Records the template version in the step's transaction (once per content hash). */
  async freeze(em: EntityManager, template: LoadedTemplate, now: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(DocumentTemplateEntity)
      .values({
        contentHash: template.contentHash,
        templateId: template.manifest.id,
        version: template.manifest.version,
        manifest: template.manifestText,
        body: template.body,
        registeredAt: now,
      })
      .orIgnore()
      .execute();
  }

  async byHash(em: EntityManager, contentHash: string): Promise<LoadedTemplate> {
    const cached = this.frozen.get(contentHash);
    if (cached) return cached;
    const row = await em.getRepository(DocumentTemplateEntity).findOneOrFail({ where: { contentHash } });
    const template = buildTemplate(row.templateId, row.manifest, row.body);
    if (template.contentHash !== contentHash) throw new Error(`冻结的模板 ${row.templateId} 内容哈希不符`);
    this.frozen.set(contentHash, template);
    return template;
  }
}
