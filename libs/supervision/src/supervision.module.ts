import { Module } from '@nestjs/common';
import { IssuanceModule } from '@app/issuance';
import { CasesModule } from '@app/cases';
import { MonitoringService } from './monitoring/monitoring.service';
import { NearRelativeService } from './near-relatives';
import { PublicListingService } from './public-listing';
import { RecheckService } from './recheck.service';
import { OverdueReportService } from './reports/overdue-report.service';
import { OverviewService } from './stats/overview.service';
import { StatsCompactor } from './stats/stats-compactor.service';

/**
 * Supervision: 动态监测预警 (monitoring warnings), the staff near-relative register, county rechecks,
 * public listing, overdue reports and the overview statistics.
 */
@Module({
  imports: [IssuanceModule, CasesModule],
  providers: [
    MonitoringService,
    NearRelativeService,
    PublicListingService,
    RecheckService,
    OverdueReportService,
    OverviewService,
    StatsCompactor,
  ],
  exports: [
    MonitoringService,
    NearRelativeService,
    PublicListingService,
    RecheckService,
    OverdueReportService,
    OverviewService,
    StatsCompactor,
  ],
})
export class SupervisionModule {}
