import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { DefinitionService } from '@app/workflow';
import { DeployVersionDto, LintProcessDto } from '../dto/process.dto';
import { checkEffectiveFrom } from '../http/effective-date';
import { uuidPipe } from '../http/uuid.pipe';

@ApiTags('流程模型')
@ApiBearerAuth()
@Controller('processes')
export class ProcessesController {
  constructor(
    private readonly definitions: DefinitionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('legal_officer', 'admin', 'county_approver')
  list() {
    return this.definitions.list();
  }

  @Get(':id')
  @Roles('legal_officer', 'admin')
  get(@Param('id', uuidPipe('id')) id: string) {
    return this.definitions.get(id);
  }

  /** The deploy checks plus the legal-completeness lint, without deploying. */
  @Post('lint')
  @HttpCode(200)
  @Roles('legal_officer')
  lint(@Body() body: LintProcessDto) {
    return this.definitions.lint(body.xml);
  }

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
