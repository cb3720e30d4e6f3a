import { Module } from '@nestjs/common';
import { IssuanceModule } from '@app/issuance';
import { CasesModule } from '@app/cases';
import { ServiceRecordService } from './service-record.service';
import { CaseTimeLimitService } from './time-limit.service';
import { CaseDeadlinesService } from './case-deadlines.service';

/** Delivery (送达): service records and consents, the case time limit and remedy deadlines. */
@Module({
  imports: [IssuanceModule, CasesModule],
  providers: [ServiceRecordService, CaseTimeLimitService, CaseDeadlinesService],
  exports: [ServiceRecordService, CaseTimeLimitService, CaseDeadlinesService],
})
export class DeliveryModule {}
