export * from './calendar/working-days';
export * from './calendar/year-schedule';
export * from './calendar/calendar-provider';
export * from './definition.service';
export * from './durable-timers';
export * from './migration/migration.service';
export * from './process-runtime.service';
export * from './service-registry';
export * from './timer-poller.service';
export * from './workflow.module';
// Transitional: model reading now lives in @app/process-models; these re-exports keep the libs that
// still import it from here compiling until they import it from there.
export {
  validateModel,
  validateFormData,
  resolveExpression,
  parseBpmn,
  readLegalBasis,
} from '@app/process-models';
export type { FormField, ProcessInfo, ProcessKind } from '@app/process-models';
export { readProcessInfo, readFormFields } from '@app/process-models';
