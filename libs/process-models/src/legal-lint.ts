/**
 * Legal-completeness rules checked statically on a parsed model, on top of `validateModel`
 * (which already requires roles, deadlines and a template on every document.issue):
 * an adverse end must not be reachable without a written decision or notice, and a step
 * should say on which legal provision it acts, and a document given to the applicant must be
 * followed by its service (送达) on record before the case ends.
 */
import { readLegalBasis, readOutcome, readServiceInfo } from './element-info';
import { BpmnElement, ModelIssue, describeElement } from './validate-model';

export interface LegalLintOptions {
  /**
   * Templates whose text tells the applicant about 行政复议/行政诉讼 (manifest `remedy: true`).
   * When given, the document issued before an adverse end must be one of them.
   */
  remedyTemplates?: readonly string[];
  /**
   * Templates given to the applicant (manifest `delivery: "served"`). When given, every
   * document.issue of one must be followed, on every path to an end, by a service record.
   */
  servedTemplates?: readonly string[];
  /** Templates whose issue records the service (manifest `recordsService: true`); default `service-receipt`. */
  serviceRecordTemplates?: readonly string[];
}

export const DEFAULT_SERVICE_RECORD_TEMPLATES = ['service-receipt'] as const;

export interface LegalLintResult {
  errors: ModelIssue[];
  warnings: ModelIssue[];
}

/**
 * Outcomes (`sa:outcome`) that grant what was asked, keep what the household has, or are not a
 * decision about the household at all. Every other outcome — including one this list does not
 * know — counts as adverse, so a new word cannot slip past the remedy rule.
 */
const FAVOURABLE_OUTCOMES = new Set([
  // granted what was applied for
  'confirmed',
  'granted',
  'recognized',
  // dynamic management that leaves the household no worse off
  'increased',
  'unchanged',
  'not-reduced',
  'not-terminated',
  'not-recovered',
  'not-penalized',
  // not decisions on the household: a warning lifted, a complaint answered
  'lifted',
  'replied',
  'anonymous-closed',
]);

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
  const served = options.servedTemplates && new Set(options.servedTemplates);
  const records = new Set(options.serviceRecordTemplates ?? DEFAULT_SERVICE_RECORD_TEMPLATES);
  for (const process of list(definitions, 'rootElements').filter((r) => r.$type === 'bpmn:Process')) {
    lintScope(process, remedy, result);
    if (served) lintService(process, served, records, result);
  }
  return result;
}

/** Successors of every flow node: sequence flows plus the boundary events attached to it. */
function successors(elements: BpmnElement[]): Map<BpmnElement, BpmnElement[]> {
  const next = new Map<BpmnElement, BpmnElement[]>();
  for (const flow of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    const from = flow.sourceRef as BpmnElement | undefined;
    const to = flow.targetRef as BpmnElement | undefined;
    if (!from || !to) continue;
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  for (const node of elements.filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
    const host = node.attachedToRef as BpmnElement | undefined;
    if (host) next.set(host, [...(next.get(host) ?? []), node]);
  }
  return next;
}

/**
 * 送达: a document given to the applicant only takes effect once served, and the service must be
 * on record. From every document.issue of a served template, no path may reach an end of the
 * scope (or a dead end) without passing a document.issue of a service-record template.
 */
function lintService(
  scope: BpmnElement,
  served: Set<string>,
  records: Set<string>,
  result: LegalLintResult,
): void {
  const elements = list(scope, 'flowElements');
  const next = successors(elements);
  const template = (node: BpmnElement) => {
    const info = readServiceInfo(node);
    return info.service === 'document.issue' ? info.template : undefined;
  };
  for (const issue of elements.filter((e) => served.has(template(e) ?? ''))) {
    const seen = new Set<BpmnElement>();
    const queue = [...(next.get(issue) ?? [])];
    let unserved: BpmnElement | undefined;
    let overtaken: BpmnElement | undefined;
    while (queue.length && !unserved) {
      const node = queue.pop() as BpmnElement;
      if (seen.has(node)) continue;
      seen.add(node);
      if (records.has(template(node) ?? '')) continue;
      if (node !== issue && served.has(template(node) ?? '')) overtaken ??= node;
      const targets = next.get(node) ?? [];
      if (node.$type === 'bpmn:EndEvent' || targets.length === 0) unserved = node;
      queue.push(...targets);
    }
    const recordNames = [...records].join('、');
    if (unserved) {
      result.errors.push({
        elementId: issue.id,
        message: `${describeElement(issue)}：文书“${template(issue)}”须送达申请人，但有路径未出具送达记录（${recordNames}）即到达${describeElement(unserved)}；请在其后加送达环节和送达回证`,
      });
    } else if (overtaken) {
      // A later receipt exists on every path, but it may record another document's service.
      result.warnings.push({
        elementId: issue.id,
        message: `${describeElement(issue)}：文书“${template(issue)}”须送达申请人，但有路径在出具送达记录（${recordNames}）之前又出具了须送达的${describeElement(overtaken)}；之后的送达回证可能只记录了后一份文书的送达`,
      });
    }
  }
  for (const node of elements) {
    if (node.$type === 'bpmn:SubProcess' || node.$type === 'bpmn:Transaction')
      lintService(node, served, records, result);
  }
}

function lintScope(process: BpmnElement, remedy: Set<string> | undefined, result: LegalLintResult): void {
  const elements = list(process, 'flowElements');
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
  const next = successors(elements);
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
