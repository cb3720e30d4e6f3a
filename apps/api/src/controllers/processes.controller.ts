import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { AuthUser, CurrentUser, ROLES, Requires, requireInstallationScope } from '@app/auth';
import { PolicyParametersService } from '@app/cases';
import { Database } from '@app/persistence';
import { TemplateStore } from '@app/issuance';
import { instrumentWarnings } from '../templates/instrument-warnings';
import { DefinitionService, MigrationService, StudioService } from '@app/workflow';
import {
  CreateDraftDto,
  DeployVersionDto,
  LintProcessDto,
  MigrateProcessDto,
  RetireProcessDto,
} from '../dto/process.dto';
import { checkEffectiveFrom } from '../http/effective-date';
import { uuidPipe } from '../http/uuid.pipe';
import {
  ChangeSummaryDto,
  DeployedProcessDto,
  LintReportDto,
  MigrationCandidatesDto,
  MigrationReportDto,
  ProcessDefinitionDto,
  ProcessDraftDto,
  ProcessDraftSummaryDto,
  ProcessRetirementDto,
  ProcessVersionRowDto,
} from '../dto/responses/processes.response';

/** A BPMN process id (the key shared by all versions of a model). */
const processKeyPipe = {
  transform(value: string): string {
    if (!/^[A-Za-z_][\w.-]{0,199}$/.test(value))
      throw AppError.validation('流程标识格式不正确', [{ field: 'key', message: '流程标识格式不正确' }]);
    return value;
  },
};

@ApiTags('流程模型')
@ApiBearerAuth()
@Controller('processes')
export class ProcessesController {
  constructor(
    private readonly definitions: DefinitionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly migrations: MigrationService,
    private readonly db: Database,
    private readonly policy: PolicyParametersService,
    private readonly studio: StudioService,
    private readonly templates: TemplateStore,
  ) {}

  /** Drafts of the studio: stored as they are, even when they fail the deploy checks. */
  @ApiOkResponse({ type: ProcessDraftSummaryDto, isArray: true })
  @Get('drafts')
  @Requires('model.edit')
  drafts() {
    return this.studio.listDrafts();
  }

  /** 新建模型 (blank, or a copy of a deployed version) or 导入文件 (a .bpmn upload). */
  @ApiCreatedResponse({ type: ProcessDraftDto })
  @Post('drafts')
  @Requires('model.edit')
  createDraft(@CurrentUser() user: AuthUser, @Body() body: CreateDraftDto) {
    return this.studio.createDraft(body, user.id);
  }

  @ApiOkResponse({ type: ProcessDraftDto })
  @Get('drafts/:id')
  @Requires('model.edit')
  draft(@Param('id', uuidPipe('id')) id: string) {
    return this.studio.draft(id);
  }

  @ApiOkResponse({ type: ProcessDraftDto })
  @Put('drafts/:id')
  @Requires('model.edit')
  saveDraft(@Param('id', uuidPipe('id')) id: string, @Body() body: LintProcessDto) {
    return this.studio.saveDraft(id, body.xml);
  }

  @ApiNoContentResponse()
  @Delete('drafts/:id')
  @Requires('model.edit')
  @HttpCode(204)
  async deleteDraft(@Param('id', uuidPipe('id')) id: string): Promise<void> {
    await this.studio.deleteDraft(id);
  }

  /** What deploying the model changes against the version of its key in effect today. */
  @ApiOkResponse({ type: ChangeSummaryDto })
  @Post('changes')
  @Requires('model.edit')
  @HttpCode(200)
  changes(@Body() body: LintProcessDto) {
    return this.studio.changes(body.xml, { roles: ROLES });
  }

  /** Versions of a process and the running cases on older ones, with the step each waits at. */
  @ApiOkResponse({ type: MigrationCandidatesDto })
  @Get(':key/migrations')
  @Requires('model.migrate')
  migrationCandidates(@Param('key', processKeyPipe) key: string) {
    return this.migrations.candidates(key);
  }

  /**
   * Moves the named running cases to another version: everything is checked first and all problems
   * are reported at once (400); `dryRun` only checks. Each case moves in its own transaction.
   */
  @ApiOkResponse({ type: MigrationReportDto })
  @Post(':key/migrations')
  @Requires('model.migrate')
  @HttpCode(200)
  async migrate(
    @CurrentUser() user: AuthUser,
    @Param('key', processKeyPipe) key: string,
    @Body() body: MigrateProcessDto,
  ) {
    await this.db.read((em) => requireInstallationScope(em, user, 'model.migrate'));
    return this.migrations.migrate(key, body, {
      actorId: user.id,
      onMigrated: (em, detail) =>
        this.audit.record(em, {
          at: this.clock.now(),
          actorId: user.id,
          action: 'process.migrate',
          caseId: detail.caseId,
          detail,
        }),
    });
  }

  /** The retired process keys, each with its date, reason and who decided it. */
  @ApiOkResponse({ type: ProcessRetirementDto, isArray: true })
  @Get('retirements')
  @Requires('model.list')
  retirements() {
    return this.definitions.retirements();
  }

  /**
   * Retires a process key from a date (not in the past): from then it takes no new cases and
   * another process may take its program and kind; running cases finish on their versions.
   * Publishing a model's end is publishing: the same permission and installation scope as a deploy.
   */
  @ApiCreatedResponse({ type: ProcessRetirementDto })
  @Post(':key/retirement')
  @Requires('model.deploy')
  async retire(
    @CurrentUser() user: AuthUser,
    @Param('key', processKeyPipe) key: string,
    @Body() body: RetireProcessDto,
  ) {
    const effectiveFrom = checkEffectiveFrom(body.effectiveFrom, this.clock.today(), '停用日期');
    await this.db.read((em) => requireInstallationScope(em, user, 'model.deploy'));
    return this.definitions.retire(
      key,
      { effectiveFrom, reason: body.reason.trim(), actorId: user.id },
      (em, r) =>
        this.audit.record(em, {
          at: r.retiredAt,
          actorId: user.id,
          action: 'process.retire',
          detail: { key, effectiveFrom: r.effectiveFrom, reason: r.reason },
        }),
    );
  }

  @ApiOkResponse({ type: ProcessVersionRowDto, isArray: true })
  @Get()
  @Requires('model.list')
  list() {
    return this.studio.versions();
  }

  @ApiOkResponse({ type: ProcessDefinitionDto })
  @Get(':id')
  @Requires('model.read')
  get(@Param('id', uuidPipe('id')) id: string) {
    return this.definitions.get(id);
  }

  /** The deploy checks plus the legal-completeness lint, without deploying. */
  @ApiOkResponse({ type: LintReportDto })
  @Post('lint')
  @Requires('model.edit')
  @HttpCode(200)
  async lint(@Body() body: LintProcessDto) {
    // The longest 公示 period in force anywhere in the installation: the model may run in any region.
    const today = this.clock.today();
    const report = await this.definitions.lint(body.xml, {
      publicNoticeDays: await this.policy.publicNoticeDays('', today),
    });
    const unset = await this.policy.unsetInstruments('', today);
    const now = this.clock.now();
    const instruments = await this.db.read((em) =>
      instrumentWarnings(em, body.xml, unset, (e, id) => this.templates.get(e, id, now)),
    );
    return { ...report, warnings: [...report.warnings, ...instruments] };
  }

  @ApiCreatedResponse({ type: DeployedProcessDto })
  @Post()
  @Requires('model.deploy')
  async deploy(@CurrentUser() user: AuthUser, @Body() body: DeployVersionDto) {
    const effectiveFrom = checkEffectiveFrom(body.effectiveFrom, this.clock.today());
    const scopeRegion = await this.db.read((em) => requireInstallationScope(em, user, 'model.deploy'));
    const { definition, created } = await this.definitions.deploy(body.xml, body.fileName, {
      // Only a date the officer asked for: unchanged bytes redeployed without one keep their version.
      ...(body.effectiveFrom ? { effectiveFrom } : {}),
      scopeRegion,
      // The 公示 period in force from the date the model takes effect, wherever it will run.
      publicNoticeDays: await this.policy.publicNoticeDays(scopeRegion, effectiveFrom),
      deployedBy: user.id,
      ...(body.changeNote?.trim() && { changeNote: body.changeNote.trim() }),
      onCreated: (em, d) =>
        this.audit.record(em, {
          at: d.deployedAt,
          actorId: user.id,
          action: 'process.deploy',
          detail: {
            definitionId: d.id,
            key: d.key,
            version: d.version,
            effectiveFrom,
            scopeRegion,
            contentHash: d.contentHash,
            changeNote: d.changeNote ?? null,
          },
        }),
    });
    const { source: _source, ...summary } = definition;
    return { ...summary, created };
  }
}
