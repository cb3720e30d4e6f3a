import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { MonitoringService } from '@app/supervision';
import { AppError } from '@app/common';
import { MonitoringEventDto } from '../dto/monitoring.dto';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditAccess } from '../http/audit-access';
import { EventReceiptDto, MonitoringEventRecordDto, WarningDto } from '../dto/responses/monitoring.response';

/** 主动发现: monitoring events from other departments and the warnings they raise. */
@ApiTags('主动发现')
@ApiBearerAuth()
@Controller('monitoring')
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  /** 201 with a new receipt; 200 with the first receipt when the same event arrives again. */
  @ApiCreatedResponse({ type: EventReceiptDto, description: '新收到的事件' })
  @ApiOkResponse({ type: EventReceiptDto, description: '同一事件再次送达：返回第一次的回执' })
  @Post('events')
  @Requires('monitoring.receive')
  async receive(
    @CurrentUser() user: AuthUser,
    @Body() body: MonitoringEventDto,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const receipt = await this.monitoring.receive(user, body);
    res.status(receipt.duplicate ? 200 : 201);
    return receipt;
  }

  @AuditAccess('warning.list')
  @ApiOkResponse({ type: WarningDto, isArray: true })
  @Get('warnings')
  @Requires('monitoring.read')
  @ApiQuery({
    name: 'status',
    required: false,
    enum: ['open', 'referred', 'all'],
    description: '默认只列未解除的预警；referred 列出已告知并协助申请、家庭尚未提出申请的预警',
  })
  warnings(@CurrentUser() user: AuthUser, @Query('status') status?: string) {
    if (status !== undefined && status !== 'open' && status !== 'referred' && status !== 'all') {
      throw AppError.validation('status 只能是 open、referred 或 all', [
        { field: 'status', message: '只能是 open、referred 或 all' },
      ]);
    }
    return this.monitoring.warnings(user, { status: status as 'open' | 'referred' | 'all' | undefined });
  }

  @AuditAccess('warning.events')
  @ApiOkResponse({ type: MonitoringEventRecordDto, isArray: true })
  @Get('warnings/:id/events')
  @Requires('monitoring.read')
  events(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.monitoring.eventsOf(user, id);
  }
}
