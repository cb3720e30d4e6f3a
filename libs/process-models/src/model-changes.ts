/**
 * What a deploy changes against the version in effect, in the terms a legal officer checks:
 * steps added or removed, who handles a step (办理角色), its time limit (办理时限), the document
 * it issues (文书), its legal basis and an end's outcome (结果). Read from the two models'
 * element attributes (element-info), not from their XML text, so a moved shape is no change.
 */
import { parseDue, readLegalBasis, readOutcome, readServiceInfo, splitCandidateGroups } from './element-info';

export type ModelChangeKind =
  'step-added' | 'step-removed' | 'role' | 'deadline' | 'document' | 'legal-basis' | 'outcome' | 'process';

export interface ModelChange {
  kind: ModelChangeKind;
  /** The element (or the process) the change is on. */
  elementId: string;
  /** Its name in the new model (the old one for a removed step). */
  name: string;
  before?: string;
  after?: string;
  /** One line in Chinese, e.g. `“入户调查”的办理时限：10 个工作日 → 15 个工作日`. */
  text: string;
}

export interface ModelChangeLabels {
  /** Role id → its Chinese name (camunda:candidateGroups). */
  roles?: Record<string, string>;
}

interface El {
  $type: string;
  id?: string;
  name?: string;
  flowElements?: El[];
  rootElements?: El[];
  eventDefinitions?: { $type: string; timeDuration?: { body?: string }; timeDate?: { body?: string } }[];
  get?(name: string): unknown;
  [key: string]: unknown;
}

const STEP_TYPES: Record<string, string> = {
  'bpmn:UserTask': '办理步骤',
  'bpmn:ServiceTask': '自动步骤',
  'bpmn:Task': '步骤',
  'bpmn:ManualTask': '步骤',
  'bpmn:ReceiveTask': '步骤',
  'bpmn:SendTask': '步骤',
  'bpmn:ScriptTask': '步骤',
  'bpmn:BusinessRuleTask': '步骤',
  'bpmn:CallActivity': '步骤',
  'bpmn:SubProcess': '子流程',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:IntermediateCatchEvent': '等待事件',
  'bpmn:BoundaryEvent': '边界事件',
};

function attr(el: El, name: string): string | undefined {
  const local = name.slice(name.indexOf(':') + 1);
  const value = el.get ? (el.get(name) ?? el[local]) : el[local];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function steps(definitions: El): { process?: El; byId: Map<string, El> } {
  const byId = new Map<string, El>();
  const process = (definitions.rootElements ?? []).find((e) => e.$type === 'bpmn:Process');
  const visit = (scope: El) => {
    for (const el of scope.flowElements ?? []) {
      if (el.id && STEP_TYPES[el.$type]) byId.set(el.id, el);
      if (el.flowElements) visit(el);
    }
  };
  if (process) visit(process);
  return { process, byId };
}

function dueText(value: string | undefined): string {
  if (!value) return '未设置';
  const due = parseDue(value);
  if (!due) return value;
  return `${due.amount} 个${due.unit === 'WD' ? '工作日' : '自然日'}`;
}

function timerText(el: El): string | undefined {
  const timer = (el.eventDefinitions ?? []).find((d) => d.$type === 'bpmn:TimerEventDefinition');
  if (!timer) return undefined;
  const duration = timer.timeDuration?.body?.trim();
  if (duration) {
    const days = /^P(\d+)D$/.exec(duration);
    return days ? `${days[1]} 个自然日` : duration;
  }
  return timer.timeDate?.body?.trim();
}

function label(el: El): string {
  return el.name?.trim() || el.id || '';
}

export function modelChanges(before: El, after: El, labels: ModelChangeLabels = {}): ModelChange[] {
  const a = steps(before);
  const b = steps(after);
  const roles = (value: string | undefined) => {
    const ids = splitCandidateGroups(value);
    return ids.length ? ids.map((r) => labels.roles?.[r] ?? r).join('、') : '未设置';
  };
  const out: ModelChange[] = [];
  const change = (kind: ModelChangeKind, el: El, what: string, old: string, now: string) =>
    out.push({
      kind,
      elementId: el.id ?? '',
      name: label(el),
      before: old,
      after: now,
      text: `“${label(el)}”的${what}：${old} → ${now}`,
    });

  if (a.process && b.process) {
    for (const [name, what, show] of [
      ['sa:program', '救助项目', (v?: string) => v ?? '未设置'],
      ['sa:kind', '流程类别', (v?: string) => v ?? '未设置'],
      ['sa:caseLimit', '办结时限', dueText],
      ['sa:caseLimitExtended', '延长后的办结时限', dueText],
    ] as const) {
      const old = attr(a.process, name);
      const now = attr(b.process, name);
      if (old !== now) {
        out.push({
          kind: 'process',
          elementId: b.process.id ?? '',
          name: label(b.process),
          before: show(old),
          after: show(now),
          text: `流程的${what}：${show(old)} → ${show(now)}`,
        });
      }
    }
  }
  for (const [id, el] of b.byId) {
    if (!a.byId.has(id)) {
      out.push({
        kind: 'step-added',
        elementId: id,
        name: label(el),
        text: `新增${STEP_TYPES[el.$type]}“${label(el)}”`,
      });
    }
  }
  for (const [id, el] of a.byId) {
    if (!b.byId.has(id)) {
      out.push({
        kind: 'step-removed',
        elementId: id,
        name: label(el),
        text: `删除${STEP_TYPES[el.$type]}“${label(el)}”`,
      });
    }
  }
  for (const [id, now] of b.byId) {
    const old = a.byId.get(id);
    if (!old) continue;
    const oldRoles = roles(attr(old, 'camunda:candidateGroups'));
    const newRoles = roles(attr(now, 'camunda:candidateGroups'));
    if (oldRoles !== newRoles) change('role', now, '办理角色', oldRoles, newRoles);
    const oldDue = attr(old, 'sa:due') ?? timerText(old);
    const newDue = attr(now, 'sa:due') ?? timerText(now);
    if (oldDue !== newDue) {
      const show = (v: string | undefined) => (v && parseDue(v) ? dueText(v) : (v ?? '未设置'));
      change(
        'deadline',
        now,
        now.$type === 'bpmn:UserTask' ? '办理时限' : '等待时间',
        show(oldDue),
        show(newDue),
      );
    }
    const oldDoc = readServiceInfo(old).template ?? '无';
    const newDoc = readServiceInfo(now).template ?? '无';
    if (oldDoc !== newDoc) change('document', now, '出具的文书', oldDoc, newDoc);
    const oldBasis = readLegalBasis(old) ?? '未写明';
    const newBasis = readLegalBasis(now) ?? '未写明';
    if (oldBasis !== newBasis) change('legal-basis', now, '法律依据', oldBasis, newBasis);
    const oldOutcome = readOutcome(old) ?? '未设置';
    const newOutcome = readOutcome(now) ?? '未设置';
    if (oldOutcome !== newOutcome) change('outcome', now, '案件结果', oldOutcome, newOutcome);
  }
  return out;
}
