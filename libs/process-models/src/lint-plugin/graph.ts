/** The flow graph of one scope (process or sub-process), for "on every path" questions. */
import type { BpmnElement } from '../validate-model';

export interface FlowGraph {
  nodes: BpmnElement[];
  flows: BpmnElement[];
  next: Map<BpmnElement, BpmnElement[]>;
  starts: BpmnElement[];
  ends: BpmnElement[];
}

const NOT_NODES = new Set([
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

export function elementsOf(scope: BpmnElement): BpmnElement[] {
  const value = scope.flowElements;
  return Array.isArray(value) ? (value as BpmnElement[]) : [];
}

export function processesOf(definitions: BpmnElement): BpmnElement[] {
  const roots = Array.isArray(definitions.rootElements) ? (definitions.rootElements as BpmnElement[]) : [];
  return roots.filter((r) => r.$type === 'bpmn:Process');
}

/** Successors by sequence flow, plus the boundary events attached to an activity. */
export function flowGraph(scope: BpmnElement): FlowGraph {
  const elements = elementsOf(scope);
  const nodes = elements.filter((e) => !NOT_NODES.has(e.$type));
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const next = new Map<BpmnElement, BpmnElement[]>(nodes.map((n) => [n, []]));
  const link = (from: unknown, to: unknown) => {
    const list = next.get(from as BpmnElement);
    if (list && next.has(to as BpmnElement)) list.push(to as BpmnElement);
  };
  for (const flow of flows) link(flow.sourceRef, flow.targetRef);
  for (const node of nodes) if (node.$type === 'bpmn:BoundaryEvent') link(node.attachedToRef, node);
  return {
    nodes,
    flows,
    next,
    starts: nodes.filter((n) => n.$type === 'bpmn:StartEvent'),
    ends: nodes.filter((n) => n.$type === 'bpmn:EndEvent'),
  };
}

/** Nodes reachable from `from` without entering a `blocked` node (the blocked ones are not entered). */
export function reachableAvoiding(
  graph: FlowGraph,
  from: BpmnElement[],
  blocked: (node: BpmnElement) => boolean,
): Set<BpmnElement> {
  const seen = new Set<BpmnElement>();
  const queue = from.filter((n) => !blocked(n));
  for (const n of queue) seen.add(n);
  while (queue.length) {
    for (const n of graph.next.get(queue.pop() as BpmnElement) ?? []) {
      if (!seen.has(n) && !blocked(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

/** Nodes reachable from `from` (exclusive of `from` unless on a cycle). */
export function reachableFrom(graph: FlowGraph, from: BpmnElement): Set<BpmnElement> {
  return reachableAvoiding(graph, graph.next.get(from) ?? [], () => false);
}
