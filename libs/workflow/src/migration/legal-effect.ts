/**
 * Migration obeys legal effect (issue 15 §2): a case may only move to a version in effect for it,
 * and never past a step the law requires that the case has not done. Pure: the inputs are dates,
 * parsed models and the elements the case has finished.
 */
import { BpmnElement, STEP_KINDS, STEP_LABELS, StepKind } from '@app/process-models';
import { MigrationProblem, ModelIndex } from './plan-migration';

/** sa:step kinds the law requires in order; 先行救助 is the one that may skip the others. */
const REQUIRED_KINDS: readonly StepKind[] = STEP_KINDS.filter((k) => k !== 'emergency');

const kindOf = (element: BpmnElement): StepKind | undefined =>
  (REQUIRED_KINDS as readonly string[]).includes(String(element.step ?? '').trim())
    ? (String(element.step).trim() as StepKind)
    : undefined;

/**
 * The version must be in effect on the case's date (the day it was applied for); a version that
 * took effect later may govern it only with a recorded legal basis (e.g. a transitional clause),
 * and one not yet in effect today never.
 */
export function effectProblems(input: {
  caseDate: string;
  today: string;
  toVersion: number;
  effectiveFrom: string;
  legalBasis?: string;
}): MigrationProblem[] {
  const { caseDate, today, toVersion, effectiveFrom } = input;
  if (effectiveFrom > today)
    return [
      {
        field: 'toVersion',
        message: `版本 ${toVersion} 自 ${effectiveFrom} 起施行，尚未生效，不能把在办案件迁入`,
      },
    ];
  if (effectiveFrom > caseDate && !input.legalBasis?.trim())
    return [
      {
        field: 'legalBasis',
        message: `案件于 ${caseDate} 申请，版本 ${toVersion} 自 ${effectiveFrom} 起施行，对该案件尚未生效；确需适用的，请填写法律依据（如新规定的过渡条款）`,
      },
    ];
  return [];
}

/**
 * The legally required step kinds that lie on every path from the start to `elementId` in
 * `model` (before it): with every element of that kind but `elementId` itself taken out, the
 * element can no longer be reached.
 */
export function requiredStepsBefore(model: ModelIndex, elementId: string): StepKind[] {
  const byKind = new Map<StepKind, Set<string>>();
  for (const e of model.values()) {
    const kind = kindOf(e.element);
    if (kind && e.id !== elementId) byKind.set(kind, (byKind.get(kind) ?? new Set()).add(e.id));
  }
  const next = new Map<string, string[]>();
  const link = (from: string, to: string) => next.set(from, [...(next.get(from) ?? []), to]);
  for (const e of model.values()) {
    if (e.type === 'bpmn:SequenceFlow') {
      const from = (e.element.sourceRef as BpmnElement | undefined)?.id;
      const to = (e.element.targetRef as BpmnElement | undefined)?.id;
      if (from && to) link(from, to);
    }
    if (e.attachedTo) link(e.attachedTo, e.id);
  }
  const starts = [...model.values()].filter((e) => e.type === 'bpmn:StartEvent').map((e) => e.id);
  const reachable = (removed: Set<string>): boolean => {
    const seen = new Set<string>();
    const queue = starts.filter((s) => !removed.has(s));
    while (queue.length) {
      const id = queue.pop()!;
      if (id === elementId) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const to of next.get(id) ?? []) if (!removed.has(to) && !seen.has(to)) queue.push(to);
    }
    return false;
  };
  return [...byKind.entries()].filter(([, ids]) => !reachable(ids)).map(([kind]) => kind);
}

/**
 * Refuses a mapping that would put the case past a legally required step it has not done: for
 * each element the case will wait at, every required kind before it must have been finished
 * (an element of that kind, in the old or the new version, ended on the case's record).
 */
export function skippedStepProblems(input: {
  rename: Record<string, string>;
  source: ModelIndex;
  target: ModelIndex;
  finished: ReadonlySet<string>;
}): MigrationProblem[] {
  const { rename, source, target, finished } = input;
  const done = (kind: StepKind) =>
    [...source.values(), ...target.values()].some((e) => kindOf(e.element) === kind && finished.has(e.id));
  const problems: MigrationProblem[] = [];
  for (const [from, to] of Object.entries(rename)) {
    const at = target.get(to);
    for (const kind of requiredStepsBefore(target, to)) {
      if (done(kind)) continue;
      const names = [...target.values()]
        .filter((e) => kindOf(e.element) === kind && e.id !== to)
        .map((e) => `“${e.name ?? e.id}”`)
        .join('、');
      problems.push({
        field: `mapping.${from}`,
        message: `迁移后案件将停在“${at?.name ?? to}”，但尚未办理法定环节${STEP_LABELS[kind]}（${names}），不能越过`,
      });
    }
  }
  return problems;
}
