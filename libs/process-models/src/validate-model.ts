/**
 * Deploy-time check of a BPMN model against what bpmn-engine really runs and against our
 * conventions. bpmn-engine accepts many broken models (unresolved references are parser
 * *warnings*; such a case then hangs forever), so everything doubtful is an error here.
 */
import { checkExpressionSyntax, expressionReferences, isExpression } from './expressions';
import {
  CONSTRAINT_NAMES,
  FORM_FIELD_TYPES,
  parseDue,
  readFormFields,
  readServiceInfo,
  splitCandidateGroups,
} from './element-info';
import { isValidDate, parseYuanToFen } from './form-validation';
import { parseBpmn } from './moddle';

export interface ModelIssue {
  elementId?: string;
  message: string;
}

/** A bpmn-moddle element; only the properties this module reads are typed. */
export interface BpmnElement {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

export interface ModelValidationResult {
  ok: boolean;
  errors: ModelIssue[];
  warnings: ModelIssue[];
  /** The parsed `bpmn:Definitions` root, when the XML could be parsed. */
  definitions?: BpmnElement;
  /**
   * The input is not a BPMN model at all (empty, too large, DOCTYPE/ENTITY, too deeply nested,
   * not well-formed XML, wrong root): nothing was linted, and callers refuse it outright.
   */
  unreadable?: boolean;
}

export interface ValidateModelOptions {
  /** Named domain services a service task may call (`sa:service`). */
  services?: readonly string[];
  /** Candidate groups a user task may name. */
  roles?: readonly string[];
  /** Template ids `document.issue` may name; not checked when omitted. */
  templates?: readonly string[];
  maxBytes?: number;
}

export const DEFAULT_SERVICES = ['document.issue', 'assessment.evaluate'] as const;
export const DEFAULT_ROLES = [
  'window_clerk',
  'investigator',
  'township_reviewer',
  'county_approver',
] as const;
export const MAX_MODEL_BYTES = 2 * 1024 * 1024;

/**
 * Flow element types bpmn-elements 17 implements (see its index.js exports).
 * Left out on purpose: ComplexGateway (no implementation), AdHocSubProcess (mapped to a plain
 * sub-process, so ad-hoc semantics would silently be lost) and ScriptTask (runs JavaScript
 * from the model in the server process).
 */
export const SUPPORTED_FLOW_ELEMENTS = [
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:IntermediateCatchEvent',
  'bpmn:IntermediateThrowEvent',
  'bpmn:BoundaryEvent',
  'bpmn:Task',
  'bpmn:UserTask',
  'bpmn:ManualTask',
  'bpmn:ServiceTask',
  'bpmn:SendTask',
  'bpmn:BusinessRuleTask',
  'bpmn:ReceiveTask',
  'bpmn:CallActivity',
  'bpmn:SubProcess',
  'bpmn:Transaction',
  'bpmn:ExclusiveGateway',
  'bpmn:InclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:EventBasedGateway',
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
] as const;

const NOT_FLOW_NODES = new Set([
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);
const SERVICE_LIKE = new Set(['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']);
const SCOPES = new Set(['bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:AdHocSubProcess']);

/**
 * Checks bpmnlint's recommended rules make (lint-model runs them): not repeated here, so each problem
 * is reported once — the complex gateway (no-complex-gateway), a process without a start or an end
 * event (start-event-required, end-event-required), a gateway exit with neither a condition nor the
 * default (conditional-flows).
 */
const LEFT_TO_BPMNLINT = new Set(['bpmn:ComplexGateway']);

const UNSUPPORTED_REASONS: Record<string, string> = {
  'bpmn:AdHocSubProcess': '引擎不支持自由子流程（bpmn:AdHocSubProcess），它会被当作普通子流程执行',
  'bpmn:ScriptTask':
    '不允许脚本任务（bpmn:ScriptTask）：脚本会在服务器上执行任意代码，请改用 sa:service 服务任务',
};

/** Camunda extension elements that would run code in the server; none is supported. */
const CODE_EXTENSIONS: Record<string, string> = {
  'camunda:ExecutionListener': '不允许执行监听器（camunda:executionListener）：请改用 sa:service 服务任务',
  'camunda:TaskListener': '不允许任务监听器（camunda:taskListener）：请改用 sa:service 服务任务',
  'camunda:Script': '不允许脚本（camunda:script）：脚本会在服务器上执行任意代码',
  'camunda:Connector': '不允许连接器（camunda:connector）：请改用 sa:service 服务任务',
};

const TYPE_NAMES: Record<string, string> = {
  'bpmn:Process': '流程',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:IntermediateCatchEvent': '中间捕获事件',
  'bpmn:IntermediateThrowEvent': '中间抛出事件',
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:UserTask': '用户任务',
  'bpmn:ServiceTask': '服务任务',
  'bpmn:SendTask': '发送任务',
  'bpmn:BusinessRuleTask': '业务规则任务',
  'bpmn:ScriptTask': '脚本任务',
  'bpmn:ExclusiveGateway': '排他网关',
  'bpmn:InclusiveGateway': '包容网关',
  'bpmn:ParallelGateway': '并行网关',
  'bpmn:ComplexGateway': '复杂网关',
  'bpmn:SequenceFlow': '顺序流',
  'bpmn:SubProcess': '子流程',
  'bpmn:AdHocSubProcess': '自由子流程',
  'bpmn:CallActivity': '调用活动',
  'bpmn:ReceiveTask': '接收任务',
  'bpmn:ManualTask': '手工任务',
  'bpmn:Task': '任务',
};

/** Names the variable resolver reserves or rewrites (see expressions.ts). */
const RESERVED_VARIABLE_NAMES = new Set([
  'environment',
  'content',
  'fields',
  'properties',
  'and',
  'or',
  'not',
  'eq',
  'ne',
  'lt',
  'gt',
  'le',
  'ge',
  'true',
  'false',
  'null',
  'undefined',
  'id',
]);
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/**
 * How messages name an element: by the name a legal officer gave it, the id only when it has none
 * (the id still travels in `elementId`, for the studio to find the element on the diagram).
 */
export function describeElement(element: BpmnElement | undefined): string {
  if (!element) return '元素';
  const typeName = TYPE_NAMES[element.$type] ?? `元素（${element.$type}）`;
  const name = typeof element.name === 'string' && element.name.trim() ? element.name.trim() : undefined;
  return name ? `${typeName}“${name}”` : `${typeName}（${element.id ?? '无 id'}，未命名）`;
}

function children(element: BpmnElement, key: string): BpmnElement[] {
  const value = element[key];
  return Array.isArray(value) ? (value as BpmnElement[]) : [];
}

function body(expression: unknown): string | undefined {
  if (!expression || typeof expression !== 'object') return undefined;
  const b = (expression as { body?: unknown }).body;
  return typeof b === 'string' ? b.trim() : undefined;
}

class Collector {
  readonly errors: ModelIssue[] = [];
  readonly warnings: ModelIssue[] = [];
  error(element: BpmnElement | undefined, message: string): void {
    this.errors.push({
      ...(element?.id && { elementId: element.id }),
      message: element ? `${describeElement(element)}：${message}` : message,
    });
  }
  /** Whether this element already has an error saying `text` (one problem is reported once). */
  has(element: BpmnElement, text: string): boolean {
    return this.errors.some((e) => e.elementId === element.id && e.message.includes(text));
  }
  warn(element: BpmnElement | undefined, message: string): void {
    this.warnings.push({
      ...(element?.id && { elementId: element.id }),
      message: element ? `${describeElement(element)}：${message}` : message,
    });
  }
}

export const MAX_MODEL_DEPTH = 64;

/**
 * How deep elements nest, read with a cheap scan of the tags (comments, CDATA and processing
 * instructions skipped), so a hostile file never reaches the recursive parts of the parser.
 */
export function xmlDepth(xml: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  const tag = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)[^\s/>!?][^>]*?(\/?)>/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[0].startsWith('<!--') || m[0].startsWith('<![') || m[0].startsWith('<?')) continue;
    if (m[1]) depth--;
    else if (!m[2]) {
      depth++;
      if (depth > max) max = depth;
      if (max > stopAt) return max;
    }
  }
  return max;
}

function checkInput(xml: unknown, maxBytes: number): string | undefined {
  if (typeof xml !== 'string' || xml.trim() === '') return '模型内容为空或不是文本';
  if (Buffer.byteLength(xml, 'utf8') > maxBytes)
    return `模型文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限，拒绝解析`;
  // External entities (XXE) and entity expansion ("billion laughs") both need a DTD.
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(xml)) return '模型文件含有 DOCTYPE 或 ENTITY 声明，出于安全原因拒绝解析';
  if (xmlDepth(xml, MAX_MODEL_DEPTH) > MAX_MODEL_DEPTH)
    return `模型文件的元素嵌套超过 ${MAX_MODEL_DEPTH} 层，拒绝解析`;
  return undefined;
}

/**
 * bpmn-moddle's parser warnings in Chinese, with what to do. An encoding it does not know is only a
 * problem when the file has non-ASCII bytes (it is then read as UTF-8); ASCII reads the same either way.
 */
export function parserMessage(english: string, xml: string): string | undefined {
  const encoding = /unsupported document encoding <([^>]*)>/.exec(english);
  if (encoding) {
    if (/^[\x00-\x7f]*$/.test(xml)) return undefined;
    return `模型文件声明的编码“${encoding[1]}”不受支持，且文件含有非 ASCII 字符，会被当作 UTF-8 读取而出现乱码；请以 UTF-8 保存并把 encoding 改为“UTF-8”`;
  }
  const duplicate = /duplicate ID <([^>]*)>/.exec(english);
  if (duplicate) return `元素 id“${duplicate[1]}”重复，另一个同 id 的元素被丢弃；请为每个元素使用不同的 id`;
  const unresolved = /unresolved reference <([^>]*)>/.exec(english);
  if (unresolved)
    return `引用了不存在的元素“${unresolved[1]}”（如顺序流的来源、目标或默认流）；请改为已有元素的 id 或删除该引用`;
  // Named as written in the file (`bpmn:teleportTask`), which is what the author will search for.
  const tag = /unparsable content <\/?([^\s/>]+)/.exec(english)?.[1];
  const unknownType = /unknown type <([^>]*)>/.exec(english);
  if (unknownType)
    return `无法识别的元素类型“${tag ?? unknownType[1]}”，该元素被忽略；请删除它或改为受支持的 BPMN 元素`;
  if (tag) return `无法解析的内容“<${tag}>”，已被忽略；请检查该元素的写法`;
  const attribute = /illegal (?:first char )?(?:attribute|value)[^<]*<([^>]*)>?/i.exec(english);
  if (attribute) return `属性“${attribute[1]}”的写法不合法；请检查该属性`;
  return `模型解析问题：${oneLine(english)}`;
}

const SAX_ERRORS: [RegExp, string][] = [
  [/unclosed root tag/i, '根元素没有结束标签'],
  [/unclosed tag|unclosed/i, '有标签没有结束（缺少对应的结束标签）'],
  [/unexpected close tag|unmatched closing tag|missing start tag/i, '结束标签与开始标签不配对'],
  [/non-whitespace .*outside of root|text data outside of root/i, '根元素之外有多余的内容'],
  [/attribute/i, '属性的写法不合法（属性值须加引号）'],
  [/invalid character|illegal character|invalid tagname/i, '含有不合法的字符或标签名'],
];

/** The XML parser's fatal error in Chinese, with the line and column it names, and what to do. */
export function xmlFailureMessage(english: string): string {
  const line = /line:\s*(\d+)/i.exec(english)?.[1];
  const column = /column:\s*(\d+)/i.exec(english)?.[1];
  const nested = /nested error:\s*(.*)/i.exec(english)?.[1] ?? english;
  const what = SAX_ERRORS.find(([re]) => re.test(nested))?.[1] ?? '不是格式正确的 XML';
  // The parser counts lines and columns from 0; an editor counts from 1.
  const where = line ? `第 ${Number(line) + 1} 行${column ? `第 ${Number(column) + 1} 列` : ''}：` : '';
  return `XML 解析失败：${where}${what}；请检查该处的标签是否成对、属性值是否加引号，并以 UTF-8 保存`;
}

/** Flow elements and root elements by id, to name the element a parser warning is about. */
function elementsById(definitions: BpmnElement | undefined): Map<string, BpmnElement> {
  const found = new Map<string, BpmnElement>();
  const visit = (e: unknown, depth: number) => {
    if (!e || typeof e !== 'object' || depth > MAX_MODEL_DEPTH) return;
    const element = e as BpmnElement;
    if (typeof element.id === 'string' && !found.has(element.id)) found.set(element.id, element);
    for (const key of ['rootElements', 'flowElements'])
      for (const child of children(element, key)) visit(child, depth + 1);
  };
  visit(definitions, 0);
  return found;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, '；');
}

export async function validateModel(
  xml: string,
  options: ValidateModelOptions = {},
): Promise<ModelValidationResult> {
  const issues = new Collector();
  const inputProblem = checkInput(xml, options.maxBytes ?? MAX_MODEL_BYTES);
  if (inputProblem) {
    issues.error(undefined, inputProblem);
    return { ok: false, errors: issues.errors, warnings: issues.warnings, unreadable: true };
  }

  let parsed;
  try {
    parsed = await parseBpmn(xml);
  } catch (err) {
    issues.error(undefined, xmlFailureMessage((err as Error).message));
    return { ok: false, errors: issues.errors, warnings: issues.warnings, unreadable: true };
  }

  const definitions = parsed.rootElement as BpmnElement;
  const byId = elementsById(definitions);
  for (const warning of parsed.warnings) {
    const message = parserMessage(warning.message, xml);
    if (!message) continue;
    // A duplicate's warning carries no element: name the element that kept the id.
    const id = warning.element?.id ?? /duplicate ID <([^>]*)>/.exec(warning.message)?.[1];
    const element = (warning.element as BpmnElement | undefined) ?? (id ? byId.get(id) : undefined);
    const named =
      element && typeof element.$type === 'string' ? `${describeElement(element)}：${message}` : message;
    issues.errors.push({ ...(id && { elementId: id }), message: named });
  }

  if (definitions?.$type !== 'bpmn:Definitions') {
    issues.error(undefined, '根元素不是 bpmn:Definitions');
    return { ok: false, errors: issues.errors, warnings: issues.warnings, unreadable: true };
  }

  new ModelChecker(definitions, options, issues).run();
  return { ok: issues.errors.length === 0, errors: issues.errors, warnings: issues.warnings, definitions };
}

class ModelChecker {
  private readonly services: Set<string>;
  private readonly roles: Set<string>;
  private readonly templates?: Set<string>;
  private readonly rootElements: BpmnElement[];

  constructor(
    definitions: BpmnElement,
    options: ValidateModelOptions,
    private readonly issues: Collector,
  ) {
    this.services = new Set(options.services ?? DEFAULT_SERVICES);
    this.roles = new Set(options.roles ?? DEFAULT_ROLES);
    this.templates = options.templates && new Set(options.templates);
    this.rootElements = children(definitions, 'rootElements');
  }

  run(): void {
    for (const root of this.rootElements) {
      if (/^bpmn:Global\w*Task$/.test(root.$type)) {
        this.issues.error(
          root,
          '引擎不支持全局任务（bpmn:GlobalTask），请改用流程内的任务或调用活动调用流程',
        );
      }
    }
    const processes = this.rootElements.filter((r) => r.$type === 'bpmn:Process');
    if (processes.length === 0) {
      this.issues.error(undefined, '模型中没有流程（bpmn:Process）');
      return;
    }
    for (const process of processes) {
      if (process.isExecutable !== true) {
        this.issues.error(process, '流程未标记为可执行（isExecutable="true"），引擎不会运行它');
      }
      this.checkScope(process);
    }
  }

  private checkScope(scope: BpmnElement): void {
    const elements = children(scope, 'flowElements');
    const nodes = elements.filter((e) => !NOT_FLOW_NODES.has(e.$type));
    const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');

    for (const element of elements) this.checkElement(element);
    for (const flow of flows) this.checkFlow(flow);
    // moddle fills `outgoing` only from <outgoing> children, which hand-written XML may omit.
    for (const node of nodes) {
      if (node.$type === 'bpmn:ExclusiveGateway' || node.$type === 'bpmn:InclusiveGateway') {
        this.checkGateway(
          node,
          flows.filter((f) => f.sourceRef === node),
        );
      }
    }

    const starts = nodes.filter((n) => n.$type === 'bpmn:StartEvent');
    const ends = nodes.filter((n) => n.$type === 'bpmn:EndEvent');

    this.checkPaths(nodes, flows, starts, ends);

    for (const node of nodes) {
      if (SCOPES.has(node.$type)) this.checkScope(node);
    }
  }

  private checkElement(element: BpmnElement): void {
    const reason = UNSUPPORTED_REASONS[element.$type];
    if (LEFT_TO_BPMNLINT.has(element.$type)) {
      // bpmnlint's no-complex-gateway reports it
    } else if (reason) {
      this.issues.error(element, reason);
    } else if (!(SUPPORTED_FLOW_ELEMENTS as readonly string[]).includes(element.$type)) {
      this.issues.error(element, `引擎不支持该元素类型（${element.$type}）`);
    }

    this.checkExtensions(element);
    if (element.$type === 'bpmn:UserTask') this.checkUserTask(element);
    if (SERVICE_LIKE.has(element.$type)) this.checkServiceTask(element);
    if (element.$type === 'bpmn:CallActivity') this.checkCallActivity(element);
    for (const definition of children(element, 'eventDefinitions')) {
      if (definition.$type === 'bpmn:TimerEventDefinition') this.checkTimer(element, definition);
    }
  }

  /**
   * Camunda listeners, scripts and connectors run code (or call classes) the host does not
   * provide; a model must say what it does with named services (sa:service) instead.
   */
  private checkExtensions(element: BpmnElement): void {
    const extensions = element.extensionElements as { values?: BpmnElement[] } | undefined;
    const found = new Set<string>();
    const visit = (node: unknown, depth: number): void => {
      if (!node || typeof node !== 'object' || depth > MAX_MODEL_DEPTH) return;
      const type = (node as BpmnElement).$type;
      if (typeof type === 'string' && CODE_EXTENSIONS[type]) found.add(type);
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) continue;
        if (Array.isArray(value)) value.forEach((v) => visit(v, depth + 1));
        else if (value && typeof value === 'object') visit(value, depth + 1);
      }
    };
    for (const value of extensions?.values ?? []) visit(value, 0);
    for (const type of found) this.issues.error(element, CODE_EXTENSIONS[type]);
  }

  private checkFlow(flow: BpmnElement): void {
    const source = flow.sourceRef as BpmnElement | undefined;
    const target = flow.targetRef as BpmnElement | undefined;
    // A reference to an element that does not exist is reported once, by the parser's warning.
    const unresolved = this.issues.has(flow, '引用了不存在的元素');
    if (!source && !unresolved) this.issues.error(flow, '缺少来源（sourceRef）或引用的元素不存在');
    if (!target && !unresolved) this.issues.error(flow, '缺少目标（targetRef）或引用的元素不存在');

    const condition = flow.conditionExpression as BpmnElement | undefined;
    if (!condition) return;
    if (condition.language) {
      this.issues.error(
        flow,
        `条件不能是脚本（language="${String(condition.language)}"），请写成 \${…} 表达式`,
      );
      return;
    }
    const text = body(condition);
    if (!text || !isExpression(text)) {
      this.issues.error(flow, `条件“${text ?? ''}”须为单个 \${…} 表达式，否则引擎会把它当作恒真的文本`);
      return;
    }
    try {
      checkExpressionSyntax(text);
    } catch (err) {
      this.issues.error(flow, (err as Error).message);
    }
  }

  private checkUserTask(task: BpmnElement): void {
    const groups = splitCandidateGroups(task.candidateGroups);
    if (groups.length === 0) this.issues.error(task, '缺少 camunda:candidateGroups（办理角色）');
    for (const group of groups) {
      if (!this.roles.has(group))
        this.issues.error(task, `未知的办理角色“${group}”（可用：${[...this.roles].join('、')}）`);
    }
    if (task.due === undefined) this.issues.error(task, '缺少 sa:due（办理时限，如 "10WD" 或 "7D"）');
    else if (!parseDue(task.due))
      this.issues.error(task, `sa:due="${String(task.due)}" 无效，应为工作日 "10WD" 或自然日 "7D"`);
    this.checkFormFields(task);
  }

  private checkFormFields(task: BpmnElement): void {
    const seen = new Set<string>();
    const fields = readFormFields(task);
    const unconditional = new Set(fields.filter((f) => !f.showIf).map((f) => f.id));
    for (const field of fields) {
      if (field.showIf) this.checkShowIf(task, field.label, field.showIf, unconditional);
      // Any account role may be named (a village assistant goes along on a home visit without
      // holding tasks), so the name's form is checked here and the role by the staff endpoint.
      for (const duty of field.staffDuty?.split(',').map((d) => d.trim()) ?? [])
        if (!/^[a-z][a-z_]*$/.test(duty))
          this.issues.error(task, `表单字段“${field.label}”的人员职责“${duty}”应为角色标识，如 investigator`);
      if (field.staffDuty !== undefined && field.type !== 'list')
        this.issues.error(task, `表单字段“${field.label}”从人员中选择，类型须为 list`);
      const label = `表单字段“${field.label}”（${field.id || '无 id'}）`;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field.id)) {
        this.issues.error(task, `${label} 的 id 须为英文标识符（它会成为案件变量名）`);
      } else if (RESERVED_VARIABLE_NAMES.has(field.id)) {
        this.issues.error(task, `${label} 的 id 是保留字，表达式中无法引用`);
      }
      if (seen.has(field.id)) this.issues.error(task, `${label} 的 id 重复`);
      seen.add(field.id);
      if (!(FORM_FIELD_TYPES as readonly string[]).includes(field.type)) {
        this.issues.error(
          task,
          `${label} 的类型“${field.type}”不受支持（可用：${FORM_FIELD_TYPES.join('、')}）`,
        );
      }
      if (field.type === 'enum' && field.options.length === 0)
        this.issues.error(task, `${label} 是枚举但没有可选值（camunda:value）`);
      for (const constraint of field.constraints) {
        if (!(CONSTRAINT_NAMES as readonly string[]).includes(constraint.name)) {
          this.issues.error(task, `${label} 的校验规则“${constraint.name}”不受支持`);
        } else if (
          constraint.name !== 'required' &&
          !this.validConstraintConfig(field.type, constraint.name, constraint.config)
        ) {
          this.issues.error(
            task,
            `${label} 的校验规则“${constraint.name}”的配置“${constraint.config ?? ''}”无效`,
          );
        }
      }
    }
  }

  /** A display condition reads only this form's unconditional fields: the server checks those first. */
  private checkShowIf(task: BpmnElement, label: string, condition: string, fields: Set<string>): void {
    if (!isExpression(condition)) {
      this.issues.error(task, `表单字段“${label}”的显示条件“${condition}”须为单个 \${…} 表达式`);
      return;
    }
    try {
      const refs = expressionReferences(condition);
      const unknown = refs.variables.filter((v) => !fields.has(v));
      if (unknown.length || refs.calls.length)
        this.issues.error(
          task,
          `表单字段“${label}”的显示条件只能引用本表单中无条件显示的字段，不能引用“${[...unknown, ...refs.calls].join('、')}”`,
        );
    } catch (err) {
      this.issues.error(task, (err as Error).message);
    }
  }

  private validConstraintConfig(type: string, name: string, config: string | undefined): boolean {
    if (config === undefined) return false;
    if (name === 'requiredWhen') return /^[A-Za-z_]\w*=\S+$/.test(config);
    if ((name === 'min' || name === 'max') && type === 'money') return parseYuanToFen(config) !== undefined;
    // A date field with min="today" is a deadline the step sets: on or after the day it is set.
    if (name === 'min' && type === 'date' && config === 'today') return true;
    if ((name === 'min' || name === 'max') && type === 'date') return isValidDate(config);
    if (name === 'min' || name === 'max') return /^-?\d+$/.test(config);
    return /^\d+$/.test(config);
  }

  private checkServiceTask(task: BpmnElement): void {
    const { service, template } = readServiceInfo(task);
    if (!service) {
      this.issues.error(task, '缺少 sa:service（要调用的领域服务）');
      return;
    }
    if (!this.services.has(service)) {
      this.issues.error(task, `未知的领域服务“${service}”（可用：${[...this.services].join('、')}）`);
    }
    if (service === 'document.issue') {
      if (!template) this.issues.error(task, 'document.issue 服务任务缺少 sa:template（出具的文书模板）');
      else if (this.templates && !this.templates.has(template))
        this.issues.error(task, `未知的文书模板“${template}”`);
    } else if (template) {
      this.issues.warn(task, `sa:template 只对 document.issue 有意义，服务“${service}”会忽略它`);
    }
  }

  private checkGateway(gateway: BpmnElement, outgoing: BpmnElement[]): void {
    const defaultFlow = gateway.default as BpmnElement | undefined;
    if (defaultFlow && !outgoing.includes(defaultFlow)) {
      this.issues.error(gateway, `默认流“${defaultFlow.id}”不是该网关的出口`);
    }
    // An exit with neither a condition nor the default: bpmnlint's conditional-flows reports it.
    if (outgoing.length < 2) return;
    if (defaultFlow?.conditionExpression) this.issues.warn(defaultFlow, '默认流上的条件会被忽略');
  }

  private checkCallActivity(activity: BpmnElement): void {
    const called = typeof activity.calledElement === 'string' ? activity.calledElement : undefined;
    const target = this.rootElements.find((r) => r.id === called);
    if (!called) this.issues.error(activity, '缺少 calledElement');
    else if (!target) this.issues.error(activity, `calledElement“${called}”在本模型中不存在`);
    else if (target.$type !== 'bpmn:Process')
      this.issues.error(activity, `calledElement“${called}”不是流程（${target.$type}），引擎只能调用流程`);
  }

  private checkTimer(event: BpmnElement, definition: BpmnElement): void {
    const cycle = body(definition.timeCycle);
    const duration = body(definition.timeDuration);
    const date = body(definition.timeDate);
    if (!cycle && !duration && !date) {
      this.issues.error(event, '定时器缺少 timeDuration / timeDate / timeCycle，会立即触发');
      return;
    }
    for (const value of [cycle, duration, date]) {
      if (value && value.includes('${')) {
        try {
          checkExpressionSyntax(value);
        } catch (err) {
          this.issues.error(event, (err as Error).message);
        }
      }
    }
    if (cycle && !cycle.includes('${')) {
      if (/^R\d*\//i.test(cycle))
        this.issues.error(event, `不支持重复定时器 timeCycle“${cycle}”：定时器持久化为单次到期`);
      else if (/\s|\*|\?/.test(cycle)) this.issues.error(event, `不支持 CRON 定时器 timeCycle“${cycle}”`);
      else if (!ISO_DURATION.test(cycle)) this.issues.error(event, `timeCycle“${cycle}”不是 ISO 8601 时长`);
    }
    // Literal durations and dates are parsed with the engine's own parser in rules/runnability-rules.ts.
  }

  /** Every node reachable from a start, and from every reachable node some end reachable. */
  private checkPaths(
    nodes: BpmnElement[],
    flows: BpmnElement[],
    starts: BpmnElement[],
    ends: BpmnElement[],
  ): void {
    const next = new Map<BpmnElement, BpmnElement[]>(nodes.map((n) => [n, []]));
    const link = (from: unknown, to: unknown) => {
      const list = next.get(from as BpmnElement);
      if (list && next.has(to as BpmnElement)) list.push(to as BpmnElement);
    };
    for (const flow of flows) link(flow.sourceRef, flow.targetRef);
    for (const node of nodes) {
      if (node.$type === 'bpmn:BoundaryEvent') link(node.attachedToRef, node);
    }
    const linkName = (node: BpmnElement) => {
      const definition = children(node, 'eventDefinitions').find(
        (d) => d.$type === 'bpmn:LinkEventDefinition',
      );
      return definition?.name as string | undefined;
    };
    for (const thrower of nodes.filter((n) => n.$type === 'bpmn:IntermediateThrowEvent' && linkName(n))) {
      for (const catcher of nodes.filter(
        (n) => n.$type === 'bpmn:IntermediateCatchEvent' && linkName(n) === linkName(thrower),
      )) {
        link(thrower, catcher);
      }
    }

    const hasIncoming = new Set<BpmnElement>([...next.values()].flat());
    const eventSubProcesses = nodes.filter((n) => n.triggeredByEvent === true);
    // Inside a sub-process without a start event, bpmn-elements starts the activities that have no incoming flow.
    const roots = starts.length
      ? [...starts, ...eventSubProcesses]
      : nodes.filter((n) => !hasIncoming.has(n));
    const reachable = walk(roots, (n) => next.get(n) ?? []);

    const previous = new Map<BpmnElement, BpmnElement[]>(nodes.map((n) => [n, []]));
    for (const [from, targets] of next) for (const to of targets) previous.get(to)?.push(from);
    const exits = ends.length ? ends : nodes.filter((n) => (next.get(n) ?? []).length === 0);
    const canFinish = walk([...exits, ...eventSubProcesses], (n) => previous.get(n) ?? []);

    for (const node of nodes) {
      if (!reachable.has(node)) this.issues.error(node, '从开始事件无法到达');
      else if (!canFinish.has(node)) this.issues.error(node, '从此处无法到达任何结束事件');
    }
  }
}

function walk(roots: BpmnElement[], step: (n: BpmnElement) => BpmnElement[]): Set<BpmnElement> {
  const seen = new Set<BpmnElement>(roots);
  const queue = [...roots];
  while (queue.length) {
    for (const n of step(queue.pop() as BpmnElement)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}
