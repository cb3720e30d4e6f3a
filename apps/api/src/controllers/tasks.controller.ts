import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppError } from '@app/common';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { CaseService, WorkbenchService } from '@app/cases';
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

  @ApiOkResponse({ type: InboxItemDto, isArray: true })
  @Get()
  @Requires('task.read')
  @AuditAccess('task.inbox')
  @ApiQuery({ name: 'program', required: false, description: '救助项目，如 dibao' })
  @ApiQuery({ name: 'township', required: false, description: '9位乡镇（街道）代码' })
  @ApiQuery({ name: 'dueBefore', required: false, description: '只看此日期（含）之前到期的任务，YYYY-MM-DD' })
  @ApiQuery({ name: 'sort', required: false, enum: ['due', 'hardship', 'created'] })
  @ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc'] })
  inbox(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>) {
    return this.workbench.inbox(user, this.workbench.parseFilter(query));
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
