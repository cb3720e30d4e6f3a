/**
 * Every deploy-time check of a model in one call: what the engine accepts (validateModel, bpmnlint),
 * the process attributes, the legal rules and the runnability rules. The deploy, the studio's lint
 * endpoint and the unit corpus all call this, so they cannot disagree.
 */
import { lintWithBpmnlint } from './bpmnlint';
import { LegalLintOptions, lintLegalCompleteness } from './legal-lint';
import { processInfoProblems } from './process-info';
import { lintLegalRules } from './rules/legal-rules';
import { RunnabilityOptions, lintRunnability } from './rules/runnability-rules';
import { BpmnElement, ModelIssue, ValidateModelOptions, validateModel } from './validate-model';

export interface LintModelOptions extends ValidateModelOptions, LegalLintOptions, RunnabilityOptions {}

export interface LintModelResult {
  errors: ModelIssue[];
  warnings: ModelIssue[];
  definitions?: BpmnElement;
  unreadable: boolean;
}

/** The same problem found by two checks is reported once. */
function unique(issues: ModelIssue[]): ModelIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.elementId ?? ''}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function lintModel(xml: string, options: LintModelOptions = {}): Promise<LintModelResult> {
  const report = await validateModel(xml, options);
  const definitions = report.definitions;
  if (!definitions) return { errors: report.errors, warnings: report.warnings, unreadable: report.unreadable === true };
  const legal = lintLegalCompleteness(definitions, options);
  const style = await lintWithBpmnlint(definitions);
  const rules = lintLegalRules(definitions, { servedTemplates: options.servedTemplates });
  const runnable = lintRunnability(definitions, options);
  return {
    definitions,
    unreadable: report.unreadable === true,
    errors: unique([
      ...report.errors,
      ...processInfoProblems(definitions),
      ...style.errors,
      ...legal.errors,
      ...rules,
      ...runnable,
    ]),
    warnings: unique([...report.warnings, ...style.warnings, ...legal.warnings]),
  };
}
