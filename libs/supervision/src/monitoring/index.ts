export * from './monitoring-rules';
export * from './monitoring.service';
