/**
 * An end recording a grant is not reachable after an adverse decision: a refusal end relabelled
 * "granted" would tell the portal the opposite of the decision the applicant holds.
 */
import { describeElement } from '../../validate-model';
import { flowGraph, reachableAvoiding } from '../graph';
import { outcomeOf, template } from '../model';
import { processRule } from '../rule';
import { ADVERSE_DECISION_TEMPLATES, OUTCOMES } from '../vocabulary';

export default processRule(({ process, config, report }) => {
  const graph = flowGraph(process);
  const adverse = new Set(config.adverseTemplates ?? ADVERSE_DECISION_TEMPLATES);
  for (const end of graph.ends) {
    const outcome = outcomeOf(end);
    const entry = outcome ? OUTCOMES[outcome] : undefined;
    if (!entry?.grant) continue;
    const refusal = graph.nodes.find(
      (n) =>
        adverse.has(template(n) ?? '') &&
        reachableAvoiding(graph, graph.next.get(n) ?? [], () => false).has(end),
    );
    if (refusal)
      report(
        end,
        `结果记为“${outcome}”（${entry.label}），但经过${describeElement(refusal)}（出具不利决定“${template(refusal)}”）的路径也到达此处；请把该路径连到结果相符的结束事件（如 refused）`,
      );
  }
});
