import { Global, Module } from '@nestjs/common';
import { CaseService } from './case.service';
import { IssuanceModule } from '@app/issuance';
import { DocumentIssuer } from './document-issuer';
import { AssessmentService, PolicyParametersService } from './policy';
import { HouseholdImportService } from './import';
import { AttachmentService } from './attachments';
import { CaseFileService } from './case-file';
import { OverviewService } from './stats';
import { WorkbenchService } from './workbench/workbench.service';
import { PortalService } from './portal';
import { MonitoringService } from './monitoring';
import { NearRelativeService, PublicListingService, RecheckService } from './supervision';
import { OverdueReportService } from './reports';
import { CaseStarter } from './case-starter';
import { DutyService } from './duty';
import { ProcedureService } from './procedures';

@Global()
@Module({
  imports: [IssuanceModule],
  providers: [
    DutyService,
    DocumentIssuer,
    OverdueReportService,
    CaseService,
    CaseStarter,
    ProcedureService,
    PolicyParametersService,
    AssessmentService,
    MonitoringService,
    NearRelativeService,
    PublicListingService,
    RecheckService,
    HouseholdImportService,
    PortalService,
    WorkbenchService,
    AttachmentService,
    CaseFileService,
    OverviewService,
  ],
  exports: [
    IssuanceModule,
    DocumentIssuer,
    DutyService,
    CaseService,
    MonitoringService,
    NearRelativeService,
    PublicListingService,
    RecheckService,
    OverdueReportService,
    CaseStarter,
    ProcedureService,
    PolicyParametersService,
    AssessmentService,
    HouseholdImportService,
    PortalService,
    WorkbenchService,
    AttachmentService,
    CaseFileService,
    OverviewService,
  ],
})
export class CasesModule {}
