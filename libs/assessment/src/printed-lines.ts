/**
 * The 计算明细 as a document prints it: every figure, every failed test and the decisive results;
 * the exclusion and property checks that passed collapse into one summary row. The summary counts
 * the hits as well, so that it never says “均未触及” under a row that reads “命中 | 不符合”.
 *
 * A document served on the family about one program's decision (`served`) prints only that
 * program's test: the income against the standard, the amount for 低保, the property result in one
 * line. Other programs' findings (特困 per member, 低收入, labour coefficients) are internal: a
 * member who may qualify for 特困 is a referral for staff, not a sentence in the 低保 notice.
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

/** The programs a served decision can be about, with the explanation rules that are its test. */
export type PrintedProgram = 'dibao' | 'dibian';
const PROGRAM_RULES: Record<PrintedProgram, RegExp> = {
  // 低保: the income test and the amount (补差, 分类施保).
  dibao: /^(parameters\.|household\.|income\.|rigid\.|support\.|program\.minimum_living$|benefit\.)/,
  // 低收入: not 低保 and income under the 低收入 line; no 低保 amount.
  dibian: /^(parameters\.|household\.|income\.|rigid\.|support\.|program\.(minimum_living|low_income)$)/,
};

export function printedLines(
  lines: readonly ExplanationLine[],
  options: { served?: PrintedProgram } = {},
): PrintedLine[] {
  const printed: PrintedLine[] = [];
  const checks = lines.filter((l) => CHECK_RULES.test(l.rule));
  const hits = checks.filter((l) => l.outcome === 'fail').length;
  const own = options.served && PROGRAM_RULES[options.served];
  for (const l of lines) {
    const figure = l.amountFen !== undefined;
    if (own && !own.test(l.rule) && !(CHECK_RULES.test(l.rule) && l.outcome === 'fail')) continue;
    if (!figure && l.outcome !== 'fail' && !DECISIVE_RULES.test(l.rule)) continue;
    if (CHECK_RULES.test(l.rule) && l.outcome === 'pass') continue;
    printed.push({
      label: l.label,
      amount: figure ? formatYuan(l.amountFen!) : '',
      result: OUTCOME_TEXT[l.outcome] ?? '',
    });
  }
  if (checks.length && own) {
    printed.push(
      hits
        ? { label: `家庭财产状况等审查：命中${hits}项（见上）`, amount: '', result: '不符合' }
        : { label: '家庭财产状况等审查：符合规定', amount: '', result: '符合' },
    );
  } else if (checks.length) {
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
