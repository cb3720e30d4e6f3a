import { Global, Module } from '@nestjs/common';
import { CalendarProvider } from './calendar/calendar-provider';
import { DefinitionService } from './definition.service';
import { MigrationService } from './migration/migration.service';
import { ProcessRuntime } from './process-runtime.service';
import { ServiceRegistry } from './service-registry';
import { TimerPoller } from './timer-poller.service';
import { StudioService } from './studio/studio.service';
import { IncidentService } from './incidents/incident.service';

@Global()
@Module({
  providers: [
    CalendarProvider,
    ServiceRegistry,
    DefinitionService,
    ProcessRuntime,
    TimerPoller,
    MigrationService,
    StudioService,
    IncidentService,
  ],
  exports: [
    CalendarProvider,
    ServiceRegistry,
    DefinitionService,
    ProcessRuntime,
    TimerPoller,
    MigrationService,
    StudioService,
    IncidentService,
  ],
})
export class WorkflowModule {}
