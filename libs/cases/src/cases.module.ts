import * as path from 'node:path';
import { Global, Module } from '@nestjs/common';
import { BlobStore } from '@app/archive';
import { DATABASE_CONFIG, DatabaseConfig } from '@app/persistence';
import { loadSealSignerFromConfig } from '@app/signing';
import { CaseService } from './case.service';
import { BLOB_STORE, DocumentPipeline, SEAL_SIGNER, archiveDir } from './document-pipeline';
import { DocumentIssuer } from './document-issuer';
import { TemplateStore } from './template-store';
import { VerificationService } from './verification.service';
import { AssessmentService, AssessmentStep, PolicyParametersService } from './policy';
import { HouseholdImportService } from './import';
import { AttachmentService } from './attachments';
import { CaseFileService } from './case-file';
import { OverviewService } from './stats';
import { WorkbenchService } from './workbench/workbench.service';
import { PortalService } from './portal';
import { TekunSteps } from './tekun';
import { MonitoringService } from './monitoring';
import { NearRelativeService, PublicListingService, RecheckService } from './supervision';
import { CaseDeadlinesService, CaseTimeLimitService, ServiceRecordService } from './service';
import { OverdueReportService } from './reports';
import { LinshiSteps } from './linshi';
import { CaseStarter } from './case-starter';
import { DutyService } from './duty';
import { ProcedureService } from './procedures';
import { BenefitLedger, BenefitQueryService, ReviewCohortService } from './benefits';

@Global()
@Module({
  providers: [
    DutyService,
    TemplateStore,
    DocumentIssuer,
    ServiceRecordService,
    CaseTimeLimitService,
    CaseDeadlinesService,
    OverdueReportService,
    DocumentPipeline,
    CaseService,
    CaseStarter,
    ProcedureService,
    BenefitLedger,
    ReviewCohortService,
    BenefitQueryService,
    VerificationService,
    PolicyParametersService,
    AssessmentService,
    AssessmentStep,
    TekunSteps,
    LinshiSteps,
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
    {
      provide: SEAL_SIGNER,
      inject: [DATABASE_CONFIG],
      useFactory: (config: DatabaseConfig) =>
        loadSealSignerFromConfig({
          p12Path: process.env.SEAL_P12_PATH || undefined,
          password: process.env.SEAL_P12_PASSWORD || undefined,
          dataDir: path.join(config.dataDir, 'keys'),
        }),
    },
    {
      provide: BLOB_STORE,
      inject: [DATABASE_CONFIG],
      useFactory: (c: DatabaseConfig) => new BlobStore(archiveDir(c.dataDir)),
    },
  ],
  exports: [
    DutyService,
    CaseService,
    MonitoringService,
    NearRelativeService,
    PublicListingService,
    RecheckService,
    ServiceRecordService,
    CaseTimeLimitService,
    CaseDeadlinesService,
    OverdueReportService,
    CaseStarter,
    ProcedureService,
    ReviewCohortService,
    BenefitQueryService,
    DocumentPipeline,
    VerificationService,
    TemplateStore,
    BLOB_STORE,
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
