/** 入户调查 on every path to a decision (审核确认办法第二十八条: no 确认 without 受理 → 调查 → 审核确认). */
import { describeElement } from '../../validate-model';
import { flowGraph, reachableAvoiding } from '../graph';
import { decisionEnds, exemptStep, ofKind, programRulesOf, stepKind } from '../model';
import { processRule } from '../rule';
import { OUTCOMES } from '../vocabulary';

export default processRule(({ definitions, process, report }) => {
  const rules = programRulesOf(definitions, process);
  if (!rules) return;
  const graph = flowGraph(process);
  const investigations = ofKind(graph, 'investigation');
  if (!investigations.length) {
    report(
      process,
      `缺少入户调查环节（sa:step="investigation" 的用户任务）；${rules.investigation.basis}规定作出决定前必须调查，请加入该环节`,
    );
    return;
  }
  const exempt = exemptStep(rules);
  const unchecked = reachableAvoiding(
    graph,
    graph.starts,
    (n) => stepKind(n) === 'investigation' || exempt(n),
  );
  for (const end of decisionEnds(graph, OUTCOMES).filter((e) => unchecked.has(e)))
    report(
      end,
      `有路径未经入户调查（${investigations.map((n) => describeElement(n)).join('、')}）即到达此决定；${rules.investigation.basis}不允许跳过调查，请删除绕过调查的顺序流或条件`,
    );
});
