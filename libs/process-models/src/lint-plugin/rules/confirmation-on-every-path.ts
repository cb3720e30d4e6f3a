/** The decision is the county's (or the township's under a lawful entrustment), on every path to it. */
import { flowGraph, reachableAvoiding } from '../graph';
import { decisionEnds, exemptStep, ofKind, programRulesOf } from '../model';
import { processRule } from '../rule';
import { OUTCOMES } from '../vocabulary';

export default processRule(({ definitions, process, report }) => {
  const rules = programRulesOf(definitions, process);
  if (!rules) return;
  const graph = flowGraph(process);
  const confirmations = ofKind(graph, 'confirmation', 'entrusted-confirmation');
  if (!confirmations.length) {
    report(
      process,
      `缺少审核确认环节（sa:step="confirmation" 的用户任务）；${rules.levelBasis}规定由县级民政部门审核确认，请标明作出决定的环节`,
    );
    return;
  }
  const exempt = exemptStep(rules);
  const undecided = reachableAvoiding(graph, graph.starts, (n) => confirmations.includes(n) || exempt(n));
  for (const end of decisionEnds(graph, OUTCOMES).filter((e) => undecided.has(e)))
    report(
      end,
      `有路径未经审核确认环节即到达此决定；${rules.levelBasis}规定由县级民政部门（或受委托的乡镇）审核确认后再结束，请把该路径接到审核确认环节`,
    );
});
