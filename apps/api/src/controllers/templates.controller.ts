import { Body, Controller, Get, HttpCode, Inject, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppError, Clock } from '@app/common';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { TemplateStore } from '@app/issuance';
import { lintDraft, LoadedTemplate, renderPreview, TemplateDraftError } from '@app/documents';
import { Database } from '@app/persistence';
import { PolicyParametersService } from '@app/cases';
import { PublishTemplateDto, TemplateDraftDto, TemplatePreviewDto } from '../dto/template.dto';
import { draft } from '../templates/template-draft';
import { TemplatePublisher } from '../templates/template-publisher.service';
import {
  TemplateDetailDto,
  TemplateLintDto,
  TemplatePublishedDto,
  TemplateSummaryDto,
} from '../dto/responses/templates.response';
import { ApiFileResponse } from '../http/api-responses';

const TEMPLATE_ID = /^[a-z][a-z0-9-]{0,63}$/;

function summary(template: LoadedTemplate) {
  const m = template.manifest as LoadedTemplate['manifest'] & { requiredElements?: unknown };
  return {
    id: m.id,
    title: m.title,
    version: m.version,
    documentType: m.documentType,
    issuer: m.issuer,
    remedy: m.remedy,
    ...(Array.isArray(m.requiredElements) && { requiredElements: m.requiredElements }),
  };
}

@ApiTags('文书模板')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(Database) private readonly db: Database,
    @Inject(TemplatePublisher) private readonly publisher: TemplatePublisher,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PolicyParametersService) private readonly policy: PolicyParametersService,
  ) {}

  /** The region's instruments unset somewhere in the installation today: a template citing one is flagged. */
  private unsetInstruments() {
    return this.policy.unsetInstruments('', this.clock.today());
  }

  @ApiOkResponse({ type: TemplateSummaryDto, isArray: true })
  @Get()
  @Requires('template.read')
  list() {
    const now = this.clock.now();
    return this.db.read(async (em) => {
      const out = [];
      for (const id of this.templates.ids().sort()) {
        out.push(summary(await this.templates.get(em, id, now)));
      }
      return out;
    });
  }

  /** Renders a draft with a “预览” watermark and no 文号; the draft is not stored. */
  @ApiFileResponse('application/pdf')
  @Post('preview')
  @Requires('template.edit')
  @HttpCode(200)
  async preview(@Body() body: TemplatePreviewDto): Promise<StreamableFile> {
    const template = draft(body.manifest, body.body);
    try {
      const pdf = await renderPreview(template, body.data ?? template.manifest.sample, this.clock.now());
      return new StreamableFile(pdf, {
        type: 'application/pdf',
        disposition: 'inline; filename="preview.pdf"',
      });
    } catch (err) {
      if (err instanceof TemplateDraftError) throw AppError.validation(err.message, err.details);
      throw err;
    }
  }

  @ApiOkResponse({ type: TemplateLintDto })
  @Post('lint')
  @Requires('template.edit')
  @HttpCode(200)
  async lint(@Body() body: TemplateDraftDto) {
    const issues = lintDraft(draft(body.manifest, body.body), {
      unsetInstruments: await this.unsetInstruments(),
    });
    return { ok: issues.length === 0, issues };
  }

  @ApiOkResponse({ type: TemplateDetailDto })
  @Get(':id')
  @Requires('template.read')
  async get(@Param('id') id: string) {
    this.checkId(id);
    const now = this.clock.now();
    const unsetInstruments = await this.unsetInstruments();
    return this.db.read(async (em) => {
      const template = await this.templates.get(em, id, now);
      const releases = await this.templates.releases(em, id);
      return {
        ...summary(template),
        manifest: template.manifest,
        body: template.body,
        sample: template.manifest.sample,
        fileVersion: this.templates.file(id).manifest.version,
        releases: releases.map((r) => ({
          version: r.version,
          effectiveFrom: r.effectiveFrom,
          publishedAt: r.publishedAt,
          contentHash: r.contentHash,
        })),
        issues: lintDraft(template, { unsetInstruments }),
      };
    });
  }

  /** Publishes a new version (numbered by the server) effective from the given date. */
  @ApiCreatedResponse({ type: TemplatePublishedDto })
  @Post(':id')
  @Requires('template.publish')
  async publish(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: PublishTemplateDto) {
    this.checkId(id);
    return this.publisher.publish(user, id, body);
  }

  private checkId(id: string): void {
    // An id is a directory name under templates/: anything else (../, /, NUL, %2F) is refused as such.
    if (!TEMPLATE_ID.test(id))
      throw AppError.validation('模板标识格式不正确', [
        { field: 'id', message: '模板标识只能包含小写字母、数字和横线，并以字母开头' },
      ]);
    if (!this.templates.ids().includes(id)) throw AppError.notFound(`模板“${id}”不存在`);
  }
}
