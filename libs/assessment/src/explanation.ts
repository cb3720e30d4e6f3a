/**
 * The 计算明细: every figure and every test that led to the result, in order, with its legal
 * basis, so that a refusal can name exactly the clause or figure that failed.
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

export class Explanation {
  readonly lines: ExplanationLine[] = [];

  add(line: Omit<ExplanationLine, 'outcome'> & { outcome?: ExplanationLine['outcome'] }): void {
    this.lines.push({ outcome: 'info', ...line });
  }

  /** A money line: the exact value is kept alongside the display fen when they differ. */
  amount(
    rule: string,
    label: string,
    amount: ExactFen,
    inputs: Record<string, LineValue>,
    basis: string,
  ): void {
    const line: ExplanationLine = {
      rule,
      label,
      inputs,
      amountFen: roundFen(amount, 'fen'),
      outcome: 'info',
      basis,
    };
    if (amount.den !== 1) line.exactFen = amount;
    this.lines.push(line);
  }

  test(rule: string, label: string, passed: boolean, inputs: Record<string, LineValue>, basis: string): void {
    this.lines.push({ rule, label, inputs, outcome: passed ? 'pass' : 'fail', basis });
  }
}

export const yuan = (a: ExactFen | number): string => `${formatYuan(a)}元`;
