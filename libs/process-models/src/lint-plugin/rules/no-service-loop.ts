/** A loop of service tasks without a wait state calls its services until the engine gives up. */
import type { BpmnElement } from '../../validate-model';
import { elementsOf } from '../graph';
import { RuleContext, processRule } from '../rule';
import { allElements } from '../variables';

const WAIT_STATES = new Set([
  'bpmn:UserTask',
  'bpmn:IntermediateCatchEvent',
  'bpmn:ReceiveTask',
  'bpmn:CallActivity',
  'bpmn:SubProcess',
  'bpmn:Transaction',
  'bpmn:EventBasedGateway',
]);
const SERVICE_LIKE = new Set(['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']);
/** A cycle through service tasks with no wait state runs until the engine gives up. */
function checkServiceLoops(scope: BpmnElement, report: RuleContext['report']): void {
  const elements = elementsOf(scope);
  const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow' && !WAIT_STATES.has(e.$type));
  const inScope = new Set(nodes);
  const next = new Map<BpmnElement, BpmnElement[]>(nodes.map((n) => [n, []]));
  for (const f of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    const from = f.sourceRef as BpmnElement;
    const to = f.targetRef as BpmnElement;
    if (inScope.has(from) && inScope.has(to)) next.get(from)?.push(to);
  }
  const reported = new Set<BpmnElement>();
  for (const start of nodes.filter((n) => SERVICE_LIKE.has(n.$type))) {
    if (reported.has(start)) continue;
    // Is `start` on a cycle of non-waiting nodes?
    const seen = new Set<BpmnElement>();
    const queue = [...(next.get(start) ?? [])];
    let cycle = false;
    while (queue.length && !cycle) {
      const n = queue.pop() as BpmnElement;
      if (n === start) cycle = true;
      else if (!seen.has(n)) {
        seen.add(n);
        queue.push(...(next.get(n) ?? []));
      }
    }
    if (!cycle) continue;
    const loop = [...seen].filter((n) => SERVICE_LIKE.has(n.$type));
    loop.forEach((n) => reported.add(n));
    reported.add(start);
    report(
      start,
      '处在一个没有等待环节（用户任务或定时事件）的循环中，会无限次地调用服务；请在循环中加入用户任务或定时事件，或删除回流的顺序流',
    );
  }
}

export default processRule(({ process, report }) => {
  for (const scope of [process, ...allElements(process).filter((e) => Array.isArray(e.flowElements))])
    checkServiceLoops(scope, report);
});
