import { StreamableFile } from '@nestjs/common';
import { AccountsController } from '../../controllers/accounts.controller';
import { AttachmentsController } from '../../controllers/attachments.controller';
import { AuditController } from '../../controllers/audit.controller';
import { AuthController } from '../../controllers/auth.controller';
import { BackupsController } from '../../controllers/backups.controller';
import { IncidentsController } from '../../controllers/incidents.controller';
import { NotificationsController } from '../../controllers/notifications.controller';
import { MessageDto } from './notifications.response';
import { CalendarController } from '../../controllers/calendar.controller';
import { CasesController } from '../../controllers/cases.controller';
import { DemoController } from '../../controllers/demo.controller';
import { ClockController } from '../../controllers/clock.controller';
import { DocumentsController } from '../../controllers/documents.controller';
import { DutyRulesController } from '../../controllers/duty-rules.controller';
import { HealthController } from '../../controllers/health.controller';
import { HouseholdImportController } from '../../controllers/household-import.controller';
import { IntegrityController } from '../../controllers/integrity.controller';
import { MonitoringController } from '../../controllers/monitoring.controller';
import { PolicyController } from '../../controllers/policy.controller';
import { PortalController } from '../../controllers/portal.controller';
import { ProcessesController } from '../../controllers/processes.controller';
import { ProgramsController } from '../../controllers/programs.controller';
import { ReportsController } from '../../controllers/reports.controller';
import { BenefitsController, ReviewCohortsController } from '../../controllers/review-cohorts.controller';
import { ServiceController } from '../../controllers/service.controller';
import { StatsController } from '../../controllers/stats.controller';
import { SupervisionController } from '../../controllers/supervision.controller';
import { TasksController } from '../../controllers/tasks.controller';
import { DelegationsController } from '../../controllers/delegations.controller';
import { TemplatesController } from '../../controllers/templates.controller';
import { WorkbenchController } from '../../controllers/workbench.controller';
import { AccountDto } from './accounts.response';
import { AttachmentDto } from './attachments.response';
import { AuditPageDto } from './audit.response';
import { AuthUserDto, LoginResultDto } from './auth.response';
import { BackupListDto, OnlineBackupResultDto } from './backups.response';
import { CalendarOverviewDto, CalendarYearDto, LoadedYearDto } from './calendar.response';
import {
  CaseDetailDto,
  CaseDto,
  CaseIdentityDto,
  CaseListItemDto,
  ProcedureOverviewDto,
} from './cases.response';
import { AppClockDto, ClockAdvancedDto } from './demo.response';
import { VerificationResultDto } from './documents.response';
import { DutyRuleSetDto, DutyRulesOverviewDto } from './duty-rules.response';
import { HealthDto } from './health.response';
import { IncidentDto } from './incidents.response';
import { ImportResultDto } from './household-import.response';
import { IntegrityReportDto } from './integrity.response';
import { EventReceiptDto, MonitoringEventRecordDto, WarningDto } from './monitoring.response';
import {
  AssessmentCreatedDto,
  AssessmentRerunDto,
  PolicyParametersDto,
  StoredAssessmentDto,
} from './policy.response';
import {
  AuthorizationTextDto,
  AuthorizationSheetDto,
  MaterialsChecklistDto,
  PortalCaseSummaryDto,
  PortalCaseViewDto,
  PortalIdentityDto,
  RegionDto,
} from './portal.response';
import {
  DeployedProcessDto,
  LintReportDto,
  MigrationCandidatesDto,
  MigrationReportDto,
  ProcessDefinitionDto,
  ProcessDraftDto,
  ProcessDraftSummaryDto,
  ProcessVersionRowDto,
  ChangeSummaryDto,
} from './processes.response';
import { ProgramDto } from './programs.response';
import { OverdueReportDto } from './reports.response';
import {
  CaseBenefitsDto,
  ReviewCohortCreatedDto,
  ReviewCohortDto,
  ReviewCohortSummaryDto,
} from './review-cohorts.response';
import { CaseServiceDto, ConsentTextDto, PortalServiceDto } from './service.response';
import { DocumentSummaryDto, ServiceConsentRecordDto, TimeLimitDto } from './shared.response';
import { OverviewDto } from './stats.response';
import {
  NearRelativeCaseDto,
  NearRelativeRecordDto,
  PublicListingDto,
  RecheckDrawRecordDto,
  StaffMemberDto,
} from './supervision.response';
import {
  BulkResultDto,
  CaseworkStaffDto,
  CompleteResultDto,
  DelegationDto,
  InboxItemDto,
  TaskDetailDto,
  TaskDraftResultDto,
  TaskDraftSavedDto,
  TaskHolderDto,
} from './tasks.response';
import {
  TemplateDetailDto,
  TemplateLintDto,
  TemplatePublishedDto,
  TemplateSummaryDto,
} from './templates.response';
import { CaseDiagramDto, CaseStaffMemberDto, DocumentPreviewListDto } from './workbench.response';

/**
 * The response DTOs are written by hand for the OpenAPI document; this file holds them to what the
 * handlers really return, so a DTO that promises a field the handler no longer sends, or a type it
 * does not have, stops the build (`tsc`) instead of misleading the web app's generated types.
 */

/**
 * What JSON.stringify makes of a T: dates become strings; `unknown`, `any` and bare `object` say
 * nothing, so they become `never`, which fits every declared type.
 */
type Json<T> = unknown extends T
  ? never
  : T extends Date
    ? string
    : T extends readonly (infer U)[]
      ? Json<U>[]
      : T extends object
        ? object extends T
          ? never
          : { [K in keyof T]: Json<T[K]> }
        : T;

/** The JSON body a handler answers with (a file answer is described separately). */
type Body<H extends (...args: never[]) => unknown> = Json<Exclude<Awaited<ReturnType<H>>, StreamableFile>>;

/** Compiles only when every body the handler can send is a `Declared`. */
type Fits<Actual extends Declared, Declared> = [Actual, Declared];

export type _ResponseContract = [
  Fits<Body<AccountsController['list']>, AccountDto[]>,
  Fits<Body<AccountsController['create']>, AccountDto>,
  Fits<Body<AccountsController['update']>, AccountDto>,
  Fits<Body<AccountsController['resetPassword']>, AccountDto>,
  Fits<Body<AccountsController['unlock']>, AccountDto>,
  Fits<Body<AttachmentsController['upload']>, AttachmentDto>,
  Fits<Body<AttachmentsController['list']>, AttachmentDto[]>,
  Fits<Body<AttachmentsController['listOwn']>, AttachmentDto[]>,
  Fits<Body<AttachmentsController['uploadOwn']>, AttachmentDto>,
  Fits<Body<AttachmentsController['setThumbnail']>, AttachmentDto>,
  Fits<Body<AttachmentsController['void']>, AttachmentDto>,
  Fits<Body<AuditController['search']>, AuditPageDto>,
  Fits<Body<AuthController['login']>, LoginResultDto>,
  Fits<Body<AuthController['me']>, AuthUserDto>,
  Fits<Body<BackupsController['list']>, BackupListDto>,
  Fits<Body<BackupsController['create']>, OnlineBackupResultDto>,
  Fits<Body<CalendarController['overview']>, CalendarOverviewDto>,
  Fits<Body<CalendarController['year']>, CalendarYearDto>,
  Fits<Body<CalendarController['load']>, LoadedYearDto>,
  Fits<Body<CasesController['apply']>, CaseDto>,
  Fits<Body<CasesController['list']>, CaseListItemDto[]>,
  Fits<Body<CasesController['economics']>, CaseDto>,
  Fits<Body<CasesController['procedureOverview']>, ProcedureOverviewDto>,
  Fits<Body<CasesController['startProcedure']>, CaseDto>,
  Fits<Body<CasesController['detail']>, CaseDetailDto>,
  Fits<Body<CasesController['identity']>, CaseIdentityDto>,
  Fits<Body<IncidentsController['list']>, IncidentDto[]>,
  Fits<Body<IncidentsController['get']>, IncidentDto>,
  Fits<Body<IncidentsController['retry']>, IncidentDto>,
  Fits<Body<IncidentsController['resolve']>, IncidentDto>,
  Fits<Body<DemoController['advance']>, ClockAdvancedDto>,
  Fits<Body<ClockController['now']>, AppClockDto>,
  Fits<Body<NotificationsController['applicantMessages']>, MessageDto[]>,
  Fits<Body<NotificationsController['staffMessages']>, MessageDto[]>,
  Fits<Body<DocumentsController['document']>, DocumentSummaryDto>,
  Fits<Body<DocumentsController['verify']>, VerificationResultDto>,
  Fits<Body<DocumentsController['verifyFile']>, VerificationResultDto>,
  Fits<Body<DutyRulesController['get']>, DutyRulesOverviewDto>,
  Fits<Body<DutyRulesController['publish']>, DutyRuleSetDto>,
  Fits<Body<HealthController['health']>, HealthDto>,
  Fits<Body<HouseholdImportController['import']>, ImportResultDto>,
  Fits<Body<IntegrityController['verify']>, IntegrityReportDto>,
  Fits<Body<MonitoringController['receive']>, EventReceiptDto>,
  Fits<Body<MonitoringController['warnings']>, WarningDto[]>,
  Fits<Body<MonitoringController['events']>, MonitoringEventRecordDto[]>,
  Fits<Body<PolicyController['resolve']>, PolicyParametersDto>,
  Fits<Body<PolicyController['history']>, PolicyParametersDto[]>,
  Fits<Body<PolicyController['publish']>, PolicyParametersDto>,
  Fits<Body<PolicyController['assess']>, AssessmentCreatedDto>,
  Fits<Body<PolicyController['get']>, StoredAssessmentDto>,
  Fits<Body<PolicyController['rerun']>, AssessmentRerunDto>,
  Fits<Body<PortalController['cases']>, PortalCaseSummaryDto[]>,
  Fits<Body<PortalController['identity']>, PortalIdentityDto>,
  Fits<Body<PortalController['caseView']>, PortalCaseViewDto>,
  Fits<Body<PortalController['authorizationText']>, AuthorizationTextDto>,
  Fits<Body<PortalController['regions']>, RegionDto[]>,
  Fits<Body<PortalController['materials']>, MaterialsChecklistDto>,
  Fits<Body<PortalController['authorizationSheet']>, AuthorizationSheetDto>,
  Fits<Body<PortalController['signAuthorization']>, AuthorizationSheetDto>,
  Fits<Body<CasesController['signAuthorizationAtWindow']>, AuthorizationSheetDto>,
  Fits<Body<ProcessesController['migrationCandidates']>, MigrationCandidatesDto>,
  Fits<Body<ProcessesController['migrate']>, MigrationReportDto>,
  Fits<Body<ProcessesController['list']>, ProcessVersionRowDto[]>,
  Fits<Body<ProcessesController['drafts']>, ProcessDraftSummaryDto[]>,
  Fits<Body<ProcessesController['createDraft']>, ProcessDraftDto>,
  Fits<Body<ProcessesController['draft']>, ProcessDraftDto>,
  Fits<Body<ProcessesController['saveDraft']>, ProcessDraftDto>,
  Fits<Body<ProcessesController['changes']>, ChangeSummaryDto>,
  Fits<Body<ProcessesController['get']>, ProcessDefinitionDto>,
  Fits<Body<ProcessesController['lint']>, LintReportDto>,
  Fits<Body<ProcessesController['deploy']>, DeployedProcessDto>,
  Fits<Body<ProgramsController['list']>, ProgramDto[]>,
  Fits<Body<ReportsController['overdueReport']>, OverdueReportDto>,
  Fits<Body<ReviewCohortsController['generate']>, ReviewCohortCreatedDto>,
  Fits<Body<ReviewCohortsController['list']>, ReviewCohortSummaryDto[]>,
  Fits<Body<ReviewCohortsController['detail']>, ReviewCohortDto>,
  Fits<Body<BenefitsController['forCase']>, CaseBenefitsDto>,
  Fits<Body<ServiceController['caseService']>, CaseServiceDto>,
  Fits<Body<ServiceController['paperConsent']>, ServiceConsentRecordDto>,
  Fits<Body<ServiceController['extend']>, TimeLimitDto>,
  Fits<Body<ServiceController['portalService']>, PortalServiceDto>,
  Fits<Body<ServiceController['consentPreview']>, ConsentTextDto>,
  Fits<Body<ServiceController['signConsent']>, ServiceConsentRecordDto>,
  Fits<Body<StatsController['get']>, OverviewDto>,
  Fits<Body<SupervisionController['publicListing']>, PublicListingDto>,
  Fits<Body<SupervisionController['draw']>, RecheckDrawRecordDto>,
  Fits<Body<SupervisionController['draws']>, RecheckDrawRecordDto[]>,
  Fits<Body<SupervisionController['register']>, NearRelativeRecordDto>,
  Fits<Body<SupervisionController['registered']>, NearRelativeRecordDto[]>,
  Fits<Body<SupervisionController['staff']>, StaffMemberDto[]>,
  Fits<Body<SupervisionController['relativeCases']>, NearRelativeCaseDto[]>,
  Fits<Body<TasksController['inbox']>, InboxItemDto[]>,
  Fits<Body<TasksController['task']>, TaskDetailDto>,
  Fits<Body<TasksController['complete']>, CompleteResultDto>,
  Fits<Body<TasksController['claim']>, TaskHolderDto>,
  Fits<Body<TasksController['unclaim']>, TaskHolderDto>,
  Fits<Body<TasksController['assign']>, TaskHolderDto>,
  Fits<Body<TasksController['draft']>, TaskDraftResultDto>,
  Fits<Body<TasksController['saveDraft']>, TaskDraftSavedDto>,
  Fits<Body<TasksController['bulk']>, BulkResultDto[]>,
  Fits<Body<DelegationsController['list']>, DelegationDto[]>,
  Fits<Body<DelegationsController['staff']>, CaseworkStaffDto[]>,
  Fits<Body<DelegationsController['create']>, DelegationDto>,
  Fits<Body<DelegationsController['revoke']>, DelegationDto[]>,
  Fits<Body<TemplatesController['list']>, TemplateSummaryDto[]>,
  Fits<Body<TemplatesController['lint']>, TemplateLintDto>,
  Fits<Body<TemplatesController['get']>, TemplateDetailDto>,
  Fits<Body<TemplatesController['publish']>, TemplatePublishedDto>,
  Fits<Body<WorkbenchController['diagram']>, CaseDiagramDto>,
  Fits<Body<WorkbenchController['staff']>, CaseStaffMemberDto[]>,
  Fits<Body<WorkbenchController['preview']>, DocumentPreviewListDto>,
];
