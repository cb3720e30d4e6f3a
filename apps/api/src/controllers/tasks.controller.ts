import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppError } from '@app/common';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { CaseService, CaseworkService, INBOX_TOTAL_CAP, WorkbenchService } from '@app/cases';
import { AssignTaskDto, BulkTasksDto, CompleteTaskDto, TaskDraftDto } from '../dto/task.dto';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditAccess } from '../http/audit-access';
import {
  BulkResultDto,
  CompleteResultDto,
  InboxItemDto,
  TaskDetailDto,
  TaskDraftResultDto,
  TaskDraftSavedDto,
  TaskHolderDto,
} from '../dto/responses/tasks.response';

@ApiTags('待办任务')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly cases: CaseService,
    private readonly workbench: WorkbenchService,
    private readonly casework: CaseworkService,
  ) {}

  @ApiOkResponse({
    type: InboxItemDto,
    isArray: true,
    description: '一页待办任务（默认 50 条）',
    headers: {
      'X-Next-Cursor': { description: '下一页的 after 参数；最后一页没有此项', schema: { type: 'string' } },
      'X-Total-Count': {
        description: `待办总数（仅第一页），至多 ${INBOX_TOTAL_CAP}`,
        schema: { type: 'integer' },
      },
      'X-Total-Capped': { description: '待办多于 X-Total-Count 时为 true', schema: { type: 'string' } },
    },
  })
  @Get()
  @Requires('task.read')
  @AuditAccess('task.inbox')
  @ApiQuery({ name: 'program', required: false, description: '救助项目，如 dibao' })
  @ApiQuery({ name: 'township', required: false, description: '9位乡镇（街道）代码' })
  @ApiQuery({ name: 'dueBefore', required: false, description: '只看此日期（含）之前到期的任务，YYYY-MM-DD' })
  @ApiQuery({ name: 'sort', required: false, enum: ['due', 'hardship', 'created', 'urgency'] })
  @ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc'] })
  @ApiQuery({
    name: 'mine',
    required: false,
    enum: ['true', 'false'],
    description: '只看我认领（或受托）的任务',
  })
  @ApiQuery({ name: 'limit', required: false, description: '每页条数，1–200，默认 50' })
  @ApiQuery({ name: 'after', required: false, description: '上一页响应头 X-Next-Cursor 的值' })
  async inbox(
    @CurrentUser() user: AuthUser,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: { setHeader(k: string, v: string): void },
  ) {
    const page = await this.workbench.inbox(user, this.workbench.parseFilter(query));
    if (page.nextCursor) res.setHeader('X-Next-Cursor', page.nextCursor);
    if (page.total !== null) {
      res.setHeader('X-Total-Count', String(page.total));
      res.setHeader('X-Total-Capped', String(page.totalCapped));
    }
    return page.items;
  }

  @AuditAccess('task.read', { task: 'id' })
  @ApiOkResponse({ type: TaskDetailDto })
  @Get(':id')
  @Requires('task.read')
  async task(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    const { task, kase, version } = await this.cases.task(user, id);
    const annotation = await this.workbench.annotate(task);
    return {
      id: task.id,
      name: task.name,
      status: task.status,
      candidateGroups: task.candidateGroups,
      form: task.form,
      dueDate: task.dueDate,
      dueDateCertain: task.dueDateCertain,
      caseId: kase.id,
      caseNo: kase.caseNo,
      version,
      ...(await this.casework.holderAndDraft(user, task.id)),
      ...annotation,
      ...(await this.cases.taskFacts(task, kase)),
    };
  }

  @ApiOkResponse({ type: CompleteResultDto })
  @Post(':id/complete')
  @Requires('task.complete')
  @HttpCode(200)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '重试同一请求时使用同一键，服务端只执行一次',
  })
  complete(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: CompleteTaskDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (idempotencyKey !== undefined && !/^[\w-]{8,100}$/.test(idempotencyKey)) {
      throw AppError.validation('Idempotency-Key 格式不正确', [
        { field: 'Idempotency-Key', message: '应为8–100位字母、数字、下划线或横线' },
      ]);
    }
    return this.cases.complete(user, {
      taskId: id,
      data: body.data,
      expectedVersion: body.expectedVersion,
      idempotencyKey,
    });
  }

  @ApiOkResponse({ type: TaskHolderDto })
  @Post(':id/claim')
  @Requires('task.complete')
  @HttpCode(200)
  claim(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.casework.claim(user, id);
  }

  @ApiOkResponse({ type: TaskHolderDto })
  @Post(':id/unclaim')
  @Requires('task.complete')
  @HttpCode(200)
  async unclaim(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    await this.casework.unclaim(user, id);
    return { assignee: null, assigneeName: null };
  }

  @ApiOkResponse({ type: TaskHolderDto })
  @Post(':id/assign')
  @Requires('task.assign')
  @HttpCode(200)
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: AssignTaskDto,
  ) {
    return this.casework.assign(user, id, { assigneeId: body.assigneeId ?? null, reason: body.reason });
  }

  @AuditAccess('task.draft.read', { task: 'id' })
  @ApiOkResponse({ type: TaskDraftResultDto })
  @Get(':id/draft')
  @Requires('task.read')
  draft(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.casework.draft(user, id);
  }

  @ApiOkResponse({ type: TaskDraftSavedDto })
  @Put(':id/draft')
  @Requires('task.complete')
  saveDraft(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: TaskDraftDto,
  ) {
    return this.casework.saveDraft(user, id, body.data);
  }

  @ApiOkResponse({ type: BulkResultDto, isArray: true, description: '每个任务的结果；每个案件单独一个事务' })
  @Post('bulk')
  @Requires('task.complete')
  @HttpCode(200)
  bulk(@CurrentUser() user: AuthUser, @Body() body: BulkTasksDto) {
    return this.casework.bulk(user, body);
  }
}
