import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { AuthUser, requireInstallationScope } from '@app/auth';
import { TemplateStore } from '@app/issuance';
import { lintDraft } from '@app/documents';
import { Database } from '@app/persistence';
import { checkEffectiveFrom } from '../http/effective-date';
import { draft } from './template-draft';
import { templatePublishRepository } from './template-publish.repository';

export interface PublishInput {
  manifest: Record<string, unknown>;
  body: string;
  /** YYYY-MM-DD, today or later; default today. */
  effectiveFrom?: string;
}

export interface Published {
  id: string;
  version: number;
  effectiveFrom: string;
  contentHash: string;
}

/**
 * Publishes a new version of a document template: checked complete first, numbered by the server,
 * effective from a date not in the past, and on the audit record in the same transaction.
 */
@Injectable()
export class TemplatePublisher {
  constructor(
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(Database) private readonly db: Database,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async publish(user: AuthUser, id: string, input: PublishInput): Promise<Published> {
    if (input.manifest.id !== id)
      throw AppError.validation('模板说明中的 id 与模板不一致', [
        { field: 'manifest', message: `id 应为“${id}”` },
      ]);
    const effectiveFrom = checkEffectiveFrom(input.effectiveFrom, this.clock.today());
    const issues = lintDraft(draft(input.manifest, input.body));
    if (issues.length) throw AppError.validation(`模板不完整：${issues[0].message}`, issues);
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const scopeRegion = await requireInstallationScope(em, user, 'template.publish');
      await templatePublishRepository.lock(em, id);
      const version = await this.templates.nextVersion(em, id);
      const template = draft({ ...input.manifest, version }, input.body);
      const release = await this.templates.release(em, template, {
        effectiveFrom,
        actorId: user.id,
        now,
        scopeRegion,
      });
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'template.publish',
        detail: { templateId: id, version, effectiveFrom, scopeRegion, contentHash: template.contentHash },
      });
      return { id, version, effectiveFrom, contentHash: release.contentHash };
    });
  }
}
