import { Module } from '@nestjs/common';
import { IssuanceModule } from '@app/issuance';
import { CasesModule } from '@app/cases';
import { DeliveryModule } from '@app/delivery';
import { ReviewDefenceService } from './review-defence.service';

/** The 行政复议答复 package of a decided case (答复书, evidence, 送达, audit trail, versions). */
@Module({
  imports: [IssuanceModule, CasesModule, DeliveryModule],
  providers: [ReviewDefenceService],
  exports: [ReviewDefenceService],
})
export class ReviewDefenceModule {}
