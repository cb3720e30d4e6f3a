import Handlebars from 'handlebars';
import { maskResidentId } from '@app/assistance';
import { formatCnDate, formatCnMonth, formatMoney } from '../format/cn-format';
import { compiledCache } from './compiled-cache';
import { citeInstrument, fillInstruments } from './instruments';

/** A private instance so other code registering helpers cannot change what documents say. */
const hb = Handlebars.create();

type HelperOptions = Handlebars.HelperOptions;
const isOptions = (v: unknown): v is HelperOptions =>
  typeof v === 'object' && v !== null && 'hash' in v && 'data' in v;

// The built-in `log` writes its arguments to the server's console: a template could flood the logs.
hb.registerHelper('log', () => undefined);
hb.registerHelper('money', (fen: unknown) => formatMoney(Number(fen)));
hb.registerHelper('cnDate', (iso: unknown) => formatCnDate(text(iso)));
hb.registerHelper('cnMonth', (month: unknown) => formatCnMonth(text(month)));
// One masking rule for the whole system: the privacy rule lives in the domain library.
hb.registerHelper('mask', (id: unknown) => maskResidentId(text(id)));
hb.registerHelper('inc', (n: unknown) => Number(n) + 1);
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('join', (list: unknown, sep: unknown) => {
  const separator = isOptions(sep) ? '、' : text(sep);
  if (!Array.isArray(list)) return '';
  const parts = list.map((item) => (item === null || item === undefined ? '' : text(item)));
  // The length is known before the string is built: a join over the budget is never built.
  budget?.afford(parts.reduce((n, p) => n + p.length, 0) + separator.length * Math.max(0, parts.length - 1));
  return parts.join(separator);
});

// The region's own instrument (instruments.ts), or the mark that names the parameter to set.
hb.registerHelper('instrument', (key: unknown, options: unknown) =>
  citeInstrument(text(key), isOptions(options) ? (options.data as { root?: unknown }).root : undefined),
);

export const HELPER_NAMES = [
  'money',
  'cnDate',
  'cnMonth',
  'mask',
  'inc',
  'eq',
  'join',
  'instrument',
] as const;

/**
 * What one render (issuing, preview, lint's sample render) may cost. Eight nested
 * `{{#each @root}}` in 170 bytes made 8^8 iterations; partials are refused, so loops are the one
 * way a template multiplies work, and these bound them:
 * - eachDepth: no shipped template nests a loop; two levels (members × their incomes) suffice;
 * - iterations and outputChars: a county's 长期公布 listing of 10,000 rows is about 10,000
 *   iterations and 1 MB of markup; ten times that is refused;
 * - outputChars also counts what helpers build, printed or not: `(eq (join a sep) (join a sep))`
 *   makes two strings of any length and prints nothing (ten copies of it took 13 s of preview);
 * - helperCalls: the listing makes a few calls per row; ten times its rows' worth is refused;
 * - expressions: Handlebars compiles about 4,000 `{{…}}` a second, and compiles a source twice
 *   (checked, then run); the largest shipped template has 53, a 200 KB body could hold 30,000;
 * - ms: a safety net checked at every iteration and every helper call, so a render stops soon
 *   after it with or without loops (an issued document renders its markup in milliseconds). The
 *   counts above are the bound; the net is wide enough that a cold first render (compiling, not yet
 *   optimised) on a machine busy with other work is not refused, as it was at one second.
 */
export const RENDER_LIMITS = {
  eachDepth: 2,
  iterations: 100_000,
  outputChars: 10_000_000,
  helperCalls: 1_000_000,
  ms: 3_000,
  expressions: 2_000,
} as const;

/** A render stopped by RENDER_LIMITS: the template (or the data it is given) asks too much. */
export class RenderLimitError extends Error {
  constructor(readonly limit: 'iterations' | 'outputChars' | 'helperCalls' | 'ms') {
    super(
      {
        iterations: `循环次数超过${RENDER_LIMITS.iterations}次`,
        helperCalls: `调用函数超过${RENDER_LIMITS.helperCalls}次`,
        outputChars: `生成的内容超过${RENDER_LIMITS.outputChars / 1_000_000}百万字`,
        ms: `渲染超过${RENDER_LIMITS.ms / 1000}秒`,
      }[limit] + '，已停止渲染',
    );
    this.name = 'RenderLimitError';
  }
}

/** The spend of the render under way; renders are synchronous, so there is one at a time. */
class RenderBudget {
  private iterations = 0;
  private helperCalls = 0;
  private output = 0;
  // Set at the first charge: Handlebars compiles a template on its first render, which is not the
  // render's work (the source is bounded by RENDER_LIMITS.expressions instead).
  private deadline = Infinity;

  private overTime(): boolean {
    const now = performance.now();
    if (this.deadline === Infinity) this.deadline = now + RENDER_LIMITS.ms;
    return now > this.deadline;
  }

  iteration(): void {
    if (++this.iterations > RENDER_LIMITS.iterations) throw new RenderLimitError('iterations');
    if (this.overTime()) throw new RenderLimitError('ms');
  }

  helperCall(): void {
    if (++this.helperCalls > RENDER_LIMITS.helperCalls) throw new RenderLimitError('helperCalls');
    if (this.overTime()) throw new RenderLimitError('ms');
  }

  /** Refuses, before it is built, a string that would take the output over its limit. */
  afford(chars: number): void {
    if (this.output + chars > RENDER_LIMITS.outputChars) throw new RenderLimitError('outputChars');
  }

  /**
   * Counts a loop body's output (nested bodies count again in their outer one, at most eachDepth
   * times) and every string a helper builds.
   */
  emitted(chars: number): void {
    this.output += chars;
    if (this.output > RENDER_LIMITS.outputChars) throw new RenderLimitError('outputChars');
  }
}

let budget: RenderBudget | null = null;

/** A helper's argument as text; converting a list or an object builds a string, which is counted. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const out = String(value);
  budget?.emitted(out.length);
  return out;
}

// `each` is the one built-in that repeats its body: every repetition is charged to the budget.
const builtinEach = hb.helpers.each as (this: unknown, context: unknown, options: HelperOptions) => string;
hb.registerHelper('each', function (this: unknown, context: unknown, options: HelperOptions) {
  const spend = budget;
  if (!spend) return builtinEach.call(this, context, options);
  const body = options.fn;
  const charged = function (this: unknown, ...args: Parameters<typeof body>): string {
    spend.iteration();
    const out = body.apply(this, args);
    spend.emitted(out.length);
    return out;
  };
  // The program's own properties (its depth, block params) travel with it.
  return builtinEach.call(this, context, { ...options, fn: Object.assign(charged, body) });
});

/** Built-ins whose result is their block's own rendering, already counted where it is built. */
const BLOCK_RESULTS = new Set(['each', 'if', 'unless', 'with', 'blockHelperMissing']);

// Every helper, the built-in ones too, is charged per call, and a string it returns is counted as
// output whether or not it is printed: sub-expressions multiply work without any loop.
for (const [name, helper] of Object.entries(hb.helpers)) {
  hb.registerHelper(name, function (this: unknown, ...args: Parameters<typeof helper>) {
    const spend = budget;
    if (!spend) return helper.apply(this, args);
    spend.helperCall();
    const out: unknown = helper.apply(this, args);
    if (typeof out === 'string' && !BLOCK_RESULTS.has(name)) spend.emitted(out.length);
    return out;
  });
}

/** Runs one render under a fresh budget. */
function withinBudget(render: () => string): string {
  const outer = budget;
  budget = new RenderBudget();
  try {
    const out = render();
    if (out.length > RENDER_LIMITS.outputChars) throw new RenderLimitError('outputChars');
    return out;
  } finally {
    budget = outer;
  }
}

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

/** What Handlebars compiles into code: each costs compile time, whatever it does at render. */
const EXPRESSIONS = new Set(['MustacheStatement', 'BlockStatement', 'SubExpression']);

const isEach = (n: AstNode) =>
  n.type === 'BlockStatement' && (n.path as AstNode | undefined)?.original === 'each';

/**
 * Why a template source may not be compiled, or undefined: it reaches for the prototype chain
 * (`constructor`, `__proto__`, also through `lookup` and bracketed segments) or uses partials or
 * decorators. Handlebars' own prototype access control already hides inherited members at run
 * time; this refuses such a template at once, with its line, instead of rendering it blank.
 */
export function templateSourceProblem(source: string): string | undefined {
  // Each statement opens with at most two "{{": far more than twice the limit is refused before
  // parsing, which is itself the cost being bounded.
  const opens = source.split('{{').length - 1;
  if (opens > 2 * RENDER_LIMITS.expressions + 2)
    return `第 1 行：模板中的 {{…}} 表达式超过${RENDER_LIMITS.expressions}个`;
  const ast = hb.parse(source) as unknown as AstNode;
  let problem: string | undefined;
  let expressions = 0;
  const at = (node: AstNode) => (node.loc?.start?.line ? `第 ${node.loc.start.line} 行：` : '');
  const visit = (node: unknown, depth = 0): void => {
    if (problem || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((x) => visit(x, depth));
    const n = node as AstNode;
    if (n.type && FORBIDDEN_STATEMENTS[n.type]) {
      problem = `${at(n)}${FORBIDDEN_STATEMENTS[n.type]}`;
      return;
    }
    if (EXPRESSIONS.has(String(n.type)) && ++expressions > RENDER_LIMITS.expressions) {
      problem = `${at(n)}模板中的 {{…}} 表达式超过${RENDER_LIMITS.expressions}个`;
      return;
    }
    if (isEach(n)) {
      const over = String((n.params as AstNode[] | undefined)?.[0]?.original ?? '');
      // The whole data (or the current object) is no list: iterating it only multiplies work.
      if (['@root', 'this', '.', ''].includes(over))
        problem = `${at(n)}{{#each}} 只能遍历数据中的列表，不能遍历“${over || '（空）'}”`;
      else if (++depth > RENDER_LIMITS.eachDepth)
        problem = `${at(n)}{{#each}} 最多嵌套${RENDER_LIMITS.eachDepth}层`;
      if (problem) return;
    }
    if (n.type === 'PathExpression') {
      const parts = [...((n.parts as string[]) ?? []), ...String(n.original ?? '').split(/[./[\]]+/)];
      const bad = parts.find((p) => FORBIDDEN_SEGMENTS.has(p));
      if (bad) problem = `${at(n)}不允许访问“${bad}”`;
    }
    if (n.type === 'StringLiteral' && FORBIDDEN_SEGMENTS.has(String(n.value))) {
      problem = `${at(n)}不允许访问“${String(n.value)}”`;
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'loc') visit(value, depth);
  };
  visit(ast);
  return problem;
}

/**
 * Compiles eagerly: Handlebars.compile is lazy, so precompile first to surface syntax errors
 * and unknown helpers at load time rather than when a document is issued.
 */
const compiledBodies = compiledCache<Handlebars.TemplateDelegate>();

export function compileBody(source: string, globals: Record<string, unknown>): (data: unknown) => string {
  const template = compiledBodies(source, () => {
    hb.precompile(source, COMPILE_OPTIONS);
    return hb.compile(source, COMPILE_OPTIONS);
  });
  // Manifest values (e.g. legalBasis) are exposed as @-variables so the case data shape stays fixed.
  return (data: unknown) =>
    withinBudget(() =>
      normalisePunctuation(
        template(sanitizeForMarkup(data), { ...RUNTIME_OPTIONS, data: globalsFor(globals, data) }),
      ),
    );
}

/** A manifest value citing a region's instrument (legalBasis) is filled from the document's data. */
function globalsFor(globals: Record<string, unknown>, data: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(globals))
    out[key] = typeof value === 'string' && value.includes('{{') ? fillInstruments(value, data) : value;
  return out;
}

/** Marks that end or divide a clause; two of them never meet in a lawful sentence. */
const CLAUSE_MARKS = '。，；：！？、';
const DOUBLED_MARKS = new RegExp(`([${CLAUSE_MARKS}.,;:!?])[ \t\u3000]*([${CLAUSE_MARKS}])`, 'g');

/**
 * Entered text ends as its writer pleased ("…不符合规定。", "…；"), and the template goes on with
 * its own mark ("{{form.reasons}}。根据…"): where two clause marks meet, the template's mark
 * stands, except that a "！" or "？" the writer chose is not turned into "。". Done once on the
 * rendered markup, so no template has to guard its insertions.
 */
export function normalisePunctuation(markup: string): string {
  let out = markup;
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(DOUBLED_MARKS, (_, first: string, second: string) =>
      second === '。' && /[！？!?]/.test(first) ? toFullWidth(first) : second,
    );
  }
  return out;
}

const toFullWidth = (mark: string) => ({ '!': '！', '?': '？' })[mark] ?? mark;

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
