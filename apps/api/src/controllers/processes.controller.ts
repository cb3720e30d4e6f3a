import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { DefinitionService, MigrationService } from '@app/workflow';
import { DeployVersionDto, LintProcessDto, MigrateProcessDto } from '../dto/process.dto';
import { checkEffectiveFrom } from '../http/effective-date';
import { uuidPipe } from '../http/uuid.pipe';
import {
  DeployedProcessDto,
  LintReportDto,
  MigrationCandidatesDto,
  MigrationReportDto,
  ProcessDefinitionDto,
  ProcessVersionDto,
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
  ) {}

  /** Versions of a process and the running cases on older ones, with the step each waits at. */
  @ApiOkResponse({ type: MigrationCandidatesDto })
  @Get(':key/migrations')
  @Roles('legal_officer', 'admin')
  migrationCandidates(@Param('key', processKeyPipe) key: string) {
    return this.migrations.candidates(key);
  }

  /**
   * Moves the named running cases to another version: everything is checked first and all problems
   * are reported at once (400); `dryRun` only checks. Each case moves in its own transaction.
   */
  @ApiOkResponse({ type: MigrationReportDto })
  @Post(':key/migrations')
  @HttpCode(200)
  @Roles('legal_officer', 'admin')
  migrate(
    @CurrentUser() user: AuthUser,
    @Param('key', processKeyPipe) key: string,
    @Body() body: MigrateProcessDto,
  ) {
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

  @ApiOkResponse({ type: ProcessVersionDto, isArray: true })
  @Get()
  @Roles('legal_officer', 'admin', 'county_approver')
  list() {
    return this.definitions.list();
  }

  @ApiOkResponse({ type: ProcessDefinitionDto })
  @Get(':id')
  @Roles('legal_officer', 'admin')
  get(@Param('id', uuidPipe('id')) id: string) {
    return this.definitions.get(id);
  }

  /** The deploy checks plus the legal-completeness lint, without deploying. */
  @ApiOkResponse({ type: LintReportDto })
  @Post('lint')
  @HttpCode(200)
  @Roles('legal_officer')
  lint(@Body() body: LintProcessDto) {
    return this.definitions.lint(body.xml);
  }

  @ApiCreatedResponse({ type: DeployedProcessDto })
  @Post()
  @Roles('legal_officer')
  async deploy(@CurrentUser() user: AuthUser, @Body() body: DeployVersionDto) {
    const effectiveFrom = checkEffectiveFrom(body.effectiveFrom, this.clock.today());
    const { definition, created } = await this.definitions.deploy(body.xml, body.fileName, {
      effectiveFrom,
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
            contentHash: d.contentHash,
          },
        }),
    });
    const { source: _source, ...summary } = definition;
    return { ...summary, created };
  }
}
