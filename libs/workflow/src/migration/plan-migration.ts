/**
 * Checks a version migration before anything runs: for one running instance, every element it
 * waits at (open user tasks, pending timers) must map to an element of the same type in the
 * target version, and a mapped user task's form must not demand more than the old one. No
 * framework imports: the inputs are parsed models and the instance's waiting elements.
 */
import { BpmnElement, FormField, describeElement, readFormFields } from '@app/process-models';

export interface ModelElement {
  id: string;
  type: string;
  name?: string;
  /** Boundary events: the activity they are attached to. */
  attachedTo?: string;
  fields: FormField[];
  element: BpmnElement;
}

export type ModelIndex = Map<string, ModelElement>;

/** Every flow element of every process (and sub-process) of a parsed `bpmn:Definitions`, by id. */
export function indexModel(definitions: BpmnElement): ModelIndex {
  const found: ModelIndex = new Map();
  const visit = (scope: BpmnElement) => {
    for (const element of (scope.flowElements as BpmnElement[] | undefined) ?? []) {
      if (!element.id) continue;
      const host = element.attachedToRef as BpmnElement | undefined;
      found.set(element.id, {
        id: element.id,
        type: element.$type,
        ...(typeof element.name === 'string' && element.name.trim() && { name: element.name.trim() }),
        ...(host?.id && { attachedTo: host.id }),
        fields: element.$type === 'bpmn:UserTask' ? readFormFields(element) : [],
        element,
      });
      if (Array.isArray(element.flowElements)) visit(element);
    }
  };
  for (const root of (definitions.rootElements as BpmnElement[] | undefined) ?? []) {
    if (root.$type === 'bpmn:Process') visit(root);
  }
  return found;
}

export interface WaitingElement {
  elementId: string;
  kind: 'task' | 'timer';
}

export interface MigrationProblem {
  /** Where the problem is: `mapping.<elementId>` or the instance itself (`instance`). */
  field: string;
  message: string;
}

export interface InstancePlan {
  /** old element id → new element id, for every element the instance waits at. */
  rename: Record<string, string>;
  problems: MigrationProblem[];
}

const isRequired = (field: FormField) => field.constraints.some((c) => c.name === 'required');

/** The target of an old element: the explicit mapping, else the same id if the target has it. */
export function mappedId(
  mapping: Record<string, string>,
  oldId: string,
  target: ModelIndex,
): string | undefined {
  if (Object.prototype.hasOwnProperty.call(mapping, oldId)) return mapping[oldId];
  return target.has(oldId) ? oldId : undefined;
}

/**
 * Problems with the mapping itself: every target must exist, every source must exist in at least
 * one of the versions the selected cases run on, and source and target must be of one type.
 */
export function checkMapping(
  mapping: Record<string, string>,
  sources: ModelIndex[],
  target: ModelIndex,
): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  for (const [from, to] of Object.entries(mapping)) {
    const field = `mapping.${from}`;
    const olds = sources.map((s) => s.get(from)).filter((e): e is ModelElement => !!e);
    const next = typeof to === 'string' ? target.get(to) : undefined;
    if (!olds.length) problems.push({ field, message: `所选案件的原版本中都没有元素“${from}”` });
    if (!next) problems.push({ field, message: `目标版本中没有元素“${String(to)}”` });
    const other = next && olds.find((old) => old.type !== next.type);
    if (other && next)
      problems.push({
        field,
        message: `${describeElement(other.element)} 不能映射到类型不同的 ${describeElement(next.element)}`,
      });
  }
  return problems;
}

/** Plans one instance: its waiting elements against the source and target model. */
export function planInstance(
  waiting: WaitingElement[],
  mapping: Record<string, string>,
  source: ModelIndex,
  target: ModelIndex,
): InstancePlan {
  const rename: Record<string, string> = {};
  const problems: MigrationProblem[] = [];
  for (const wait of waiting) {
    const field = `mapping.${wait.elementId}`;
    const old = source.get(wait.elementId);
    const label = old ? describeElement(old.element) : `元素“${wait.elementId}”`;
    const what = wait.kind === 'task' ? '待办环节' : '未到期的定时器';
    const to = mappedId(mapping, wait.elementId, target);
    const next = to === undefined ? undefined : target.get(to);
    if (!next) {
      problems.push({
        field,
        message: `案件正停留在${what}${label}，但未映射到目标版本的元素${to ? `（“${to}”不存在）` : ''}`,
      });
      continue;
    }
    if (old && old.type !== next.type) {
      problems.push({
        field,
        message: `${what}${label} 映射到了类型不同的 ${describeElement(next.element)}`,
      });
      continue;
    }
    if (old?.attachedTo && next.attachedTo) {
      const host = mappedId(mapping, old.attachedTo, target);
      if (host !== next.attachedTo)
        problems.push({
          field,
          message: `边界定时器${label} 附着在“${old.attachedTo}”上，映射后的 ${describeElement(next.element)} 却附着在“${next.attachedTo}”上；请把两者一致映射`,
        });
    }
    if (wait.kind === 'task' && old) problems.push(...formProblems(field, old, next));
    rename[wait.elementId] = next.id;
  }
  return { rename, problems };
}

/** A task already open keeps its data; the new form may not require what the old one did not ask. */
function formProblems(field: string, old: ModelElement, next: ModelElement): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  const before = new Map(old.fields.map((f) => [f.id, f]));
  for (const f of next.fields) {
    const was = before.get(f.id);
    if (!was && isRequired(f)) {
      problems.push({
        field,
        message: `${describeElement(next.element)} 新增了必填字段“${f.label}”（${f.id}），正在办理的任务表单与之不兼容`,
      });
    } else if (was && was.type !== f.type) {
      problems.push({
        field,
        message: `${describeElement(next.element)} 的字段“${f.label}”（${f.id}）类型由 ${was.type} 改为 ${f.type}，不兼容`,
      });
    } else if (was && !isRequired(was) && isRequired(f)) {
      problems.push({
        field,
        message: `${describeElement(next.element)} 的字段“${f.label}”（${f.id}）由选填改为必填，不兼容`,
      });
    }
  }
  return problems;
}
