import { Module } from '@nestjs/common';
import { IssuanceModule } from '@app/issuance';
import { CasesModule } from '@app/cases';
import { PortalService } from './portal.service';

/** The applicants' portal (我的申请): their own applications, progress and authorization. */
@Module({
  imports: [IssuanceModule, CasesModule],
  providers: [PortalService],
  exports: [PortalService],
})
export class PortalModule {}
