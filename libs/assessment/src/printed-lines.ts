/**
 * The 计算明细 as a decision prints it: every figure, every failed test and the decisive results;
 * the exclusion and property checks that passed collapse into one summary row. The summary counts
 * the hits as well, so that it never says “均未触及” under a row that reads “命中 | 不符合”.
 */
import type { ExplanationLine } from './explanation';
import { formatYuan } from './money';

export interface PrintedLine {
  label: string;
  amount: string;
  result: string;
}

const OUTCOME_TEXT: Record<string, string> = { pass: '符合', fail: '不符合', info: '' };
const CHECK_RULES = /^(veto|property)\./;
const DECISIVE_RULES = /^(program\.|extreme\.result|labour\.)/;

export function printedLines(lines: readonly ExplanationLine[]): PrintedLine[] {
  const printed: PrintedLine[] = [];
  const checks = lines.filter((l) => CHECK_RULES.test(l.rule));
  const hits = checks.filter((l) => l.outcome === 'fail').length;
  for (const l of lines) {
    const figure = l.amountFen !== undefined;
    if (!figure && l.outcome !== 'fail' && !DECISIVE_RULES.test(l.rule)) continue;
    if (CHECK_RULES.test(l.rule) && l.outcome === 'pass') continue;
    printed.push({
      label: l.label,
      amount: figure ? formatYuan(l.amountFen!) : '',
      result: OUTCOME_TEXT[l.outcome] ?? '',
    });
  }
  if (checks.length) {
    printed.push(
      hits
        ? {
            label: `一票否决条款及财产状况审查：共${checks.length}项，命中${hits}项（见上），其余${checks.length - hits}项未触及`,
            amount: '',
            result: '不符合',
          }
        : {
            label: `一票否决条款及财产状况审查：${checks.length}项均未触及`,
            amount: '',
            result: '符合',
          },
    );
  }
  return printed;
}
