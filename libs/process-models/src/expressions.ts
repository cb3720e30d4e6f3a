/**
 * JUEL-like expressions for gateway conditions and other `${…}` strings in our models.
 *
 * bpmn-elements' default resolver only follows property paths, so `${a == "x"}` would be
 * read as a path. This module is passed to the engine as its `expressions` option. It parses
 * with jsep and interprets a small whitelist of node types — never eval/Function — so a
 * model (which is data written by legal officers) cannot run arbitrary code.
 */
import jsep from 'jsep';

type Node = jsep.Expression;

/** Shape bpmn-elements' Environment expects in `options.expressions`. */
export interface EngineExpressions {
  resolveExpression(templatedString: unknown, context?: unknown, fnContext?: unknown): unknown;
  isExpression(text: unknown): boolean;
  hasExpression(text: unknown): boolean;
}

export class ExpressionError extends Error {
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`表达式“${expression}”无效：${reason}`);
    this.name = 'ExpressionError';
  }
}

/**
 * bpmn-elements copies the process's execute message (fields, content, properties) into the
 * process variables, so these names would otherwise shadow the message context and break
 * `${content.output.x}`. They always resolve on the context.
 */
const CONTEXT_ROOTS = new Set(['environment', 'content', 'fields', 'properties']);
const FORBIDDEN_MEMBERS = new Set(['__proto__', 'constructor', 'prototype']);

/** JUEL word operators, rewritten to their symbols before parsing (jsep's operator table is global; we leave it alone). */
const JUEL_WORDS: Record<string, string> = {
  and: '&&',
  or: '||',
  not: '!',
  eq: '==',
  ne: '!=',
  lt: '<',
  gt: '>',
  le: '<=',
  ge: '>=',
};

const EQUALITY = new Set(['==', '===', '!=', '!==']);
const ORDERING = new Set(['<', '<=', '>', '>=']);
const LOGICAL = new Set(['&&', '||']);

interface Segment {
  start: number;
  end: number; // index after the closing brace
  body: string;
}

/** Finds `${…}` segments; a `}` inside a quoted string does not close the expression. */
function findSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open < 0) break;
    let quote: string | null = null;
    let j = open + 2;
    for (; j < text.length; j++) {
      const ch = text[j];
      if (quote) {
        if (ch === '\\') j++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") {
        quote = ch;
      } else if (ch === '}') {
        break;
      }
    }
    if (j >= text.length) throw new ExpressionError(text, '缺少右花括号“}”');
    segments.push({ start: open, end: j + 1, body: text.slice(open + 2, j) });
    i = j + 1;
  }
  return segments;
}

function rewriteJuelWords(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== ch) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      let j = i;
      while (j < src.length && /[\w$]/.test(src[j])) j++;
      const word = src.slice(i, j);
      const afterDot = /\.\s*$/.test(out);
      out += !afterDot && word in JUEL_WORDS ? ` ${JUEL_WORDS[word]} ` : word;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Rejects every node type and operator outside the whitelist, before anything is evaluated. */
function checkNode(node: Node, expression: string): void {
  switch (node.type) {
    case 'Literal':
      if ((node as jsep.Literal).value instanceof RegExp)
        throw new ExpressionError(expression, '不支持正则表达式');
      return;
    case 'Identifier':
      return;
    case 'MemberExpression': {
      const m = node as jsep.MemberExpression;
      if (m.computed) throw new ExpressionError(expression, '不支持方括号取值 [..]');
      if (m.optional) throw new ExpressionError(expression, '不支持可选链 ?.');
      const name = (m.property as jsep.Identifier).name;
      if (FORBIDDEN_MEMBERS.has(name)) throw new ExpressionError(expression, `禁止访问属性“${name}”`);
      checkNode(m.object, expression);
      return;
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (!EQUALITY.has(b.operator) && !ORDERING.has(b.operator) && !LOGICAL.has(b.operator)) {
        throw new ExpressionError(expression, `不支持运算符“${b.operator}”`);
      }
      checkNode(b.left, expression);
      checkNode(b.right, expression);
      return;
    }
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      const negativeNumber =
        u.operator === '-' &&
        u.argument.type === 'Literal' &&
        typeof (u.argument as jsep.Literal).value === 'number';
      if (u.operator !== '!' && !negativeNumber)
        throw new ExpressionError(expression, `不支持运算符“${u.operator}”`);
      checkNode(u.argument, expression);
      return;
    }
    case 'CallExpression': {
      const c = node as jsep.CallExpression;
      if (c.callee.type !== 'Identifier' && c.callee.type !== 'MemberExpression') {
        throw new ExpressionError(expression, '只能调用 environment.services 中的函数');
      }
      checkNode(c.callee, expression);
      for (const arg of c.arguments) checkNode(arg, expression);
      return;
    }
    default:
      throw new ExpressionError(expression, `不支持的语法（${node.type}）`);
  }
}

const cache = new Map<string, Node>();
const CACHE_LIMIT = 500;

function compile(body: string, expression: string): Node {
  const cached = cache.get(body);
  if (cached) return cached;
  if (!body.trim()) throw new ExpressionError(expression, '表达式为空');
  let ast: Node;
  try {
    ast = jsep(rewriteJuelWords(body));
  } catch (err) {
    throw new ExpressionError(expression, `语法错误（${(err as Error).message}）`);
  }
  checkNode(ast, expression);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(body, ast);
  return ast;
}

interface Scope {
  context: Record<string, unknown>;
  fnContext: unknown;
  expression: string;
}

function hasOwn(obj: unknown, key: string): boolean {
  return obj !== null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key);
}

function environmentOf(
  scope: Scope,
): { variables?: Record<string, unknown>; services?: Record<string, unknown> } | undefined {
  const env = scope.context.environment;
  return env && typeof env === 'object'
    ? (env as { variables?: Record<string, unknown>; services?: Record<string, unknown> })
    : undefined;
}

function lookupIdentifier(name: string, scope: Scope): unknown {
  if (name === 'undefined') return undefined;
  if (!CONTEXT_ROOTS.has(name)) {
    const variables = environmentOf(scope)?.variables;
    if (hasOwn(variables, name)) return (variables as Record<string, unknown>)[name];
  }
  if (hasOwn(scope.context, name)) return scope.context[name];
  return undefined;
}

function readMember(object: unknown, name: string): unknown {
  // JUEL is null-safe: a property of a missing value is missing, not an error.
  if (object === null || object === undefined) return undefined;
  return (object as Record<string, unknown>)[name];
}

function isService(fn: unknown, scope: Scope): boolean {
  const services = environmentOf(scope)?.services;
  if (!services || typeof services !== 'object') return false;
  return Object.keys(services).some((key) => services[key] === fn);
}

function resolveCallee(callee: Node, scope: Scope): unknown {
  if (callee.type === 'Identifier') {
    const name = (callee as jsep.Identifier).name;
    const value = lookupIdentifier(name, scope);
    if (value !== undefined) return value;
    return environmentOf(scope)?.services?.[name];
  }
  return evaluate(callee, scope);
}

function compareOrdered(operator: string, left: unknown, right: unknown, scope: Scope): boolean {
  const comparable =
    (typeof left === 'number' && typeof right === 'number') ||
    (typeof left === 'string' && typeof right === 'string');
  if (!comparable) {
    throw new ExpressionError(scope.expression, `无法比较 ${describeValue(left)} 与 ${describeValue(right)}`);
  }
  const l = left as number | string;
  const r = right as number | string;
  switch (operator) {
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    default:
      return l >= r;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return '未定义的值';
  if (value === null) return 'null';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function equals(left: unknown, right: unknown): boolean {
  // Strict equality, except that a missing variable equals null (JUEL treats both as null).
  if ((left === null || left === undefined) && (right === null || right === undefined)) return true;
  return left === right;
}

function evaluate(node: Node, scope: Scope): unknown {
  switch (node.type) {
    case 'Literal':
      return (node as jsep.Literal).value;
    case 'Identifier':
      return lookupIdentifier((node as jsep.Identifier).name, scope);
    case 'MemberExpression': {
      const m = node as jsep.MemberExpression;
      return readMember(evaluate(m.object, scope), (m.property as jsep.Identifier).name);
    }
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      const value = evaluate(u.argument, scope);
      return u.operator === '!' ? !value : -(value as number);
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (b.operator === '&&') return Boolean(evaluate(b.left, scope)) && Boolean(evaluate(b.right, scope));
      if (b.operator === '||') return Boolean(evaluate(b.left, scope)) || Boolean(evaluate(b.right, scope));
      const left = evaluate(b.left, scope);
      const right = evaluate(b.right, scope);
      if (b.operator === '==' || b.operator === '===') return equals(left, right);
      if (b.operator === '!=' || b.operator === '!==') return !equals(left, right);
      return compareOrdered(b.operator, left, right, scope);
    }
    case 'CallExpression': {
      const c = node as jsep.CallExpression;
      const fn = resolveCallee(c.callee, scope);
      if (typeof fn !== 'function' || !isService(fn, scope)) {
        throw new ExpressionError(scope.expression, '只能调用 environment.services 中的函数');
      }
      const args = c.arguments.map((arg) => evaluate(arg, scope));
      return (fn as (...a: unknown[]) => unknown).apply(scope.fnContext ?? null, args);
    }
    default:
      // checkNode already refused everything else; this guards against a cache bug.
      throw new ExpressionError(scope.expression, `不支持的语法（${node.type}）`);
  }
}

/**
 * Checks every `${…}` in `text` without evaluating it. Used by the model validator so a
 * condition that would fail at run time is refused at deploy.
 */
export function checkExpressionSyntax(text: string): void {
  for (const segment of findSegments(text)) compile(segment.body, text);
}

export function hasExpression(text: unknown): boolean {
  return typeof text === 'string' && text.includes('${');
}

export function isExpression(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    const segments = findSegments(text);
    return segments.length === 1 && segments[0].start === 0 && segments[0].end === text.length;
  } catch {
    return false;
  }
}

/**
 * Resolves a templated string the way bpmn-elements does: a string that is exactly one
 * `${…}` yields the raw value; otherwise each `${…}` is replaced by its text ('' when
 * missing). Strings without `${` (e.g. timer durations `P7D`) come back unchanged.
 */
export function resolveExpression(templatedString: unknown, context?: unknown, fnContext?: unknown): unknown {
  if (typeof templatedString !== 'string' || !templatedString.includes('${')) return templatedString;
  const segments = findSegments(templatedString);
  const scope: Scope = {
    context: context && typeof context === 'object' ? (context as Record<string, unknown>) : {},
    fnContext,
    expression: templatedString,
  };
  const valueOf = (segment: Segment) => evaluate(compile(segment.body, templatedString), scope);

  if (segments.length === 1 && segments[0].start === 0 && segments[0].end === templatedString.length) {
    return valueOf(segments[0]);
  }
  let out = '';
  let last = 0;
  for (const segment of segments) {
    const value = valueOf(segment);
    out +=
      templatedString.slice(last, segment.start) +
      (value === undefined || value === null ? '' : String(value));
    last = segment.end;
  }
  return out + templatedString.slice(last);
}

/** The object to pass as bpmn-engine's `expressions` option. */
export const expressions: EngineExpressions = { resolveExpression, isExpression, hasExpression };

export interface ExpressionReferences {
  /** Root names the expression reads (`a` of `a.b.c`). */
  variables: string[];
  /** Functions or methods it calls, as written (`execution.hasVariable`). */
  calls: string[];
}

function calleeText(node: Node): string {
  if (node.type === 'Identifier') return (node as jsep.Identifier).name;
  if (node.type === 'MemberExpression') {
    const m = node as jsep.MemberExpression;
    return `${calleeText(m.object)}.${(m.property as jsep.Identifier).name}`;
  }
  return node.type;
}

/** What every `${…}` in `text` reads and calls; throws ExpressionError as checkExpressionSyntax does. */
export function expressionReferences(text: string): ExpressionReferences {
  const variables = new Set<string>();
  const calls = new Set<string>();
  const visit = (node: Node): void => {
    switch (node.type) {
      case 'Identifier':
        variables.add((node as jsep.Identifier).name);
        return;
      case 'MemberExpression':
        visit((node as jsep.MemberExpression).object);
        return;
      case 'BinaryExpression':
        visit((node as jsep.BinaryExpression).left);
        visit((node as jsep.BinaryExpression).right);
        return;
      case 'UnaryExpression':
        visit((node as jsep.UnaryExpression).argument);
        return;
      case 'CallExpression': {
        const c = node as jsep.CallExpression;
        calls.add(calleeText(c.callee));
        c.arguments.forEach(visit);
        return;
      }
      default:
        return;
    }
  };
  for (const segment of findSegments(text)) visit(compile(segment.body, text));
  return { variables: [...variables], calls: [...calls] };
}
