/**
 * The `sa` bpmnlint plugin (bpmnlint-plugin-sa): the deploy-time legal and runnability rules, one
 * rule per file in `rules/`. bpmnlint's Linter loads them through our resolver (bpmnlint.ts) and runs
 * them alongside its own `recommended` rules. Every rule is an error: each finding is either an
 * unlawful procedure or a case that would stop.
 */
import caseLimit from './rules/case-limit';
import confirmationOnEveryPath from './rules/confirmation-on-every-path';
import deadlineWithinLimits from './rules/deadline-within-limits';
import emergencyStepAllowed from './rules/emergency-step-allowed';
import endOutcomeDeclared from './rules/end-outcome-declared';
import entrustmentAllowed from './rules/entrustment-allowed';
import expressionVariablesDeclared from './rules/expression-variables-declared';
import gatewayExhaustive from './rules/gateway-exhaustive';
import grantNeedsDecision from './rules/grant-needs-decision';
import hostCanDrive from './rules/host-can-drive';
import investigationOnEveryPath from './rules/investigation-on-every-path';
import noServiceLoop from './rules/no-service-loop';
import outcomeMatchesDecision from './rules/outcome-matches-decision';
import processAttributes from './rules/process-attributes';
import publicNoticeOnEveryPath from './rules/public-notice-on-every-path';
import publicNoticePeriod from './rules/public-notice-period';
import returnFlowDeclared from './rules/return-flow-declared';
import roleLevel from './rules/role-level';
import servedDocumentHasServiceStep from './rules/served-document-has-service-step';
import stepKindKnown from './rules/step-kind-known';
import timerParsable from './rules/timer-parsable';
import type { RuleFactory } from './rule';

export const SA_PLUGIN = 'bpmnlint-plugin-sa';

/** Legal rules: the statutory procedure, limits, outcomes and 送达. */
export const LEGAL_RULES: Record<string, RuleFactory> = {
  'step-kind-known': stepKindKnown,
  'end-outcome-declared': endOutcomeDeclared,
  'grant-needs-decision': grantNeedsDecision,
  'outcome-matches-decision': outcomeMatchesDecision,
  'case-limit': caseLimit,
  'deadline-within-limits': deadlineWithinLimits,
  'served-document-has-service-step': servedDocumentHasServiceStep,
  'investigation-on-every-path': investigationOnEveryPath,
  'confirmation-on-every-path': confirmationOnEveryPath,
  'entrustment-allowed': entrustmentAllowed,
  'emergency-step-allowed': emergencyStepAllowed,
  'role-level': roleLevel,
  'public-notice-period': publicNoticePeriod,
  'public-notice-on-every-path': publicNoticeOnEveryPath,
  'return-flow-declared': returnFlowDeclared,
};

/** Runnability rules: what the engine accepts but the host cannot run to an end. */
export const RUNNABILITY_RULES: Record<string, RuleFactory> = {
  'process-attributes': processAttributes,
  'host-can-drive': hostCanDrive,
  'expression-variables-declared': expressionVariablesDeclared,
  'timer-parsable': timerParsable,
  'gateway-exhaustive': gatewayExhaustive,
  'no-service-loop': noServiceLoop,
};

export const SA_RULES: Record<string, RuleFactory> = { ...LEGAL_RULES, ...RUNNABILITY_RULES };

export type { SaRuleConfig, RuleFactory } from './rule';
