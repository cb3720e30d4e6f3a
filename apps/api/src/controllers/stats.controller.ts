import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { OverviewService } from '@app/supervision';
import { AuditAccess } from '../http/audit-access';
import { OverviewDto } from '../dto/responses/stats.response';

@ApiTags('统计')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly overview: OverviewService) {}

  /** Workload, 红色预警 (overdue tasks) and processing times within the user's region. */
  @ApiOkResponse({ type: OverviewDto })
  @Get('overview')
  @Requires('stats.read')
  @AuditAccess('stats.overview')
  get(@CurrentUser() user: AuthUser) {
    return this.overview.overview(user);
  }
}
