import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { AppError } from '@app/common';
import { AuthUser, CurrentUser } from '@app/auth';
import { CaseService } from '@app/cases';
import { CompleteTaskDto } from '../dto/task.dto';
import { uuidPipe } from '../http/uuid.pipe';

@ApiTags('待办任务')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly cases: CaseService) {}

  @Get()
  inbox(@CurrentUser() user: AuthUser) {
    return this.cases.inbox(user);
  }

  @Get(':id')
  async task(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    const { task, kase, version } = await this.cases.task(user, id);
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
    };
  }

  @Post(':id/complete')
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
