import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { OverviewService } from '@app/supervision';
import { AuditAccess } from '../http/audit-access';

@ApiTags('统计')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly overview: OverviewService) {}

  /** Workload, 红色预警 (overdue tasks) and processing times within the user's region. */
  @Get('overview')
  @AuditAccess('stats.overview')
  @Roles('county_approver', 'township_reviewer', 'admin', 'legal_officer')
  get(@CurrentUser() user: AuthUser) {
    return this.overview.overview(user);
  }
}
