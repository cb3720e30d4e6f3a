/**
 * The 计算明细: every figure and every test that led to the result, in order, with its legal
 * basis, so that a refusal can name exactly the clause or figure that failed.
 *
 * The lines are recorded as the rules run but their text is written only when somebody reads
 * them: a bulk re-assessment after a standard changes needs the figures of every household and
 * the text of none, and writing the text (formulas with formatted amounts) cost several times the
 * arithmetic. A label or inputs may therefore be given as a function; it must only close over
 * values fixed at assessment time (strings, numbers, exact amounts), never over the caller's
 * household objects, which the caller may change afterwards.
 */
import { type ExactFen, formatYuan, roundFen } from './money';

export type LineValue = string | number | boolean | null;

export interface ExplanationLine {
  /** Stable rule identifier, e.g. 'income.imputed.odd_jobs'. */
  rule: string;
  /** zh-CN text for the 计算明细 table. */
  label: string;
  inputs: Record<string, LineValue>;
  /** Amount to the fen (half-up, display); the exact value is in `exactFen` when it is not whole. */
  amountFen?: number;
  exactFen?: ExactFen;
  /** 'pass' / 'fail' for tests; 'info' for figures. */
  outcome: 'pass' | 'fail' | 'info';
  basis: string;
}

/** A value, or how to write it when it is first read. */
export type Deferred<T> = T | (() => T);

type Inputs = Record<string, LineValue>;

const KIND_INFO = 0;
const KIND_AMOUNT = 1;
const KIND_TEST = 2;

interface Recorded {
  kind: 0 | 1 | 2;
  rule: string;
  label: Deferred<string>;
  inputs: Deferred<Inputs>;
  outcome: ExplanationLine['outcome'];
  basis: string;
  amount: ExactFen | null;
}

const written = <T>(x: Deferred<T>): T => (typeof x === 'function' ? (x as () => T)() : x);

/** The line exactly as it has always been shaped (key order included: it is stored as JSON). */
function write(r: Recorded): ExplanationLine {
  const label = written(r.label);
  const inputs = written(r.inputs);
  if (r.kind === KIND_INFO) return { outcome: r.outcome, rule: r.rule, label, inputs, basis: r.basis };
  if (r.kind === KIND_TEST) return { rule: r.rule, label, inputs, outcome: r.outcome, basis: r.basis };
  const amount = r.amount as ExactFen;
  const line: ExplanationLine = {
    rule: r.rule,
    label,
    inputs,
    amountFen: roundFen(amount, 'fen'),
    outcome: 'info',
    basis: r.basis,
  };
  if (amount.den !== 1) line.exactFen = amount;
  return line;
}

export class Explanation {
  private readonly recorded: Recorded[] = [];
  private writtenLines: ExplanationLine[] | null = null;

  /** The lines, written on first read and the same array on every later read. */
  get lines(): ExplanationLine[] {
    if (this.writtenLines === null || this.writtenLines.length !== this.recorded.length) {
      this.writtenLines = this.recorded.map(write);
    }
    return this.writtenLines;
  }

  add(line: {
    rule: string;
    label: Deferred<string>;
    inputs: Deferred<Inputs>;
    basis: string;
    outcome?: ExplanationLine['outcome'];
  }): void {
    this.recorded.push({
      kind: KIND_INFO,
      rule: line.rule,
      label: line.label,
      inputs: line.inputs,
      outcome: line.outcome ?? 'info',
      basis: line.basis,
      amount: null,
    });
  }

  /** A money line: the exact value is kept alongside the display fen when they differ. */
  amount(
    rule: string,
    label: Deferred<string>,
    amount: ExactFen,
    inputs: Deferred<Inputs>,
    basis: string,
  ): void {
    this.recorded.push({ kind: KIND_AMOUNT, rule, label, inputs, outcome: 'info', basis, amount });
  }

  test(
    rule: string,
    label: Deferred<string>,
    passed: boolean,
    inputs: Deferred<Inputs>,
    basis: string,
  ): void {
    this.recorded.push({
      kind: KIND_TEST,
      rule,
      label,
      inputs,
      outcome: passed ? 'pass' : 'fail',
      basis,
      amount: null,
    });
  }
}

/**
 * Writes the lines into the proxied array on its first use of any kind, then acts on the array.
 * One object per result, with the traps on the prototype: a handler of closures, or an accessor
 * property on the result (which turns it into a slow dictionary object), cost more than the text.
 */
class WriteOnFirstUse implements ProxyHandler<ExplanationLine[]> {
  constructor(private ex: Explanation | null) {}

  private fill(target: ExplanationLine[]): void {
    if (this.ex === null) return;
    const lines = this.ex.lines;
    this.ex = null;
    for (let i = 0; i < lines.length; i++) target.push(lines[i]);
  }

  get(target: ExplanationLine[], key: string | symbol): unknown {
    this.fill(target);
    return Reflect.get(target, key);
  }
  set(target: ExplanationLine[], key: string | symbol, value: unknown): boolean {
    this.fill(target);
    return Reflect.set(target, key, value);
  }
  has(target: ExplanationLine[], key: string | symbol): boolean {
    this.fill(target);
    return Reflect.has(target, key);
  }
  ownKeys(target: ExplanationLine[]): (string | symbol)[] {
    this.fill(target);
    return Reflect.ownKeys(target);
  }
  getOwnPropertyDescriptor(target: ExplanationLine[], key: string | symbol): PropertyDescriptor | undefined {
    this.fill(target);
    return Reflect.getOwnPropertyDescriptor(target, key);
  }
  defineProperty(target: ExplanationLine[], key: string | symbol, d: PropertyDescriptor): boolean {
    this.fill(target);
    return Reflect.defineProperty(target, key, d);
  }
  deleteProperty(target: ExplanationLine[], key: string | symbol): boolean {
    this.fill(target);
    return Reflect.deleteProperty(target, key);
  }
}

/**
 * The lines of a result as an array whose text is written when the array is first used: read,
 * iterated, serialized to JSON, compared or changed. A bulk re-assessment that only reads the
 * figures never pays for the text. (Node's console.log shows a proxy's target without asking it,
 * so an array never used prints as [] there; everything else sees the lines.)
 */
export function linesWrittenOnFirstUse(ex: Explanation): ExplanationLine[] {
  return new Proxy<ExplanationLine[]>([], new WriteOnFirstUse(ex));
}

export const yuan = (a: ExactFen | number): string => `${formatYuan(a)}元`;
