/**
 * Every deploy-time check of a model in one call: what the engine accepts (validateModel), then one
 * bpmnlint pass running its recommended rules and our `sa` plugin (lint-plugin/: the process
 * attributes, the legal rules and the runnability rules, one rule per file). The deploy, the studio's
 * lint endpoint and the unit corpus all call this, so they cannot disagree.
 */
import { lintWithBpmnlint } from './bpmnlint';
import { LegalLintOptions, lintLegalCompleteness } from './legal-lint';
import type { SaRuleConfig } from './lint-plugin';
import { BpmnElement, ModelIssue, ValidateModelOptions, validateModel } from './validate-model';

export interface LintModelOptions extends ValidateModelOptions, LegalLintOptions, SaRuleConfig {}

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

/**
 * bpmnlint rules narrower than a check of validateModel that reports the same element in its own
 * words (reachability from the start and to an end, the ad-hoc sub-process the engine cannot run):
 * the narrower report is dropped so a legal officer reads each problem once. Where bpmnlint's rule
 * covers the check, validateModel leaves it to bpmnlint instead (see LEFT_TO_BPMNLINT there).
 */
const TWINS: Record<string, RegExp> = {
  'no-disconnected': /从开始事件无法到达|从此处无法到达任何结束事件/,
  'no-implicit-start': /从开始事件无法到达/,
  'no-implicit-end': /从开始事件无法到达|从此处无法到达任何结束事件/,
  'ad-hoc-sub-process': /自由子流程/,
};

function withoutTwins(style: ModelIssue[], own: ModelIssue[]): ModelIssue[] {
  return style.filter((issue) => {
    const rule = /（规则 ([a-z-]+)）$/.exec(issue.message)?.[1];
    const twin = rule && TWINS[rule];
    const same = (o: ModelIssue) => o.elementId === issue.elementId;
    return !twin || !own.some((o) => twin.test(o.message) && same(o));
  });
}

export async function lintModel(xml: string, options: LintModelOptions = {}): Promise<LintModelResult> {
  const report = await validateModel(xml, options);
  const definitions = report.definitions;
  if (!definitions)
    return { errors: report.errors, warnings: report.warnings, unreadable: report.unreadable === true };
  const legal = lintLegalCompleteness(definitions, options);
  const style = await lintWithBpmnlint(definitions, {
    servedTemplates: options.servedTemplates,
    adverseTemplates: options.adverseTemplates,
    now: options.now,
    hostVariables: options.hostVariables,
    serviceOutputs: options.serviceOutputs,
    publicNoticeDays: options.publicNoticeDays,
  });
  return {
    definitions,
    unreadable: report.unreadable === true,
    errors: unique([...report.errors, ...withoutTwins(style.errors, report.errors), ...legal.errors]),
    warnings: unique([...report.warnings, ...style.warnings, ...legal.warnings]),
  };
}
