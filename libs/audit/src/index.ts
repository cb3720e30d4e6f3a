export * from './audit.service';
export * from './audit-chain';
export * from './audit.module';
export * from './action-names';
export { caseTimelineJson } from './audit.repository';
