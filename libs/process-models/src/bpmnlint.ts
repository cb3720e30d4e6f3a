/**
 * bpmnlint's `recommended` rules, run in Node on the model `validateModel` already parsed (same
 * moddle, same extension descriptors as the engine), with the reports translated to zh-CN.
 *
 * Severity is ours, not bpmnlint's default, and follows one question: would the engine run the
 * model wrongly, or would a legal officer misread it? Rules about how the engine moves tokens
 * (implicit splits/ends/starts, missing conditions, disconnected elements, duplicate flows, link
 * events, several blank starts) are errors: such a model hangs, forks by surprise or silently
 * ends a case. Rules about drawing and naming are warnings:
 * - `label-required`: an unnamed gateway or flow runs correctly, and every step a person sees
 *   already needs a name elsewhere (the inbox shows the task name); flag it, don't refuse it;
 * - `no-bpmndi`: the engine ignores layout; a model without it only cannot be drawn in the
 *   studio and the case diagram, which is worth fixing but does not endanger a case;
 * - `no-gateway-join-fork`, `fake-join`, `superfluous-gateway`, `superfluous-label`,
 *   `superfluous-termination`, `no-overlapping-elements`, `global`: style and readability;
 * - `no-inclusive-gateway`: bpmn-elements runs inclusive gateways; they are only harder to read.
 */
import { SA_PLUGIN, SA_RULES, SaRuleConfig } from './lint-plugin';
import { BpmnElement, ModelIssue, describeElement } from './validate-model';

export type RuleSeverity = 'error' | 'warn';

/** Every rule of bpmnlint's `recommended` config, with our severity. */
export const BPMNLINT_RULES: Record<string, RuleSeverity> = {
  'ad-hoc-sub-process': 'error',
  'conditional-flows': 'error',
  'end-event-required': 'error',
  'event-based-gateway': 'error',
  'event-sub-process-typed-start-event': 'error',
  'fake-join': 'warn',
  global: 'warn',
  'label-required': 'warn',
  'link-event': 'error',
  'no-bpmndi': 'warn',
  'no-complex-gateway': 'error',
  'no-disconnected': 'error',
  'no-duplicate-sequence-flows': 'error',
  'no-gateway-join-fork': 'warn',
  'no-implicit-split': 'error',
  'no-implicit-end': 'error',
  'no-implicit-start': 'error',
  'no-inclusive-gateway': 'warn',
  'no-overlapping-elements': 'warn',
  'single-blank-start-event': 'error',
  'single-event-definition': 'error',
  'start-event-required': 'error',
  'sub-process-blank-start-event': 'error',
  'superfluous-gateway': 'warn',
  'superfluous-label': 'warn',
  'superfluous-termination': 'warn',
};

/** zh-CN text per rule; a rule with several messages picks by bpmnlint's English text. */
const MESSAGES: Record<string, (english: string) => string> = {
  'ad-hoc-sub-process': (m) =>
    m.includes('Start Event')
      ? '自由子流程中不允许开始事件'
      : m.includes('End Event')
        ? '自由子流程中不允许结束事件'
        : '自由子流程的结构不符合规范',
  'conditional-flows': () =>
    '网关或活动的出口顺序流既没有条件也不是默认流，流转结果无法确定；请为它写条件，或把它设为网关的默认流',
  'end-event-required': () => '缺少结束事件，案件无法正常办结；请加结束事件并写明案件结果（sa:outcome）',
  'event-based-gateway': (m) =>
    m.includes('must not be conditional')
      ? '事件网关的出口顺序流不能带条件'
      : '事件网关至少要有两条出口顺序流',
  'event-sub-process-typed-start-event': () => '事件子流程的开始事件必须指定事件类型（如定时、消息）',
  'fake-join': () => '多条顺序流直接汇入同一活动，并不会等待会合；需要会合请加并行网关',
  global: (m) =>
    m.includes('unused')
      ? '全局元素（消息、信号、错误等）未被使用'
      : m.includes('not unique')
        ? '全局元素名称重复'
        : '全局元素缺少名称',
  'label-required': () => '缺少名称（name），图中和办理记录中只能显示 id',
  'link-event': (m) =>
    m.includes('missing link name')
      ? '链接事件缺少链接名称'
      : m.includes('Duplicate')
        ? '同一范围内有重名的链接捕获事件'
        : '链接事件在同一范围内找不到对应的抛出或捕获事件',
  'no-bpmndi': () => '缺少图形信息（bpmndi），流程设计器和案件流程图无法显示该元素',
  'no-complex-gateway': () => '引擎不支持复杂网关，请改用排他、并行或包容网关',
  'no-disconnected': () => '元素未与任何顺序流连接（孤立元素），永远不会执行',
  'no-duplicate-sequence-flows': (m) =>
    m.includes('outgoing')
      ? '有重复的出口顺序流（同一来源、同一目标）'
      : m.includes('incoming')
        ? '有重复的入口顺序流（同一来源、同一目标）'
        : '顺序流重复',
  'no-gateway-join-fork': () => '网关同时用于会合与分支，建议拆成两个网关以便阅读',
  'no-implicit-split': () => '活动有多条无条件出口，会隐式并行分支；请用网关明确分支',
  'no-implicit-end': () => '活动没有出口也不是结束事件（隐式结束），请连接到结束事件',
  'no-implicit-start': () => '活动没有入口也不是开始事件（隐式开始），请从开始事件连接过来',
  'no-inclusive-gateway': () => '使用了包容网关，流转较难理解，请确认确有必要',
  'no-overlapping-elements': (m) =>
    m.includes('outside') ? '图形超出所在子流程的边界' : '图形与其他元素重叠',
  'single-blank-start-event': () => '有多个无类型的开始事件，引擎无法确定从哪里开始',
  'single-event-definition': () => '一个事件只能有一个事件定义',
  'start-event-required': () => '缺少开始事件；请加一个无类型的开始事件',
  'sub-process-blank-start-event': () => '子流程的开始事件必须是无类型开始事件',
  'superfluous-gateway': () => '网关只有一个入口和一个出口，是多余的',
  'superfluous-label': () => '顺序流的名称多余（来源不是分支网关，名称不会被当作条件）',
  'superfluous-termination': () => '终止结束事件多余，可改为普通结束事件',
};

interface LintReport {
  id?: string;
  message: string;
  category: string;
}

interface BpmnlintLinter {
  lint(definitions: unknown): Promise<Record<string, LintReport[]>>;
}

type LinterConstructor = new (options: {
  config: Record<string, unknown>;
  resolver: {
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  };
}) => BpmnlintLinter;

const SAFE_NAME = /^[a-z][a-z-]*$/;

/**
 * Node's own `require`. bpmnlint is CommonJS but requires `min-dash` 5, which is ESM-only: Node ≥ 20.19
 * loads that through require(esm), jest's module registry cannot. `process.getBuiltinModule` reaches
 * the real `module` builtin past jest, so the linter loads the same way in tests and in production.
 */
const nativeRequire: NodeJS.Require = (() => {
  const getBuiltin = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const mod = getBuiltin?.('node:module') as typeof import('node:module') | undefined;
  return mod ? mod.createRequire(__filename) : require;
})();

/**
 * Loads rules from `bpmnlint/rules/<name>` and configs from `bpmnlint/config/<name>` as bpmnlint's
 * NodeResolver does for its own package, without depending on the process's working directory; the
 * rules of our own plugin (`sa/<name>`, package bpmnlint-plugin-sa) come from `lint-plugin/`.
 */
const resolver = {
  resolveRule(pkg: string, ruleName: string): unknown {
    if (pkg === SA_PLUGIN && Object.hasOwn(SA_RULES, ruleName)) return SA_RULES[ruleName];
    if (pkg !== 'bpmnlint' || !SAFE_NAME.test(ruleName)) throw new Error(`unknown rule ${pkg}/${ruleName}`);
    return nativeRequire(`bpmnlint/rules/${ruleName}`);
  },
  resolveConfig(pkg: string, configName: string): unknown {
    if (pkg !== 'bpmnlint' || !SAFE_NAME.test(configName))
      throw new Error(`unknown config ${pkg}/${configName}`);
    return nativeRequire(`bpmnlint/config/${configName}`);
  },
};

/**
 * A new Linter per model: a Linter caches the rule instances it creates, and some rules
 * (e.g. no-duplicate-sequence-flows) keep state in them, so a shared one would carry one
 * model's findings into the next.
 */
function newLinter(sa?: SaRuleConfig): BpmnlintLinter {
  const { Linter } = nativeRequire('bpmnlint') as { Linter: LinterConstructor };
  const own = sa
    ? Object.fromEntries(Object.keys(SA_RULES).map((name) => [`sa/${name}`, ['error', sa]]))
    : {};
  return new Linter({
    config: { extends: 'bpmnlint:recommended', rules: { ...BPMNLINT_RULES, ...own } },
    resolver,
  });
}

export interface BpmnlintResult {
  errors: ModelIssue[];
  warnings: ModelIssue[];
}

/** Elements by id, so reports can name the element the way the rest of the lint does. */
function index(definitions: BpmnElement): Map<string, BpmnElement> {
  const found = new Map<string, BpmnElement>();
  const visit = (element: unknown) => {
    if (!element || typeof element !== 'object') return;
    const e = element as BpmnElement;
    if (typeof e.id === 'string' && typeof e.$type === 'string' && !found.has(e.id)) found.set(e.id, e);
    for (const key of ['rootElements', 'flowElements', 'artifacts']) {
      const list = e[key];
      if (Array.isArray(list)) list.forEach(visit);
    }
  };
  visit(definitions);
  return found;
}

type Moddle = BpmnElement & { get?: (name: string) => unknown };

function refs(element: Moddle, name: 'incoming' | 'outgoing'): BpmnElement[] | undefined {
  const value = element.get ? element.get(name) : element[name];
  return Array.isArray(value) ? (value as BpmnElement[]) : undefined;
}

/**
 * bpmn-moddle fills a node's `incoming`/`outgoing` only from `<bpmn:incoming>` children, which
 * hand-written XML may leave out, while bpmnlint's rules read them; the engine follows
 * `sourceRef`/`targetRef`. Add the missing back-references so both see the same graph.
 */
function linkFlows(scope: BpmnElement): void {
  const elements = (scope.flowElements as Moddle[] | undefined) ?? [];
  for (const flow of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    const source = flow.sourceRef as Moddle | undefined;
    const target = flow.targetRef as Moddle | undefined;
    const outgoing = source && refs(source, 'outgoing');
    const incoming = target && refs(target, 'incoming');
    if (outgoing && !outgoing.includes(flow)) outgoing.push(flow);
    if (incoming && !incoming.includes(flow)) incoming.push(flow);
  }
  for (const element of elements) if (Array.isArray(element.flowElements)) linkFlows(element);
}

/**
 * Runs bpmnlint's recommended rules on a parsed `bpmn:Definitions`, and with `sa` the rules of our
 * plugin configured with it.
 */
export async function lintWithBpmnlint(definitions: BpmnElement, sa?: SaRuleConfig): Promise<BpmnlintResult> {
  for (const root of (definitions.rootElements as BpmnElement[] | undefined) ?? []) {
    if (root.$type === 'bpmn:Process') linkFlows(root);
  }
  const reports = await newLinter(sa).lint(definitions);
  const elements = index(definitions);
  const result: BpmnlintResult = { errors: [], warnings: [] };
  for (const [rule, list] of Object.entries(reports)) {
    for (const report of list) {
      const translate = MESSAGES[rule];
      const element = report.id ? elements.get(report.id) : undefined;
      const text = translate ? translate(report.message) : report.message;
      // Our own rules write their messages in Chinese already, each saying what the law requires.
      const where = rule.startsWith('sa/') ? '' : `（规则 ${rule}）`;
      const message = `${element ? describeElement(element) : (report.id ?? '模型')}：${text}${where}`;
      const issue: ModelIssue = { ...(report.id && { elementId: report.id }), message };
      // A rule that crashed ('rule-error') must not let a model through unchecked.
      if (report.category === 'error' || report.category === 'rule-error') result.errors.push(issue);
      else if (report.category === 'warn') result.warnings.push(issue);
    }
  }
  return result;
}
