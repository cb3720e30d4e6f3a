export * from './calendar/working-days';
export * from './definition.service';
export * from './durable-timers';
export * from './process-runtime.service';
export * from './service-registry';
export * from './timer-poller.service';
export * from './workflow.module';
export { validateModel, validateFormData, resolveExpression, parseBpmn, readLegalBasis } from './model';
export type { FormField } from './model';
