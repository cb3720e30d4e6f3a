/**
 * The 初审意见 is publicised before the county decides, whatever it says (审核确认办法第十九条;
 * 特困人员认定办法第十五条): every path from the start to the decision waits out a 公示, and the 公示
 * stands between the first instance and the decision. Only 先行救助 may skip it.
 */
import { flowGraph, reachableAvoiding } from '../graph';
import { exemptStep, ofKind, programRulesOf } from '../model';
import { processRule } from '../rule';
import { publicNoticeText } from '../vocabulary';

export default processRule(({ definitions, process, config, report }) => {
  const rules = programRulesOf(definitions, process);
  const notice = rules?.publicNotice;
  if (!rules || !notice) return;
  const graph = flowGraph(process);
  const timers = ofKind(graph, 'public-notice');
  if (!timers.length) return; // public-notice-period reports the missing 公示
  const required = publicNoticeText(notice, config.publicNoticeDays);
  const exempt = exemptStep(rules);
  const decisions = ofKind(graph, 'confirmation', 'entrusted-confirmation');
  const unnoticed = reachableAvoiding(graph, graph.starts, (n) => timers.includes(n) || exempt(n));
  for (const decision of decisions.filter((d) => unnoticed.has(d)))
    report(
      decision,
      `有路径未等公示期满即到达此环节；初审意见（无论是否符合条件）须公示 ${required}后才能报县级审核确认，请删除绕过公示的顺序流或条件，把每条通往此环节的路径都接到公示`,
    );
  const firstInstance = ofKind(graph, 'first-instance');
  const afterFirst = reachableAvoiding(
    graph,
    firstInstance.length ? firstInstance.flatMap((n) => graph.next.get(n) ?? []) : graph.starts,
    exempt,
  );
  for (const timer of timers) {
    const reached = reachableAvoiding(graph, graph.next.get(timer) ?? [], () => false);
    if (!afterFirst.has(timer) || !decisions.some((d) => reached.has(d)))
      report(timer, '公示须在初审之后、审核确认之前；请把它放在初审意见与县级审核确认之间的路径上');
  }
});
