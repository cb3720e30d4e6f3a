import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { AuthUser, CurrentUser, Requires, requireAccess } from '@app/auth';
import { CaseService } from '@app/cases';
import { Database } from '@app/persistence';
import { IncidentRow, IncidentService, IncidentStatus, ProcessRuntime } from '@app/workflow';
import { ResolveIncidentDto } from '../dto/incident.dto';
import { IncidentDto } from '../dto/responses/incidents.response';
import { uuidPipe } from '../http/uuid.pipe';

/**
 * 流程故障 (the operations view, like Camunda Operate): steps that failed at run time and cases
 * that hang. The legal officer or administrator retries one after fixing the model or migrating
 * the case, or resolves it with a reason; both are audited.
 */
@ApiTags('流程故障')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentService,
    private readonly cases: CaseService,
    private readonly runtime: ProcessRuntime,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly db: Database,
  ) {}

  @ApiOkResponse({ type: IncidentDto, isArray: true })
  @Get()
  @Requires('incident.read')
  @ApiQuery({ name: 'key', required: false, description: '流程标识' })
  @ApiQuery({ name: 'version', required: false, type: Number, description: '流程版本' })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'resolved'], description: '默认全部' })
  list(
    @CurrentUser() user: AuthUser,
    @Query('key') key?: string,
    @Query('version') version?: string,
    @Query('status') status?: string,
  ): Promise<IncidentRow[]> {
    if (status !== undefined && status !== 'open' && status !== 'resolved')
      throw AppError.validation('status 只能是 open 或 resolved', [
        { field: 'status', message: '只能是 open 或 resolved' },
      ]);
    if (version !== undefined && !/^[1-9]\d{0,5}$/.test(version))
      throw AppError.validation('流程版本应为正整数', [{ field: 'version', message: '流程版本应为正整数' }]);
    return this.incidents.list({
      key: key || undefined,
      version: version === undefined ? undefined : Number(version),
      status: status as IncidentStatus | undefined,
      regionCode: user.regionCode,
    });
  }

  @ApiOkResponse({ type: IncidentDto })
  @Get(':id')
  @Requires('incident.read')
  async get(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string): Promise<IncidentRow> {
    return this.reach(user, 'incident.read', await this.incidents.get(id));
  }

  /**
   * Re-runs the failed step: the submission recorded on the incident (a task), the timer (a
   * timer), or the watchdog's check (a stalled case). On success the incident resolves; a step
   * that fails again answers 409 with the cause and stays open.
   */
  @ApiOkResponse({ type: IncidentDto })
  @Post(':id/retry')
  @Requires('incident.operate')
  @HttpCode(200)
  async retry(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string): Promise<IncidentRow> {
    const incident = this.reach(user, 'incident.operate', await this.incidents.get(id));
    if (incident.status !== 'open') throw AppError.conflict('INCIDENT_RESOLVED', '该故障已解除，无需重试');
    if (incident.kind === 'task') {
      const p = (incident.payload ?? {}) as {
        taskId?: string;
        data?: Record<string, unknown>;
        actorId?: string;
      };
      if (!p.taskId || !p.actorId)
        throw AppError.conflict('INCIDENT_NOT_RETRYABLE', '该故障没有可重新提交的办理记录，请解除并说明原因');
      await this.cases.retryTask(user.id, { taskId: p.taskId, data: p.data ?? {}, actorId: p.actorId });
    } else if (incident.kind === 'timer') {
      await this.runtime.retryTimer(incident.timerId!, user.id);
    } else {
      await this.incidents.watch();
    }
    const after = await this.incidents.get(id);
    if (after.status === 'open')
      throw AppError.conflict('INCIDENT_STILL_OPEN', `重试后故障仍未消除：${after.cause}`);
    if (incident.kind !== 'task') {
      await this.db.transaction((em) =>
        this.audit.record(em, {
          at: this.clock.now(),
          actorId: user.id,
          action: 'incident.retry',
          caseId: incident.caseId ?? undefined,
          detail: { incidentId: id, kind: incident.kind, elementId: incident.elementId },
        }),
      );
    }
    return after;
  }

  /** Closes an incident by hand (e.g. handled outside the system), with the reason on record. */
  @ApiOkResponse({ type: IncidentDto })
  @Post(':id/resolve')
  @Requires('incident.operate')
  @HttpCode(200)
  async resolve(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: ResolveIncidentDto,
  ): Promise<IncidentRow> {
    this.reach(user, 'incident.operate', await this.incidents.get(id));
    return this.incidents.resolve(id, { reason: body.reason, actorId: user.id }, (em, incident) =>
      this.audit.record(em, {
        at: this.clock.now(),
        actorId: user.id,
        action: 'incident.resolve',
        caseId: incident.caseId ?? undefined,
        detail: {
          incidentId: id,
          kind: incident.kind,
          elementId: incident.elementId,
          cause: incident.cause,
          reason: incident.resolution,
        },
      }),
    );
  }

  private reach(user: AuthUser, permission: 'incident.read' | 'incident.operate', incident: IncidentRow) {
    requireAccess(user, permission, { regionCode: incident.regionCode ?? user.regionCode });
    return incident;
  }
}
