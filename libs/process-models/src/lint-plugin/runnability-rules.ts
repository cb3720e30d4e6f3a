/**
 * Runnability rules: what the engine would accept but the host cannot run to an end (issue 15).
 * A gateway no branch of which matches, an expression naming a variable nobody sets or calling a
 * method, a timer the engine cannot parse or that fires at once, an element only a message could
 * move on, a loop of service tasks with nothing to wait for — each becomes a stuck case or a 500 on
 * completion, so each is refused at deploy. Pure functions over the parsed model.
 */
import { getDate, parseDuration } from '@0dep/piso';
import { FormField, readFormFields, readServiceInfo } from '../element-info';
import { expressionReferences } from '../expressions';
import type { BpmnElement, ModelIssue } from '../validate-model';
import { describeElement } from '../validate-model';
import { elementsOf, processesOf } from './graph';

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
};

export interface RunnabilityOptions {
  /** Deploy time: a fixed timer date before it would fire at once. */
  now?: Date;
  hostVariables?: readonly string[];
  serviceOutputs?: Record<string, readonly string[]>;
}

const WAIT_STATES = new Set([
  'bpmn:UserTask',
  'bpmn:IntermediateCatchEvent',
  'bpmn:ReceiveTask',
  'bpmn:CallActivity',
  'bpmn:SubProcess',
  'bpmn:Transaction',
  'bpmn:EventBasedGateway',
]);
const SERVICE_LIKE = new Set(['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']);
const HOSTLESS_EVENTS: Record<string, string> = {
  'bpmn:MessageEventDefinition': '消息',
  'bpmn:SignalEventDefinition': '信号',
  'bpmn:ConditionalEventDefinition': '条件',
};

function issue(element: BpmnElement, message: string): ModelIssue {
  return { ...(element.id && { elementId: element.id }), message: `${describeElement(element)}：${message}` };
}

function list(element: BpmnElement, key: string): BpmnElement[] {
  const value = element[key];
  return Array.isArray(value) ? (value as BpmnElement[]) : [];
}

function body(expression: unknown): string | undefined {
  const b =
    expression && typeof expression === 'object' ? (expression as { body?: unknown }).body : undefined;
  return typeof b === 'string' && b.trim() ? b.trim() : undefined;
}

/** Every flow element of a process, sub-processes included. */
function allElements(scope: BpmnElement): BpmnElement[] {
  return elementsOf(scope).flatMap((e) => [e, ...(Array.isArray(e.flowElements) ? allElements(e) : [])]);
}

export function lintRunnability(definitions: BpmnElement, options: RunnabilityOptions = {}): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const outputs = options.serviceOutputs ?? SERVICE_OUTPUTS;
  for (const process of processesOf(definitions)) {
    const elements = allElements(process);
    const fields = new Map<string, FormField[]>();
    for (const e of elements) {
      if (e.$type !== 'bpmn:UserTask' && e.$type !== 'bpmn:StartEvent') continue;
      for (const f of readFormFields(e)) fields.set(f.id, [...(fields.get(f.id) ?? []), f]);
    }
    const declared = new Set<string>([...fields.keys(), ...(options.hostVariables ?? HOST_VARIABLES)]);
    for (const e of elements) {
      const service = readServiceInfo(e).service;
      for (const name of (service && outputs[service]) ?? []) declared.add(name);
    }
    for (const e of elements) {
      checkHostless(e, issues);
      if (e.$type === 'bpmn:SequenceFlow') checkExpression(e, body(e.conditionExpression), declared, issues);
      for (const d of list(e, 'eventDefinitions')) {
        if (d.$type === 'bpmn:TimerEventDefinition')
          checkTimer(e, d, declared, options.now ?? new Date(), issues);
      }
      if (e.$type === 'bpmn:ExclusiveGateway') checkExhaustive(e, elements, issues);
    }
    for (const scope of [process, ...elements.filter((e) => Array.isArray(e.flowElements))])
      checkServiceLoops(scope, issues);
  }
  return issues;
}

function checkHostless(e: BpmnElement, issues: ModelIssue[]): void {
  if (e.$type === 'bpmn:IntermediateCatchEvent' || e.$type === 'bpmn:BoundaryEvent') {
    for (const d of list(e, 'eventDefinitions')) {
      const what = HOSTLESS_EVENTS[d.$type];
      if (what)
        issues.push(
          issue(
            e,
            `本系统没有任何接口投递${what}，等待${what}的事件会让案件永远停在这里；请改为用户任务（由经办人登记）或定时事件`,
          ),
        );
    }
  }
  if (e.$type === 'bpmn:ReceiveTask')
    issues.push(
      issue(
        e,
        '本系统没有任何接口投递消息，接收任务会让案件永远停在这里；请改为用户任务（由经办人登记收到的情况）',
      ),
    );
  if (e.$type === 'bpmn:Task')
    issues.push(
      issue(
        e,
        '未指定类型的任务没有人办理、也不调用服务；请改为用户任务（写明办理角色）或服务任务（写明 sa:service）',
      ),
    );
  if (e.$type === 'bpmn:ManualTask')
    issues.push(issue(e, '手工任务不会出现在任何人的待办中，案件无法推进；请改为用户任务并写明办理角色'));
}

function checkExpression(
  e: BpmnElement,
  text: string | undefined,
  declared: Set<string>,
  issues: ModelIssue[],
): void {
  if (!text || !text.includes('${')) return;
  let refs;
  try {
    refs = expressionReferences(text);
  } catch {
    return; // validateModel reports the syntax error
  }
  for (const call of refs.calls) {
    issues.push(
      issue(e, `表达式“${text}”调用了“${call}(…)”；表达式只能比较变量，不能调用方法，请改为比较表单字段的值`),
    );
  }
  for (const name of refs.variables.filter((v) => !declared.has(v))) {
    issues.push(
      issue(
        e,
        `表达式“${text}”引用了未声明的变量“${name}”；只能引用本流程表单字段、开始时的变量和服务输出，请先在表单中加入该字段或改正拼写`,
      ),
    );
  }
}

function checkTimer(
  e: BpmnElement,
  definition: BpmnElement,
  declared: Set<string>,
  now: Date,
  issues: ModelIssue[],
): void {
  const duration = body(definition.timeDuration);
  const date = body(definition.timeDate);
  for (const text of [duration, date, body(definition.timeCycle)]) checkExpression(e, text, declared, issues);
  if (duration && !duration.includes('${')) {
    let ms: number | undefined;
    try {
      ms = parseDuration(duration).toMilliseconds(now);
    } catch {
      ms = undefined;
    }
    if (ms === undefined || Number.isNaN(ms))
      issues.push(issue(e, `定时器时长“${duration}”引擎无法解析；请写 ISO 8601 时长，如“P7D”（7 天）`));
    else if (ms <= 0) issues.push(issue(e, `定时器时长“${duration}”为 0，会立即触发；请写正的时长`));
  }
  if (date && !date.includes('${')) {
    let at: Date | undefined;
    try {
      at = getDate(date);
    } catch {
      at = undefined;
    }
    if (!at || Number.isNaN(at.getTime()))
      issues.push(
        issue(e, `定时器日期“${date}”引擎无法解析；请写 ISO 8601 日期时间，如“2027-01-01T00:00:00+08:00”`),
      );
    else if (at.getTime() <= now.getTime())
      issues.push(issue(e, `定时器日期“${date}”已经过去，定时器会立即触发；请改为将来的日期或改用时长`));
  }
}

interface Coverage {
  field: string;
  values: Set<string>;
}

/** `${f == "a"}`, `${f == "a" || f == "b"}`, `${f}`, `${!f}`: which values of which field a flow takes. */
function coverage(text: string | undefined): Coverage | undefined {
  if (!text) return undefined;
  const inner = /^\$\{\s*([\s\S]*?)\s*\}$/.exec(text.replace(/&quot;/g, '"'))?.[1];
  if (!inner) return undefined;
  const bool = /^(!?)\s*([A-Za-z_]\w*)$/.exec(inner);
  if (bool) return { field: bool[2], values: new Set([bool[1] ? 'false' : 'true']) };
  let field: string | undefined;
  const values = new Set<string>();
  for (const part of inner.split('||')) {
    const m =
      /^\s*([A-Za-z_]\w*)\s*(?:==|eq)\s*(["'])(.*)\2\s*$/.exec(part) ??
      /^\s*(["'])(.*)\1\s*(?:==|eq)\s*([A-Za-z_]\w*)\s*$/.exec(part);
    if (!m) return undefined;
    const [name, value] = m[1].startsWith('"') || m[1].startsWith("'") ? [m[3], m[2]] : [m[1], m[3]];
    if (field && field !== name) return undefined;
    field = name;
    values.add(value);
  }
  return field ? { field, values } : undefined;
}

/**
 * The declarations of `field` whose value the gateway reads: those of the forms last submitted
 * before it on some path (a later form with the same field id overwrites the earlier value).
 */
function nearestDeclarations(gateway: BpmnElement, field: string, elements: BpmnElement[]): FormField[] {
  const previous = new Map<BpmnElement, BpmnElement[]>();
  for (const f of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    const to = f.targetRef as BpmnElement;
    previous.set(to, [...(previous.get(to) ?? []), f.sourceRef as BpmnElement]);
  }
  const found: FormField[] = [];
  const seen = new Set<BpmnElement>();
  const queue = [...(previous.get(gateway) ?? [])];
  while (queue.length) {
    const node = queue.pop() as BpmnElement;
    if (!node || seen.has(node)) continue;
    seen.add(node);
    const declared = readFormFields(node).filter((f) => f.id === field);
    if (declared.length) found.push(...declared);
    else queue.push(...(previous.get(node) ?? []));
  }
  return found;
}

function checkExhaustive(gateway: BpmnElement, elements: BpmnElement[], issues: ModelIssue[]): void {
  const outgoing = elements.filter((f) => f.$type === 'bpmn:SequenceFlow' && f.sourceRef === gateway);
  if (outgoing.length < 2 || gateway.default) return;
  // Unreachable: validateModel already says so, and no form can be said to precede it.
  if (!elements.some((f) => f.$type === 'bpmn:SequenceFlow' && f.targetRef === gateway)) return;
  const conditions = outgoing.map((f) => coverage(body(f.conditionExpression)));
  const field = conditions[0]?.field;
  const advice = '请加一条默认流（default），或让各出口的条件覆盖一个必填的枚举或是非字段的全部取值';
  if (!field || conditions.some((c) => !c || c.field !== field)) {
    issues.push(issue(gateway, `没有默认流，而各出口的条件无法证明总有一条成立；${advice}`));
    return;
  }
  const declarations = nearestDeclarations(gateway, field, elements);
  const taken = new Set(conditions.flatMap((c) => [...(c as Coverage).values]));
  const kinds = new Set(declarations.map((d) => d.type));
  if (!declarations.length || kinds.size !== 1 || !(kinds.has('enum') || kinds.has('boolean'))) {
    issues.push(
      issue(
        gateway,
        `没有默认流，条件所依据的“${field}”不是表单中的枚举或是非字段，可能取到没有出口的值；${advice}`,
      ),
    );
    return;
  }
  if (
    declarations.some(
      (d) => !d.constraints.some((c) => c.name === 'required') && d.defaultValue === undefined,
    )
  ) {
    issues.push(
      issue(
        gateway,
        `没有默认流，而字段“${declarations[0].label}”（${field}）不是必填项，留空时没有出口；${advice}`,
      ),
    );
    return;
  }
  const options = kinds.has('boolean')
    ? [
        { id: 'true', name: '是' },
        { id: 'false', name: '否' },
      ]
    : declarations.flatMap((d) => d.options);
  const missing = options.filter((o, i) => !taken.has(o.id) && options.findIndex((p) => p.id === o.id) === i);
  if (missing.length) {
    issues.push(
      issue(
        gateway,
        `没有默认流，而字段“${declarations[0].label}”的取值${missing.map((o) => `“${o.name}”（${o.id}）`).join('、')}没有出口，选了它的案件会卡住；${advice}`,
      ),
    );
  }
}

/** A cycle through service tasks with no wait state runs until the engine gives up. */
function checkServiceLoops(scope: BpmnElement, issues: ModelIssue[]): void {
  const elements = elementsOf(scope);
  const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow' && !WAIT_STATES.has(e.$type));
  const inScope = new Set(nodes);
  const next = new Map<BpmnElement, BpmnElement[]>(nodes.map((n) => [n, []]));
  for (const f of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    const from = f.sourceRef as BpmnElement;
    const to = f.targetRef as BpmnElement;
    if (inScope.has(from) && inScope.has(to)) next.get(from)?.push(to);
  }
  const reported = new Set<BpmnElement>();
  for (const start of nodes.filter((n) => SERVICE_LIKE.has(n.$type))) {
    if (reported.has(start)) continue;
    // Is `start` on a cycle of non-waiting nodes?
    const seen = new Set<BpmnElement>();
    const queue = [...(next.get(start) ?? [])];
    let cycle = false;
    while (queue.length && !cycle) {
      const n = queue.pop() as BpmnElement;
      if (n === start) cycle = true;
      else if (!seen.has(n)) {
        seen.add(n);
        queue.push(...(next.get(n) ?? []));
      }
    }
    if (!cycle) continue;
    const loop = [...seen].filter((n) => SERVICE_LIKE.has(n.$type));
    loop.forEach((n) => reported.add(n));
    reported.add(start);
    issues.push(
      issue(
        start,
        '处在一个没有等待环节（用户任务或定时事件）的循环中，会无限次地调用服务；请在循环中加入用户任务或定时事件，或删除回流的顺序流',
      ),
    );
  }
}
