export * from './delivery.module';
export * from './service-rules';
export * from './service-record.service';
export * from './time-limit.service';
export * from './case-deadlines.service';
