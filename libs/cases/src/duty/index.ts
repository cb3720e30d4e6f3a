export * from './duty.service';
export type { DutyRuleSet, DutyRulesProposal } from './duty-rules.repository';
