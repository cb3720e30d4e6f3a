/**
 * An end recording a grant in an application process is reached only after a favourable written
 * decision (审核确认办法第二十一条: 确认同意 is notified by 确认通知书 / 低保证). A procedure on a case
 * may close with the case's standing outcome and decide nothing new.
 */
import { flowGraph, reachableAvoiding } from '../graph';
import { isApplication, outcomeOf, template } from '../model';
import { processRule } from '../rule';
import { ADVERSE_DECISION_TEMPLATES, OUTCOMES } from '../vocabulary';

export default processRule(({ definitions, process, config, report }) => {
  if (!isApplication(definitions)) return;
  const graph = flowGraph(process);
  const adverse = new Set(config.adverseTemplates ?? ADVERSE_DECISION_TEMPLATES);
  const decides = (n: Parameters<typeof template>[0]) => {
    const t = template(n);
    return t !== undefined && !adverse.has(t);
  };
  const undecided = reachableAvoiding(graph, graph.starts, decides);
  for (const end of graph.ends) {
    const outcome = outcomeOf(end);
    const entry = outcome ? OUTCOMES[outcome] : undefined;
    if (entry?.grant && undecided.has(end))
      report(
        end,
        `结果记为“${outcome}”（${entry.label}），但有路径未出具任何决定书或通知书即到达此处；确认享受须书面通知（《最低生活保障审核确认办法》第二十一条），请在结束前出具给予（确认）的决定书`,
      );
  }
});
