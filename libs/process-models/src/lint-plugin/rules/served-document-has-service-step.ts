/**
 * 送达: a served document takes effect only once served, so from its document.issue every path to
 * an end passes a user task recording the service (method, date, recipient) — the receipt template
 * alone records nothing the clerk entered.
 */
import { describeElement } from '../../validate-model';
import { flowGraph, reachableAvoiding } from '../graph';
import { isServiceStep, template } from '../model';
import { processRule } from '../rule';

export default processRule(({ process, config, report }) => {
  if (!config.servedTemplates) return;
  const served = new Set(config.servedTemplates);
  const graph = flowGraph(process);
  for (const node of graph.nodes) {
    const t = template(node);
    if (!t || !served.has(t)) continue;
    const reached = reachableAvoiding(graph, graph.next.get(node) ?? [], isServiceStep);
    const end = [...reached].find(
      (n) => n.$type === 'bpmn:EndEvent' || (graph.next.get(n) ?? []).length === 0,
    );
    if (end)
      report(
        node,
        `文书“${t}”须送达申请人，但有路径未经送达环节即到达${describeElement(end)}；请在其后加送达用户任务（登记送达方式 serviceMethod、送达日期 serviceDate、受送达人 recipient）`,
      );
  }
});
