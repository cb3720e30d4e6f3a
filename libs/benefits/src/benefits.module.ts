import { Module } from '@nestjs/common';
import { IssuanceModule } from '@app/issuance';
import { CasesModule } from '@app/cases';
import { BenefitLedger } from './benefit-ledger.service';
import { ReviewCohortService, BenefitQueryService } from './review-cohort.service';

/** Benefits (动态管理): the benefit ledger of each beneficiary and the periodic review cohorts. */
@Module({
  imports: [IssuanceModule, CasesModule],
  providers: [BenefitLedger, ReviewCohortService, BenefitQueryService],
  exports: [BenefitLedger, ReviewCohortService, BenefitQueryService],
})
export class BenefitsModule {}
