/**
 * Legal rules a model must meet to deploy (issue 15): the statutory steps of the application
 * programs (入户调查, 公示, the county's decision at the county), deadlines within the statutory
 * limits, a declared outcome on every end consistent with the decision on its path, and a 送达 step
 * after every served document. Steps are recognised by what the model declares (`sa:step`,
 * `sa:service`/`sa:template`, the 送达 form fields), never by their Chinese names. Pure functions.
 */
import { parseDuration } from '@0dep/piso';
import { Due, parseDue, readFormFields, readServiceInfo, splitCandidateGroups } from '../element-info';
import { readProcessInfo } from '../process-info';
import type { BpmnElement, ModelIssue } from '../validate-model';
import { describeElement } from '../validate-model';
import { FlowGraph, flowGraph, processesOf, reachableAvoiding } from './graph';
import {
  ADVERSE_DECISION_TEMPLATES,
  CASE_LIMIT,
  CASE_LIMIT_BASIS,
  CASE_LIMIT_EXTENDED,
  Limit,
  OUTCOMES,
  PROGRAM_RULES,
  ProgramRules,
  ROLE_LEVELS,
  STEP_KINDS,
  STEP_LABELS,
  STEP_LEVELS,
  StepKind,
  calendarDays,
  formatLimit,
} from './vocabulary';

export interface LegalRuleOptions {
  /** Templates served on the applicant (manifest `delivery: "served"`); the 送达 rule runs when given. */
  servedTemplates?: readonly string[];
  /** Decision templates that refuse, reduce or end; default ADVERSE_DECISION_TEMPLATES. */
  adverseTemplates?: readonly string[];
}

const LEVEL_NAMES = { township: '乡镇（街道）', county: '县级民政部门' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

function issue(element: BpmnElement, message: string): ModelIssue {
  return { ...(element.id && { elementId: element.id }), message: `${describeElement(element)}：${message}` };
}

export function stepKind(element: BpmnElement): StepKind | undefined {
  const value = typeof element.step === 'string' ? element.step.trim() : '';
  return (STEP_KINDS as readonly string[]).includes(value) ? (value as StepKind) : undefined;
}

function template(element: BpmnElement): string | undefined {
  const info = readServiceInfo(element);
  return info.service === 'document.issue' ? info.template : undefined;
}

/** A 送达 step: a user task that records how, when and to whom a document was served. */
export function isServiceStep(element: BpmnElement): boolean {
  if (element.$type !== 'bpmn:UserTask') return false;
  const ids = new Set(readFormFields(element).map((f) => f.id));
  return ids.has('serviceMethod') && ids.has('serviceDate') && ids.has('recipient');
}

function outcomeOf(end: BpmnElement): string | undefined {
  return typeof end.outcome === 'string' && end.outcome.trim() ? end.outcome.trim() : undefined;
}

function exceeds(due: Due, limit: Limit): boolean {
  return calendarDays(due) > calendarDays(limit);
}

export function lintLegalRules(definitions: BpmnElement, options: LegalRuleOptions = {}): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const info = readProcessInfo(definitions);
  for (const process of processesOf(definitions)) {
    const graph = flowGraph(process);
    const rules =
      info?.kind === 'application' && info.program && process.id === info.key
        ? PROGRAM_RULES[info.program]
        : undefined;
    checkStepKinds(graph, issues);
    checkOutcomes(graph, options, info?.kind === 'application', issues);
    checkDeadlines(process, graph, rules, issues);
    if (options.servedTemplates) checkServiceSteps(graph, new Set(options.servedTemplates), issues);
    if (rules) checkProgram(process, graph, rules, issues);
  }
  return issues;
}

function checkStepKinds(graph: FlowGraph, issues: ModelIssue[]): void {
  for (const node of graph.nodes) {
    if (node.step !== undefined && !stepKind(node)) {
      issues.push(
        issue(node, `sa:step“${String(node.step)}”不是已登记的环节类型（可用：${STEP_KINDS.join('、')}）`),
      );
    }
  }
}

/**
 * @param grantsNeedDecision a grant is the answer to an application; a procedure on a case (a
 * review, a note) or a test model may close with the case's standing outcome and decide nothing new.
 */
function checkOutcomes(
  graph: FlowGraph,
  options: LegalRuleOptions,
  grantsNeedDecision: boolean,
  issues: ModelIssue[],
): void {
  const adverse = new Set(options.adverseTemplates ?? ADVERSE_DECISION_TEMPLATES);
  const vocabulary = Object.entries(OUTCOMES)
    .map(([id, o]) => `${id}（${o.label}）`)
    .join('、');
  for (const end of graph.ends) {
    const outcome = outcomeOf(end);
    if (!outcome) {
      issues.push(issue(end, `未写明案件结果（sa:outcome）；请从以下结果中选择：${vocabulary}`));
      continue;
    }
    const entry = OUTCOMES[outcome];
    if (!entry) {
      issues.push(issue(end, `案件结果“${outcome}”不在已登记的结果中；请从以下结果中选择：${vocabulary}`));
      continue;
    }
    if (!entry.grant) continue;
    const decides = (n: BpmnElement) => {
      const t = template(n);
      return t !== undefined && !adverse.has(t);
    };
    if (grantsNeedDecision && reachableAvoiding(graph, graph.starts, decides).has(end)) {
      issues.push(
        issue(
          end,
          `结果记为“${outcome}”（${entry.label}），但有路径未出具任何决定书或通知书即到达此处；请在结束前出具给予（确认）的决定书`,
        ),
      );
    }
    const refusal = graph.nodes.find(
      (n) =>
        adverse.has(template(n) ?? '') &&
        reachableAvoiding(graph, graph.next.get(n) ?? [], () => false).has(end),
    );
    if (refusal) {
      issues.push(
        issue(
          end,
          `结果记为“${outcome}”（${entry.label}），但经过${describeElement(refusal)}（出具不利决定“${template(refusal)}”）的路径也到达此处；请把该路径连到结果相符的结束事件（如 refused）`,
        ),
      );
    }
  }
}

function checkDeadlines(
  process: BpmnElement,
  graph: FlowGraph,
  rules: ProgramRules | undefined,
  issues: ModelIssue[],
): void {
  const caseLimit = parseDue(process.caseLimit);
  const extended = parseDue(process.caseLimitExtended);
  if (caseLimit && exceeds(caseLimit, CASE_LIMIT)) {
    issues.push(
      issue(
        process,
        `办理总时限 sa:caseLimit=“${String(process.caseLimit)}”超过法定的 ${formatLimit(CASE_LIMIT)}（${CASE_LIMIT_BASIS}）；请改为不超过“30WD”`,
      ),
    );
  }
  if (caseLimit && caseLimit.amount === 0) issues.push(issue(process, '办理总时限 sa:caseLimit 不能为 0'));
  if (extended && exceeds(extended, CASE_LIMIT_EXTENDED)) {
    issues.push(
      issue(
        process,
        `延长后的办理总时限 sa:caseLimitExtended=“${String(process.caseLimitExtended)}”超过法定的 ${formatLimit(CASE_LIMIT_EXTENDED)}（${CASE_LIMIT_BASIS}）；请改为不超过“45WD”`,
      ),
    );
  }
  const whole: Limit = extended ?? caseLimit ?? CASE_LIMIT_EXTENDED;
  for (const node of graph.nodes.filter((n) => n.$type === 'bpmn:UserTask')) {
    const due = parseDue(node.due);
    if (!due) continue; // validateModel reports a missing or unreadable sa:due
    const kind = stepKind(node);
    if (due.amount === 0 && !(kind === 'emergency' && rules?.emergency)) {
      issues.push(
        issue(
          node,
          `办理时限 sa:due=“${String(node.due)}”为 0，任务一开始即逾期；请填写法定或合理的时限（如“5WD”）${rules?.emergency ? '，当日办结只适用于先行救助环节（sa:step="emergency"）' : ''}`,
        ),
      );
    } else if (exceeds(due, whole)) {
      issues.push(
        issue(
          node,
          `办理时限 sa:due=“${String(node.due)}”超过整个案件的办理时限 ${formatLimit(whole)}（${CASE_LIMIT_BASIS}）；请缩短`,
        ),
      );
    } else if ((kind === 'confirmation' || kind === 'entrusted-confirmation') && rules?.confirmationLimit) {
      const { limit, basis } = rules.confirmationLimit;
      if (exceeds(due, limit)) {
        issues.push(
          issue(
            node,
            `审核确认时限 sa:due=“${String(node.due)}”超过法定的 ${formatLimit(limit)}（${basis}）；请改为不超过“${limit.amount}${limit.unit}”`,
          ),
        );
      }
    }
  }
}

/**
 * 送达: a served document takes effect only once served, so from its document.issue every path to
 * an end must pass a user task recording the service (method, date, recipient) — the receipt
 * template alone records nothing the clerk entered.
 */
function checkServiceSteps(graph: FlowGraph, served: Set<string>, issues: ModelIssue[]): void {
  for (const node of graph.nodes) {
    const t = template(node);
    if (!t || !served.has(t)) continue;
    const reached = reachableAvoiding(graph, graph.next.get(node) ?? [], isServiceStep);
    const end = [...reached].find(
      (n) => n.$type === 'bpmn:EndEvent' || (graph.next.get(n) ?? []).length === 0,
    );
    if (end) {
      issues.push(
        issue(
          node,
          `文书“${t}”须送达申请人，但有路径未经送达环节即到达${describeElement(end)}；请在其后加送达用户任务（登记送达方式 serviceMethod、送达日期 serviceDate、受送达人 recipient）`,
        ),
      );
    }
  }
}

function checkProgram(
  process: BpmnElement,
  graph: FlowGraph,
  rules: ProgramRules,
  issues: ModelIssue[],
): void {
  const ofKind = (kind: StepKind) => graph.nodes.filter((n) => stepKind(n) === kind);
  const emergency = ofKind('emergency');
  if (emergency.length && !rules.emergency) {
    for (const node of emergency)
      issues.push(issue(node, `${rules.name}没有先行救助程序，不能标为 sa:step="emergency"；请删除该标记`));
  }
  const exempt = (n: BpmnElement) => Boolean(rules.emergency) && stepKind(n) === 'emergency';
  const decisions = graph.ends.filter((e) => {
    const outcome = outcomeOf(e);
    return outcome !== undefined && (OUTCOMES[outcome]?.grant === true || outcome === 'refused');
  });

  // 入户调查 on every path to a decision.
  const investigations = ofKind('investigation');
  if (!investigations.length) {
    issues.push(
      issue(
        process,
        `缺少入户调查环节（sa:step="investigation" 的用户任务）；${rules.investigation.basis}规定作出决定前必须调查，请加入该环节`,
      ),
    );
  } else {
    const unchecked = reachableAvoiding(
      graph,
      graph.starts,
      (n) => stepKind(n) === 'investigation' || exempt(n),
    );
    for (const end of decisions.filter((e) => unchecked.has(e))) {
      issues.push(
        issue(
          end,
          `有路径未经入户调查（${investigations.map((n) => describeElement(n)).join('、')}）即到达此决定；${rules.investigation.basis}不允许跳过调查，请删除绕过调查的顺序流或条件`,
        ),
      );
    }
  }

  // The county's decision, at the county (or the township under a recorded entrustment).
  const confirmations = [...ofKind('confirmation'), ...ofKind('entrusted-confirmation')];
  if (!confirmations.length) {
    issues.push(
      issue(
        process,
        '缺少审核确认环节（sa:step="confirmation" 的用户任务）；请标明由县级民政部门作出决定的环节',
      ),
    );
  }
  for (const node of ofKind('entrusted-confirmation')) {
    if (!rules.entrustable)
      issues.push(
        issue(
          node,
          `${rules.name}的审核确认不得委托乡镇（街道）；请改为 sa:step="confirmation" 并由县级民政部门办理`,
        ),
      );
  }
  for (const node of graph.nodes) {
    const kind = stepKind(node);
    const level = kind && STEP_LEVELS[kind];
    if (!level || node.$type !== 'bpmn:UserTask') continue;
    for (const group of splitCandidateGroups(node.candidateGroups)) {
      const actual = ROLE_LEVELS[group];
      if (actual && actual !== level) {
        issues.push(
          issue(
            node,
            `${STEP_LABELS[kind]}由${LEVEL_NAMES[level]}行使，不能交给${LEVEL_NAMES[actual]}的角色“${group}”；请改为${Object.entries(
              ROLE_LEVELS,
            )
              .filter(([, l]) => l === level)
              .map(([r]) => `“${r}”`)
              .join('或')}`,
          ),
        );
      }
    }
  }
  if (decisions.length && confirmations.length) {
    const undecided = reachableAvoiding(graph, graph.starts, (n) => confirmations.includes(n) || exempt(n));
    for (const end of decisions.filter((e) => undecided.has(e))) {
      issues.push(
        issue(end, '有路径未经审核确认环节即到达此决定；请经县级民政部门（或受委托的乡镇）审核确认后再结束'),
      );
    }
  }

  if (rules.publicNotice) checkPublicNotice(process, graph, rules, confirmations, exempt, issues);
}

/**
 * 公示: a timer of the statutory period (7 natural days), which every path into the county's
 * decision that carries a favourable first-instance opinion must wait out. Which branch is favourable
 * is data the model cannot prove, so the rule asks: the 公示 lies between a first-instance step and
 * the confirmation, and no path from the 公示 notice reaches the confirmation without waiting it out.
 */
/** The documents issued just before the 公示 timers: reached backwards through gateways only. */
function documentsBefore(graph: FlowGraph, timers: BpmnElement[]): BpmnElement[] {
  const previous = new Map<BpmnElement, BpmnElement[]>();
  for (const [from, targets] of graph.next)
    for (const to of targets) previous.set(to, [...(previous.get(to) ?? []), from]);
  const found = new Set<BpmnElement>();
  const seen = new Set<BpmnElement>();
  const queue = timers.flatMap((t) => previous.get(t) ?? []);
  while (queue.length) {
    const node = queue.pop() as BpmnElement;
    if (seen.has(node)) continue;
    seen.add(node);
    if (template(node) !== undefined) found.add(node);
    else if (node.$type.endsWith('Gateway')) queue.push(...(previous.get(node) ?? []));
  }
  return [...found];
}

function checkPublicNotice(
  process: BpmnElement,
  graph: FlowGraph,
  rules: ProgramRules,
  confirmations: BpmnElement[],
  exempt: (n: BpmnElement) => boolean,
  issues: ModelIssue[],
): void {
  const notice = rules.publicNotice!;
  const timers = graph.nodes.filter((n) => stepKind(n) === 'public-notice');
  const statutory = `${formatLimit(notice.period)}（${notice.basis}）`;
  if (!timers.length) {
    issues.push(
      issue(
        process,
        `缺少公示环节（sa:step="public-notice" 的定时事件，期间 P${notice.period.amount}D）；${rules.name}的初审意见须公示 ${statutory}，请加入公示`,
      ),
    );
    return;
  }
  for (const timer of timers) {
    const definition = (
      Array.isArray(timer.eventDefinitions) ? (timer.eventDefinitions as BpmnElement[]) : []
    ).find((d) => d.$type === 'bpmn:TimerEventDefinition');
    const duration = (definition?.timeDuration as { body?: unknown } | undefined)?.body;
    const text = typeof duration === 'string' ? duration.trim() : '';
    let ms: number | undefined;
    try {
      ms = text && !text.includes('${') ? parseDuration(text).toMilliseconds(new Date(0)) : undefined;
    } catch {
      ms = undefined;
    }
    const unparsable = text !== '' && !text.includes('${') && ms === undefined;
    if (unparsable) continue; // the runnability rules report a duration the engine cannot parse
    if (!definition || ms === undefined) {
      issues.push(
        issue(
          timer,
          `公示须为固定期间的定时事件（timeDuration 写“P${notice.period.amount}D”），法定公示期 ${statutory}`,
        ),
      );
    } else if (ms < calendarDays(notice.period) * DAY_MS) {
      issues.push(issue(timer, `公示期“${text}”短于法定的 ${statutory}；请改为“P${notice.period.amount}D”`));
    }
  }
  const firstInstance = graph.nodes.filter((n) => stepKind(n) === 'first-instance');
  const beforeDecision = (n: BpmnElement) => confirmations.includes(n);
  // Every path from the 公示 notice onwards waits out the 公示 before the county decides.
  const noticeDocuments = documentsBefore(graph, timers);
  for (const document of noticeDocuments) {
    const reached = reachableAvoiding(graph, graph.next.get(document) ?? [], (n) => timers.includes(n));
    const decision = [...reached].find(beforeDecision);
    if (decision) {
      issues.push(
        issue(
          decision,
          `有路径在出具公示（${describeElement(document)}）后未等公示期满即到达此环节；请删除绕过公示的顺序流或条件（法定公示期 ${statutory}）`,
        ),
      );
    }
  }
  // The 公示 stands between the first instance and the decision: reachable from one, reaching the other.
  const afterFirst = firstInstance.length
    ? reachableAvoiding(
        graph,
        firstInstance.flatMap((n) => graph.next.get(n) ?? []),
        exempt,
      )
    : reachableAvoiding(graph, graph.starts, exempt);
  for (const timer of timers) {
    const leadsToDecision = [...reachableAvoiding(graph, graph.next.get(timer) ?? [], () => false)].some(
      beforeDecision,
    );
    if (!afterFirst.has(timer) || !leadsToDecision) {
      issues.push(
        issue(timer, '公示须在初审之后、审核确认之前；请把它放在初审意见与县级审核确认之间的路径上'),
      );
    }
  }
}
