import { resolveExpression } from '@app/process-models';

/** A parsed bpmn-moddle element; only the properties the preview and the workbench read. */
export interface ModelElement {
  $type: string;
  id: string;
  rootElements?: ModelElement[];
  flowElements?: ModelElement[];
  sourceRef?: ModelElement;
  targetRef?: ModelElement;
  default?: ModelElement;
  conditionExpression?: { body?: unknown };
  /** `sa:service` and `sa:template` of a service task. */
  service?: string;
  template?: string;
}

/** Where a service task issues a document: the element and its template. */
export interface NextDocument {
  elementId: string;
  templateId: string;
}

/** Flow nodes after which the engine waits or stops: the preview looks no further. */
const STOP_TYPES = new Set([
  'bpmn:UserTask',
  'bpmn:EndEvent',
  'bpmn:IntermediateCatchEvent',
  'bpmn:ReceiveTask',
]);

/**
 * The `document.issue` service tasks the engine would run right after `fromElementId` completes
 * with these variables: follows the outgoing flows, picks the branch of each exclusive gateway the
 * way the engine does (first true condition, else the default flow), and stops at the next wait
 * (user task, catch event, end) or at a service other than document.issue, whose output the
 * gateways after it would need.
 */
export function nextDocuments(
  process: ModelElement,
  fromElementId: string,
  variables: Record<string, unknown>,
): NextDocument[] {
  const elements: ModelElement[] = process.flowElements ?? [];
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const byId = new Map(elements.map((e) => [e.id, e]));
  const outgoing = (node: ModelElement) => flows.filter((f) => f.sourceRef?.id === node.id);
  const context = { environment: { variables } };
  const found: NextDocument[] = [];
  const seen = new Set<string>();

  const visit = (node: ModelElement | undefined): void => {
    if (!node || seen.has(node.id)) return;
    seen.add(node.id);
    if (STOP_TYPES.has(node.$type)) return;
    if (node.$type === 'bpmn:ServiceTask') {
      if (node.service !== 'document.issue') return;
      found.push({ elementId: node.id, templateId: node.template! });
    }
    const out = outgoing(node);
    if (node.$type === 'bpmn:ExclusiveGateway') {
      const taken =
        out.find((f) => f !== node.default && f.conditionExpression && isTrue(f, context)) ?? node.default;
      visit(taken?.targetRef);
      return;
    }
    for (const flow of out) {
      if (!flow.conditionExpression || isTrue(flow, context)) visit(flow.targetRef);
    }
  };

  const from = byId.get(fromElementId);
  if (!from) return [];
  for (const flow of outgoing(from)) visit(flow.targetRef);
  return found;
}

function isTrue(flow: ModelElement, context: object): boolean {
  const body = flow.conditionExpression?.body;
  return typeof body === 'string' && Boolean(resolveExpression(body, context));
}
