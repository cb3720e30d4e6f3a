export * from './calendar/working-days';
export * from './calendar/year-schedule';
export * from './calendar/calendar-provider';
export * from './definition.service';
export * from './durable-timers';
export * from './migration/migration.service';
export * from './process-runtime.service';
export * from './service-registry';
export * from './studio/studio.service';
export * from './timer-poller.service';
export * from './workflow.module';
export * from './incidents/incident.service';
export * from './incidents/incident-error';
export type {
  IncidentRow,
  IncidentFilter,
  IncidentKind,
  IncidentStatus,
} from './incidents/incident.repository';
export { openIncidentJson } from './incidents/incident.repository';
