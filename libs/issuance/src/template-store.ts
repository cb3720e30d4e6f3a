import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  DecisionTemplate,
  LoadedTemplate,
  TemplateRegistry,
  buildTemplate,
  loadTemplates,
} from '@app/documents';
import { AppError, shanghaiDate } from '@app/common';
import { TemplateReleaseEntity } from '@app/persistence';
import { templateRepository as store } from './template.repository';

export interface TemplateRelease {
  version: number;
  contentHash: string;
  effectiveFrom: string;
  publishedAt: Date;
  publishedBy: string | null;
}

/**
 * Templates come from `templates/` unless a legal officer published a newer release in the
 * studio: the newest release in effect today wins. Releases are read from the database on
 * every issue, so every API process sees a publish at once. Every version used to issue a
 * document is frozen, so a document is always rendered with exactly the template it was issued with.
 */
@Injectable()
export class TemplateStore {
  private readonly files: TemplateRegistry = loadTemplates(process.env.TEMPLATES_DIR || 'templates');
  private readonly frozen = new Map<string, LoadedTemplate>();
  /**
   * Content hashes a committed document was issued with: their frozen rows are there to stay (rows
   * are never deleted; a restore is offline), so freezing them again would only send the template.
   */
  private readonly committed = new Set<string>();

  /** The version a document issued now uses. */
  async get(em: EntityManager, id: string, now: Date): Promise<LoadedTemplate> {
    const file = this.file(id);
    const release = await store.releaseInEffect(em, id, shanghaiDate(now));
    if (!release || release.version < file.manifest.version) return file;
    return this.byHash(em, release.contentHash);
  }

  /** The version shipped in `templates/<id>/`. */
  file(id: string): LoadedTemplate {
    const template = this.files.get(id);
    if (!template)
      throw AppError.validation(`模板“${id}”不存在`, [{ field: 'template', message: `模板“${id}”不存在` }]);
    return template;
  }

  ids(): string[] {
    return [...this.files.keys()];
  }

  /**
   * The decision templates of a program, each as in force now: its `decisionBasis` (which answer
   * leads to it, which articles its basis must cite) and default basis are the released version's.
   * The shipped files say which templates are decisions; a release changes their rule.
   */
  async decisionTemplates(em: EntityManager, program: string, now: Date): Promise<DecisionTemplate[]> {
    const out: DecisionTemplate[] = [];
    for (const file of this.files.values()) {
      if (!file.manifest.decisionBasis) continue;
      const { manifest } = await this.get(em, file.manifest.id, now);
      if (manifest.decisionBasis?.program === program) out.push({ id: manifest.id, manifest });
    }
    return out;
  }

  /** Templates whose text tells the applicant about 行政复议 and 行政诉讼. */
  remedyIds(): string[] {
    return [...this.files.values()].filter((t) => t.manifest.remedy).map((t) => t.manifest.id);
  }

  releases(em: EntityManager, id: string): Promise<TemplateReleaseEntity[]> {
    return store.releases(em, id);
  }

  /** The next version number: above both the file and every release. */
  async nextVersion(em: EntityManager, id: string): Promise<number> {
    return Math.max(this.file(id).manifest.version, await store.maxReleasedVersion(em, id)) + 1;
  }

  /** Stores a release (inside the caller's transaction); the template must already carry its version. */
  async release(
    em: EntityManager,
    template: LoadedTemplate,
    input: { effectiveFrom: string; actorId: string | null; now: Date; scopeRegion?: string },
  ): Promise<TemplateReleaseEntity> {
    await this.freeze(em, template, input.now);
    const row: TemplateReleaseEntity = {
      id: randomUUID(),
      templateId: template.manifest.id,
      version: template.manifest.version,
      contentHash: template.contentHash,
      effectiveFrom: input.effectiveFrom,
      publishedBy: input.actorId,
      publishedAt: input.now,
      scopeRegion: input.scopeRegion ?? null,
    };
    await store.insertRelease(em, row);
    return row;
  }

  /** Records the template version in the step's transaction (once per content hash). */
  async freeze(em: EntityManager, template: LoadedTemplate, now: Date): Promise<void> {
    if (this.committed.has(template.contentHash)) return;
    await store.freeze(em, {
      contentHash: template.contentHash,
      templateId: template.manifest.id,
      version: template.manifest.version,
      manifest: template.manifestText,
      body: template.body,
      registeredAt: now,
    });
  }

  /** A document issued with this template version has been committed (and archived). */
  issuedCommitted(contentHash: string): void {
    this.committed.add(contentHash);
  }

  async byHash(em: EntityManager, contentHash: string): Promise<LoadedTemplate> {
    const cached = this.frozen.get(contentHash);
    if (cached) return cached;
    const row = await store.frozen(em, contentHash);
    const template = buildTemplate(row.templateId, row.manifest, row.body, { frozen: true });
    if (template.contentHash !== contentHash) throw new Error(`冻结的模板 ${row.templateId} 内容哈希不符`);
    this.frozen.set(contentHash, template);
    return template;
  }
}
