/**
 * A 退回 flow (`sa:return="true"`, issue 18) sends a case back to an earlier step — the reviewer
 * to the investigator — and the one sending it back must say why: the deciding user task (the
 * flow's source, or the one task leading into its gateway) has the form field the flow names in
 * `sa:reasonField`, required when returning (`required`, or `requiredWhen` on the returning
 * answer). And it goes back: to a user task from which the deciding step is reached again.
 */
import type { BpmnElement } from '../../validate-model';
import { readFormFields } from '../../element-info';
import { flowGraph, reachableFrom } from '../graph';
import { processRule } from '../rule';

function label(e: BpmnElement): string {
  return typeof e.name === 'string' && e.name ? `“${e.name}”` : `“${e.id}”`;
}

/** The user task whose answer takes this flow: its source, or the only task into its gateway. */
function decidingTask(flow: BpmnElement, flows: BpmnElement[]): BpmnElement | undefined {
  const source = flow.sourceRef as BpmnElement | undefined;
  if (!source) return undefined;
  if (source.$type === 'bpmn:UserTask') return source;
  if (!source.$type.endsWith('Gateway')) return undefined;
  const into = flows.filter((f) => f.targetRef === source).map((f) => f.sourceRef as BpmnElement);
  return into.length === 1 && into[0].$type === 'bpmn:UserTask' ? into[0] : undefined;
}

export default processRule(({ process, report }) => {
  const graph = flowGraph(process);
  for (const flow of graph.flows.filter((f) => f.return === true || f.return === 'true')) {
    const task = decidingTask(flow, graph.flows);
    if (!task) {
      report(flow, `退回流转须从作出退回决定的用户任务（或紧随其后的网关）出发`);
      continue;
    }
    const reasonField = typeof flow.reasonField === 'string' ? flow.reasonField.trim() : '';
    const field = readFormFields(task).find((f) => f.id === reasonField);
    if (!reasonField || !field) {
      report(
        flow,
        `退回流转须以 sa:reasonField 指明用户任务${label(task)}中记录退回理由的表单字段（退回须说明理由）`,
      );
    } else if (
      (field.type !== 'text' && field.type !== 'string') ||
      !field.constraints.some(
        (c) => (c.name === 'required' && c.config !== 'false') || c.name === 'requiredWhen',
      )
    ) {
      report(
        flow,
        `退回流转的退回理由字段“${field.label || field.id}”须为文本，且在退回时必填（required 或 requiredWhen）`,
      );
    }
    const target = flow.targetRef as BpmnElement | undefined;
    if (!target || target.$type !== 'bpmn:UserTask' || !reachableFrom(graph, target).has(task)) {
      report(flow, `退回流转须退回到此前的办理环节（从目标环节能再次到达${label(task)}的用户任务）`);
    }
  }
});
