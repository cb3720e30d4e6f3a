import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from '@app/audit';
import { AuthGuard, AuthModule } from '@app/auth';
import { BenefitsModule } from '@app/benefits';
import { CaseFileModule } from '@app/case-file';
import { ReviewDefenceModule } from '@app/review-defence';
import { CasesModule } from '@app/cases';
import { DeliveryModule } from '@app/delivery';
import { HouseholdImportModule } from '@app/household-import';
import { IssuanceModule } from '@app/issuance';
import { PersistenceModule } from '@app/persistence';
import { PortalModule } from '@app/portal';
import { StepsModule } from '@app/steps';
import { SupervisionModule } from '@app/supervision';
import { WorkflowModule } from '@app/workflow';
import { NotificationsModule } from '@app/notifications';
import { AuthController } from './controllers/auth.controller';
import { CasesController } from './controllers/cases.controller';
import { ProgramsController } from './controllers/programs.controller';
import { IntegrityController } from './controllers/integrity.controller';
import { DocumentsController } from './controllers/documents.controller';
import { HealthController } from './controllers/health.controller';
import { ProcessesController } from './controllers/processes.controller';
import { DemoController } from './controllers/demo.controller';
import { PolicyController } from './controllers/policy.controller';
import { HouseholdImportController } from './controllers/household-import.controller';
import { TasksController } from './controllers/tasks.controller';
import { DelegationsController } from './controllers/delegations.controller';
import { WorkbenchController } from './controllers/workbench.controller';
import { PortalController } from './controllers/portal.controller';
import { TemplatesController } from './controllers/templates.controller';
import { TemplatePublisher } from './templates/template-publisher.service';
import { AttachmentsController } from './controllers/attachments.controller';
import { CaseFileController } from './controllers/case-file.controller';
import { ReviewDefenceController } from './controllers/review-defence.controller';
import { StatsController } from './controllers/stats.controller';
import { BenefitsController, ReviewCohortsController } from './controllers/review-cohorts.controller';
import { ServiceController } from './controllers/service.controller';
import { CalendarController } from './controllers/calendar.controller';
import { ReportsController } from './controllers/reports.controller';
import { MonitoringController } from './controllers/monitoring.controller';
import { SupervisionController } from './controllers/supervision.controller';
import { AuditController } from './controllers/audit.controller';
import { DutyRulesController } from './controllers/duty-rules.controller';
import { AccountsController } from './controllers/accounts.controller';
import { BackupsController } from './controllers/backups.controller';
import { IncidentsController } from './controllers/incidents.controller';
import { NotificationsController } from './controllers/notifications.controller';
import { OnlineBackupService } from './backup/online-backup.service';
import { ErrorFilter } from './http/error.filter';
import { RequestOriginInterceptor } from './http/request-origin.interceptor';
import { AuditAccessInterceptor } from './http/audit-access';
import { BreakGlass } from './http/break-glass';
import { ClockModule } from './clock.module';
import { ClockStore } from './demo/clock-store';
import { ClockController } from './controllers/clock.controller';

@Module({
  imports: [
    ClockModule,
    PersistenceModule,
    WorkflowModule,
    AuditModule,
    AuthModule,
    IssuanceModule,
    CasesModule,
    DeliveryModule,
    BenefitsModule,
    SupervisionModule,
    PortalModule,
    HouseholdImportModule,
    CaseFileModule,
    ReviewDefenceModule,
    StepsModule,
    NotificationsModule,
  ],
  controllers: [
    AuthController,
    CasesController,
    ProgramsController,
    IntegrityController,
    TasksController,
    DelegationsController,
    WorkbenchController,
    DocumentsController,
    ProcessesController,
    HealthController,
    DemoController,
    PolicyController,
    HouseholdImportController,
    AttachmentsController,
    CaseFileController,
    ReviewDefenceController,
    StatsController,
    ServiceController,
    CalendarController,
    ReportsController,
    ReviewCohortsController,
    BenefitsController,
    PortalController,
    TemplatesController,
    MonitoringController,
    SupervisionController,
    AuditController,
    DutyRulesController,
    AccountsController,
    BackupsController,
    IncidentsController,
    NotificationsController,
    ClockController,
  ],
  providers: [
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: ErrorFilter },
    { provide: APP_INTERCEPTOR, useClass: RequestOriginInterceptor },
    { provide: APP_INTERCEPTOR, useClass: AuditAccessInterceptor },
    OnlineBackupService,
    TemplatePublisher,
    BreakGlass,
    ClockStore,
  ],
})
export class AppModule {}
