import { Global, Module } from '@nestjs/common';
import { CaseService } from './case.service';
import { IssuanceModule } from '@app/issuance';
import { DocumentIssuer } from './document-issuer';
import { AssessmentService, PolicyParametersService } from './policy';
import { AttachmentService } from './attachments';
import { CaseFileService } from './case-file';
import { WorkbenchService } from './workbench/workbench.service';
import { CaseStarter } from './case-starter';
import { DutyService } from './duty';
import { ProcedureService } from './procedures';

@Global()
@Module({
  imports: [IssuanceModule],
  providers: [
    DutyService,
    DocumentIssuer,
    CaseService,
    CaseStarter,
    ProcedureService,
    PolicyParametersService,
    AssessmentService,
    WorkbenchService,
    AttachmentService,
    CaseFileService,
  ],
  exports: [
    IssuanceModule,
    DocumentIssuer,
    DutyService,
    CaseService,
    CaseStarter,
    ProcedureService,
    PolicyParametersService,
    AssessmentService,
    WorkbenchService,
    AttachmentService,
    CaseFileService,
  ],
})
export class CasesModule {}
