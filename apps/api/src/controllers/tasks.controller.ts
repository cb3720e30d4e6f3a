import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppError } from '@app/common';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { CaseService, INBOX_TOTAL_CAP, WorkbenchService } from '@app/cases';
import { CompleteTaskDto } from '../dto/task.dto';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditAccess } from '../http/audit-access';
import { CompleteResultDto, InboxItemDto, TaskDetailDto } from '../dto/responses/tasks.response';

@ApiTags('待办任务')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly cases: CaseService,
    private readonly workbench: WorkbenchService,
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
      ...annotation,
      ...(await this.cases.taskFacts(task, kase, annotation.legalBasis)),
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
}
