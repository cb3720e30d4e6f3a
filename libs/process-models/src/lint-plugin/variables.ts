/**
 * The variables an expression of a model may name: its form fields, what the host sets when it starts
 * a case, and the documented outputs of the services the model calls.
 */
import { FormField, readFormFields, readServiceInfo } from '../element-info';
import type { BpmnElement } from '../validate-model';
import { elementsOf } from './graph';
import type { SaRuleConfig } from './rule';

/** Variables the host sets when it starts a case (see libs/cases case-starter and its callers). */
export const HOST_VARIABLES: readonly string[] = [
  'applicantName',
  'nearRelative',
  'regionCode',
  'parentCaseId',
  'parentCaseNo',
  'currentAmount',
  'eventType',
  'eventTypeName',
  'eventSource',
  'occurredOn',
  'eventDetails',
  'hospitalCostFen',
  'riskLevel',
  'riskLevelName',
];

/** Variables each named service sets (its documented output), readable by later expressions. */
export const SERVICE_OUTPUTS: Record<string, readonly string[]> = {
  'assessment.evaluate': [
    'assessed',
    'assessmentId',
    'assessedEligible',
    'suggestedAmount',
    'hardshipIndex',
    'lowIncomeEligible',
    'rigidExpenditureHardship',
  ],
  'sampling.draw': [
    'sampled',
    'samplingSeed',
    'samplingSequence',
    'samplingYear',
    'sampleRatio',
    'samplingRatioText',
    'samplingBlock',
  ],
  'selfcare.assess': ['careLevel', 'selfCareAbility', 'selfCareLabel', 'failedItems'],
  'case.urgency': ['urgencyLabel'],
  'linshi.approvalLevel': ['approvalLevel', 'townshipApprovalLimit'],
  'benefit.plan': ['currentAmount', 'newAmount', 'amountChange'],
  'penalty.assess': ['hearingRight', 'largeFineThreshold'],
  // A 公示 (a template printing its period): the printed last day, and the wait until the day after it.
  'document.issue': ['publicNoticeEndDate', 'publicNoticeWait'],
};

/** Every flow element of a scope, sub-processes included. */
export function allElements(scope: BpmnElement): BpmnElement[] {
  return elementsOf(scope).flatMap((e) => [e, ...(Array.isArray(e.flowElements) ? allElements(e) : [])]);
}

/** Form fields by id, over every user task and start event of the process. */
export function formFields(process: BpmnElement): Map<string, FormField[]> {
  const fields = new Map<string, FormField[]>();
  for (const e of allElements(process)) {
    if (e.$type !== 'bpmn:UserTask' && e.$type !== 'bpmn:StartEvent') continue;
    for (const f of readFormFields(e)) fields.set(f.id, [...(fields.get(f.id) ?? []), f]);
  }
  return fields;
}

export function declaredVariables(process: BpmnElement, config: SaRuleConfig): Set<string> {
  const outputs = config.serviceOutputs ?? SERVICE_OUTPUTS;
  const declared = new Set<string>([
    ...formFields(process).keys(),
    ...(config.hostVariables ?? HOST_VARIABLES),
  ]);
  for (const e of allElements(process)) {
    const service = readServiceInfo(e).service;
    for (const name of (service && outputs[service]) ?? []) declared.add(name);
  }
  return declared;
}

export function expressionBody(expression: unknown): string | undefined {
  const b =
    expression && typeof expression === 'object' ? (expression as { body?: unknown }).body : undefined;
  return typeof b === 'string' && b.trim() ? b.trim() : undefined;
}
