import Handlebars from 'handlebars';
import { maskResidentId } from '@app/assistance';
import { formatCnDate, formatCnMonth, formatMoney } from '../format/cn-format';

/** A private instance so other code registering helpers cannot change what documents say. */
const hb = Handlebars.create();

type HelperOptions = Handlebars.HelperOptions;
const isOptions = (v: unknown): v is HelperOptions =>
  typeof v === 'object' && v !== null && 'hash' in v && 'data' in v;

hb.registerHelper('money', (fen: unknown) => formatMoney(Number(fen)));
hb.registerHelper('cnDate', (iso: unknown) => formatCnDate(String(iso)));
hb.registerHelper('cnMonth', (month: unknown) => formatCnMonth(String(month)));
// One masking rule for the whole system: the privacy rule lives in the domain library.
hb.registerHelper('mask', (id: unknown) => maskResidentId(String(id)));
hb.registerHelper('inc', (n: unknown) => Number(n) + 1);
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('join', (list: unknown, sep: unknown) => {
  const separator = isOptions(sep) ? '、' : String(sep);
  return Array.isArray(list) ? list.join(separator) : '';
});

export const HELPER_NAMES = ['money', 'cnDate', 'cnMonth', 'mask', 'inc', 'eq', 'join'] as const;

const knownHelpers: Record<string, boolean> = Object.fromEntries(HELPER_NAMES.map((n) => [n, true]));

export const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers,
  // Output is line markup, not HTML; data is neutralised by sanitizeForMarkup instead.
  noEscape: true,
} as const;

const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

/** Names that lead from data to its prototype chain; a template never needs them. */
const FORBIDDEN_SEGMENTS = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** Statement types a document template has no use for: partials and decorators load or run other code. */
const FORBIDDEN_STATEMENTS: Record<string, string> = {
  PartialStatement: '不支持引用子模板（{{> …}}）',
  PartialBlockStatement: '不支持引用子模板（{{#> …}}）',
  DecoratorBlock: '不支持装饰器和内联子模板（{{#* …}}）',
  Decorator: '不支持装饰器（{{* …}}）',
};

type AstNode = { type?: string; loc?: { start?: { line?: number } } } & Record<string, unknown>;

/**
 * Why a template source may not be compiled, or undefined: it reaches for the prototype chain
 * (`constructor`, `__proto__`, also through `lookup` and bracketed segments) or uses partials or
 * decorators. Handlebars' own prototype access control already hides inherited members at run
 * time; this refuses such a template at once, with its line, instead of rendering it blank.
 */
export function templateSourceProblem(source: string): string | undefined {
  const ast = hb.parse(source) as unknown as AstNode;
  let problem: string | undefined;
  const at = (node: AstNode) => (node.loc?.start?.line ? `第 ${node.loc.start.line} 行：` : '');
  const visit = (node: unknown): void => {
    if (problem || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as AstNode;
    if (n.type && FORBIDDEN_STATEMENTS[n.type]) {
      problem = `${at(n)}${FORBIDDEN_STATEMENTS[n.type]}`;
      return;
    }
    if (n.type === 'PathExpression') {
      const parts = [...((n.parts as string[]) ?? []), ...String(n.original ?? '').split(/[./[\]]+/)];
      const bad = parts.find((p) => FORBIDDEN_SEGMENTS.has(p));
      if (bad) problem = `${at(n)}不允许访问“${bad}”`;
    }
    if (n.type === 'StringLiteral' && FORBIDDEN_SEGMENTS.has(String(n.value))) {
      problem = `${at(n)}不允许访问“${String(n.value)}”`;
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'loc') visit(value);
  };
  visit(ast);
  return problem;
}

/**
 * Compiles eagerly: Handlebars.compile is lazy, so precompile first to surface syntax errors
 * and unknown helpers at load time rather than when a document is issued.
 */
export function compileBody(source: string, globals: Record<string, unknown>): (data: unknown) => string {
  hb.precompile(source, COMPILE_OPTIONS);
  const template = hb.compile(source, COMPILE_OPTIONS);
  // Manifest values (e.g. legalBasis) are exposed as @-variables so the case data shape stays fixed.
  return (data: unknown) => template(sanitizeForMarkup(data), { ...RUNTIME_OPTIONS, data: { ...globals } });
}

/**
 * Entered text must not be able to create markup structure (headings, table cells, the
 * signature marker), so newlines, table pipes and leading markup characters are neutralised.
 */
export function sanitizeForMarkup(value: unknown): unknown {
  if (typeof value === 'string') {
    return value
      .replace(/\s*\r?\n\s*/g, ' ')
      .replace(/\|/g, '｜')
      .replace(/^\s*#/, '＃')
      .replace(/^\s*>/, '＞')
      .replace(/---/g, '———');
  }
  if (Array.isArray(value)) return value.map(sanitizeForMarkup);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = sanitizeForMarkup(v);
    return out;
  }
  return value;
}
