export * from './duty.service';
export type { DutyRuleSet } from './duty-rules.repository';
