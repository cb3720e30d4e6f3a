import { Module } from '@nestjs/common';
import { IssuanceModule } from '@app/issuance';
import { CaseService } from './case.service';
import { DocumentIssuer } from './document-issuer';
import { MemberSigningService } from './authorization/member-signing.service';
import { AssessmentService, PolicyParametersService } from './policy';
import { WorkbenchService } from './workbench/workbench.service';
import { CaseStarter } from './case-starter';
import { DutyService } from './duty';
import { ProcedureService } from './procedures';
import { CaseFactsService } from './case-facts/case-facts.service';
import { CaseworkService } from './casework/casework.service';

/**
 * The case: applications and procedures on their models, the task inbox and workbench, who may
 * act (duty rules) and read (case-access), the documents a case issues, and the policy
 * parameters and assessment its steps use. The areas (delivery, benefits, supervision, portal,
 * household import, case file) build on it; it depends on none of them.
 */
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
    CaseFactsService,
    WorkbenchService,
    CaseworkService,
    MemberSigningService,
  ],
  exports: [
    DocumentIssuer,
    DutyService,
    CaseService,
    CaseStarter,
    ProcedureService,
    PolicyParametersService,
    AssessmentService,
    CaseFactsService,
    WorkbenchService,
    CaseworkService,
    MemberSigningService,
  ],
})
export class CasesModule {}
