/**
 * What the legal rules read from a model: the declared step kinds (`sa:step`), the documents a step
 * issues, 送达 steps, outcomes, and the statutory procedure of the model's program. Steps are
 * recognised by what the model declares, never by their Chinese names. Pure.
 */
import { Due, isServiceForm, readFormFields, readServiceInfo } from '../element-info';
import { readProcessInfo } from '../process-info';
import type { BpmnElement } from '../validate-model';
import { FlowGraph } from './graph';
import { Limit, PROGRAM_RULES, ProgramRules, STEP_KINDS, StepKind, calendarDays } from './vocabulary';

export function stepKind(element: BpmnElement): StepKind | undefined {
  const value = typeof element.step === 'string' ? element.step.trim() : '';
  return (STEP_KINDS as readonly string[]).includes(value) ? (value as StepKind) : undefined;
}

/** The template a `document.issue` step issues. */
export function template(element: BpmnElement): string | undefined {
  const info = readServiceInfo(element);
  return info.service === 'document.issue' ? info.template : undefined;
}

/** A 送达 step: a user task that records how, when and to whom a document was served. */
export function isServiceStep(element: BpmnElement): boolean {
  return element.$type === 'bpmn:UserTask' && isServiceForm(readFormFields(element));
}

export function outcomeOf(end: BpmnElement): string | undefined {
  return typeof end.outcome === 'string' && end.outcome.trim() ? end.outcome.trim() : undefined;
}

export function exceeds(due: Due, limit: Limit): boolean {
  return calendarDays(due) > calendarDays(limit);
}

/** The statutory procedure the process must follow: only an application process of a listed program has one. */
export function programRulesOf(definitions: BpmnElement, process: BpmnElement): ProgramRules | undefined {
  const info = readProcessInfo(definitions);
  return info?.kind === 'application' && info.program && process.id === info.key
    ? PROGRAM_RULES[info.program]
    : undefined;
}

export function isApplication(definitions: BpmnElement): boolean {
  return readProcessInfo(definitions)?.kind === 'application';
}

export function ofKind(graph: FlowGraph, ...kinds: StepKind[]): BpmnElement[] {
  return graph.nodes.filter((n) => kinds.includes(stepKind(n) as StepKind));
}

/** Steps a program lets skip 调查 and 公示 (先行救助 of 临时救助). */
export function exemptStep(rules: ProgramRules): (n: BpmnElement) => boolean {
  return (n) => Boolean(rules.emergency) && stepKind(n) === 'emergency';
}

/** County decisions: the ends that record a grant or a refusal. */
export function decisionEnds(graph: FlowGraph, outcomes: Record<string, { grant?: boolean }>): BpmnElement[] {
  return graph.ends.filter((e) => {
    const outcome = outcomeOf(e);
    return outcome !== undefined && (outcomes[outcome]?.grant === true || outcome === 'refused');
  });
}
