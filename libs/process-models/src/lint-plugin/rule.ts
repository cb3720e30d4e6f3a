/**
 * How a rule of the `sa` bpmnlint plugin is written: a bpmnlint rule factory whose `check` runs once
 * per model, on the `bpmn:Definitions` root, and reports per element. Our rules ask "on every path"
 * questions about a whole process, which a per-node visit cannot answer; bpmnlint still runs them
 * alongside its own rules, with the same reporter, so the lint is one pass with one report.
 */
import type { BpmnElement } from '../validate-model';
import { processesOf } from './graph';

/** What the host tells the rules (read from the template manifests, the clock and the policy parameters). */
export interface SaRuleConfig {
  /** Templates served on the applicant (manifest `delivery: "served"`); the 送达 rule runs when given. */
  servedTemplates?: readonly string[];
  /** Decision templates that refuse, reduce or end; default ADVERSE_DECISION_TEMPLATES. */
  adverseTemplates?: readonly string[];
  /** Deploy time: a fixed timer date before it would fire at once. */
  now?: Date;
  hostVariables?: readonly string[];
  serviceOutputs?: Record<string, readonly string[]>;
  /**
   * 公示期 in natural days under the policy parameters in force where the model will run; a
   * province may lengthen the statutory 7 days, never shorten them. Default: the statutory period.
   */
  publicNoticeDays?: number;
}

export interface RuleContext {
  definitions: BpmnElement;
  process: BpmnElement;
  config: SaRuleConfig;
  report(element: BpmnElement, message: string): void;
}

interface Reporter {
  report(id: string | undefined, message: string): void;
}

export interface BpmnlintRule {
  check(node: BpmnElement, reporter: Reporter): void;
}

export type RuleFactory = (config?: SaRuleConfig) => BpmnlintRule;

/** A rule that looks at each executable process of the model as a whole. */
export function processRule(check: (context: RuleContext) => void): RuleFactory {
  return (config = {}) => ({
    check(node, reporter) {
      if (node.$type !== 'bpmn:Definitions') return;
      for (const process of processesOf(node)) {
        check({
          definitions: node,
          process,
          config,
          report: (element, message) => reporter.report(element.id, message),
        });
      }
    },
  });
}
