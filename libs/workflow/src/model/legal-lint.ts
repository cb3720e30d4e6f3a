/**
 * Legal-completeness rules checked statically on a parsed model, on top of `validateModel`
 * (which already requires roles, deadlines and a template on every document.issue):
 * an adverse end must not be reachable without a written decision or notice, and a step
 * should say on which legal provision it acts.
 */
import { readLegalBasis, readOutcome, readServiceInfo } from './element-info';
import { BpmnElement, ModelIssue, describeElement } from './validate-model';

export interface LegalLintOptions {
  /**
   * Templates whose text tells the applicant about 行政复议/行政诉讼 (manifest `remedy: true`).
   * When given, the document issued before an adverse end must be one of them.
   */
  remedyTemplates?: readonly string[];
}

export interface LegalLintResult {
  errors: ModelIssue[];
  warnings: ModelIssue[];
}

/** Outcomes that grant what was applied for; every other outcome is adverse to the applicant. */
const FAVOURABLE_OUTCOMES = new Set(['confirmed']);

function list(element: BpmnElement, key: string): BpmnElement[] {
  const value = element[key];
  return Array.isArray(value) ? (value as BpmnElement[]) : [];
}

export function lintLegalCompleteness(
  definitions: BpmnElement,
  options: LegalLintOptions = {},
): LegalLintResult {
  const result: LegalLintResult = { errors: [], warnings: [] };
  const remedy = options.remedyTemplates && new Set(options.remedyTemplates);
  for (const process of list(definitions, 'rootElements').filter((r) => r.$type === 'bpmn:Process')) {
    lintScope(process, remedy, result);
  }
  return result;
}

function lintScope(process: BpmnElement, remedy: Set<string> | undefined, result: LegalLintResult): void {
  const elements = list(process, 'flowElements');
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const issues = (element: BpmnElement, message: string) => `${describeElement(element)}：${message}`;

  for (const element of elements) {
    if (element.$type === 'bpmn:UserTask' && !readLegalBasis(element)) {
      result.warnings.push({
        elementId: element.id,
        message: issues(element, '未写明 sa:legalBasis（法律依据）'),
      });
    }
  }

  // A path "passes" a written decision at a document.issue task (with a remedy template when known).
  const issuesDecision = (node: BpmnElement) => {
    const { service, template } = readServiceInfo(node);
    return service === 'document.issue' && (!remedy || (template !== undefined && remedy.has(template)));
  };
  const next = new Map<BpmnElement, BpmnElement[]>();
  for (const flow of flows) {
    const from = flow.sourceRef as BpmnElement | undefined;
    const to = flow.targetRef as BpmnElement | undefined;
    if (!from || !to) continue;
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  for (const node of elements.filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
    const host = node.attachedToRef as BpmnElement | undefined;
    if (host) next.set(host, [...(next.get(host) ?? []), node]);
  }
  const starts = elements.filter((e) => e.$type === 'bpmn:StartEvent');
  const undecided = new Set<BpmnElement>(starts);
  const queue = [...starts];
  while (queue.length) {
    const node = queue.pop() as BpmnElement;
    if (issuesDecision(node)) continue;
    for (const target of next.get(node) ?? []) {
      if (!undecided.has(target)) {
        undecided.add(target);
        queue.push(target);
      }
    }
  }

  for (const end of elements.filter((e) => e.$type === 'bpmn:EndEvent')) {
    const outcome = readOutcome(end);
    if (!outcome || FAVOURABLE_OUTCOMES.has(outcome) || !undecided.has(end)) continue;
    result.errors.push({
      elementId: end.id,
      message: issues(
        end,
        remedy
          ? `结果“${outcome}”对申请人不利，但有路径未出具告知行政复议、行政诉讼权利的书面决定或告知书（document.issue）即到达此处`
          : `结果“${outcome}”对申请人不利，但有路径未出具书面决定或告知书（document.issue）即到达此处`,
      ),
    });
  }
}
