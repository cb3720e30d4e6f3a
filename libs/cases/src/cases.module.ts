import { Global, Module } from '@nestjs/common';
import { CaseService } from './case.service';
import { IssuanceModule } from '@app/issuance';
import { DocumentIssuer } from './document-issuer';
import { AssessmentService, PolicyParametersService } from './policy';
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
  ],
})
export class CasesModule {}
