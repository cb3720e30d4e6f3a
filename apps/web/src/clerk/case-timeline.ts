import { ROLES } from '@shared/auth/roles';
import { actionName } from '../audit/action-names';

/**
 * One timeline of a case from its tasks, documents and audit entries: each step once, in the order
 * it happened. The audit trail is the backbone (it records every write); tasks add the steps still
 * open and documents add their number and archive state.
 */

export interface TimelineFormField {
  id: string;
  label: string;
  type: string;
  options?: { id: string; name: string }[];
}

export interface TimelineTask {
  id: string;
  name: string;
  status: 'open' | 'completed' | 'cancelled';
  createdAt: string;
  completedAt: string | null;
  dueDate: string | null;
  /** The step's form as the model declared it: names the choice made and labels the opinions. */
  form?: TimelineFormField[];
}

export interface TimelineDocument {
  id: string;
  title: string;
  number: string | null;
  issuedAt: string;
  status: string;
}

export interface TimelineAudit {
  id: string | number;
  at: string;
  action: string;
  detail: Record<string, unknown> | null;
  /** The actor's name and role as they were when they acted (hand-over: who did it). */
  actorName?: string | null;
  actorRole?: string | null;
}

export interface TimelineEntry {
  key: string;
  at: string;
  kind: 'apply' | 'open' | 'complete' | 'document' | 'economics' | 'closed' | 'other' | 'cancelled';
  title: string;
  note?: string;
  documentId?: string;
  /** Who acted, with their role: “赵调查（调查员）”, or “周窗口（窗口受理员，代李窗口）”. */
  actor?: string;
  /** The opinion, reasons or findings the step recorded, for whoever takes the case over. */
  opinion?: string;
}

const ACTIONS: Record<string, string> = {
  'case.apply': '登记申请',
  'case.economics': '录入家庭经济状况',
  'case.closed': '案件办结',
  'assessment.evaluate': '家庭经济状况测算',
};

/** Text fields of a step's form that carry its opinion, in the order they are shown. */
const OPINION_FIELDS = [
  'returnReason',
  'reasons',
  'findings',
  'checkFindings',
  'neighbourVisit',
  'recheckFindings',
  'countyFindings',
  'facts',
  'objectionDetails',
  'comment',
];

function actorOf(a: TimelineAudit): string | undefined {
  if (!a.actorName) return undefined;
  const role = a.actorRole ? ((ROLES as Record<string, string>)[a.actorRole] ?? a.actorRole) : '';
  const behalf = a.detail?.onBehalfOf as { name?: unknown } | undefined;
  const acting = typeof behalf?.name === 'string' ? `代${behalf.name}` : '';
  const inner = [role, acting].filter(Boolean).join('，');
  return inner ? `${a.actorName}（${inner}）` : a.actorName;
}

function opinionOf(detail: Record<string, unknown> | null, form?: TimelineFormField[]): string | undefined {
  const data = detail?.data as Record<string, unknown> | undefined;
  // Each opinion under its own label (退回理由：…；理由：…), so a return's reason is not read as the
  // text beside it.
  const label = (k: string) => form?.find((f) => f.id === k)?.label.replace(/（.*）$/, '');
  const texts = OPINION_FIELDS.filter((k) => typeof data?.[k] === 'string' && data[k]).map((k) =>
    label(k) ? `${label(k)}：${data![k] as string}` : (data![k] as string),
  );
  if (typeof detail?.reason === 'string' && detail.reason) texts.unshift(detail.reason);
  return texts.length ? texts.join('；') : undefined;
}

/** The choice a step recorded (受理 / 不予受理, 符合条件 / 退回补充调查 …): its first answered option field. */
function choiceOf(detail: Record<string, unknown> | null, form?: TimelineFormField[]): string | undefined {
  const data = detail?.data as Record<string, unknown> | undefined;
  for (const f of form ?? []) {
    if (f.type !== 'enum' || data?.[f.id] === undefined) continue;
    return f.options?.find((o) => o.id === data[f.id])?.name;
  }
  return undefined;
}

const CHANNELS: Record<string, string> = { portal: '门户消息', email: '电子邮件', sms: '短信' };

/** A notification: what it said and by which channels (never to whom: the address stays private). */
function notificationNote(detail: Record<string, unknown> | null): string | undefined {
  const subject = typeof detail?.subject === 'string' ? detail.subject : '';
  const channels = Array.isArray(detail?.channels)
    ? (detail.channels as string[])
    : typeof detail?.channel === 'string'
      ? [detail.channel]
      : [];
  const via = channels.map((c) => CHANNELS[c] ?? c).join('、');
  return [subject, via && `经${via}`].filter(Boolean).join(' · ') || undefined;
}

const RANK: Record<TimelineEntry['kind'], number> = {
  apply: 0,
  complete: 0,
  economics: 0,
  other: 1,
  document: 2,
  cancelled: 3,
  open: 3,
  closed: 4,
};

const OUTCOMES: Record<string, string> = {
  confirmed: '确认享受',
  refused: '不予确认',
  'not-accepted': '不予受理',
  'not-eligible': '核对不符合条件',
};

/** The text fields of an audit detail; anything else in it is not shown. */
function auditText(detail: Record<string, unknown> | null): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(detail ?? {})) if (typeof value === 'string') out[key] = value;
  return out;
}

/** A reassignment: from whom to whom. */
function assignNote(detail: Record<string, unknown> | null): string | undefined {
  const from = (detail?.from as { name?: string } | null)?.name;
  const to = (detail?.to as { name?: string } | null | undefined)?.name;
  if (!detail || !('to' in detail)) return undefined;
  return `${from ?? '组内待办'} → ${to ?? '组内待办'}`;
}

export function buildTimeline(
  tasks: TimelineTask[],
  documents: TimelineDocument[],
  audit: TimelineAudit[],
  /** The application is audited after its first step ran; it happened when the case row was made. */
  caseCreatedAt?: string,
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const docs = new Map(documents.map((d) => [d.id, d]));
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  for (const a of audit) {
    const d = auditText(a.detail);
    if (a.action === 'task.complete') {
      // The audit row is written after the engine ran; the step itself happened at the task's completion time.
      const task = d.taskId ? taskById.get(d.taskId) : undefined;
      const at = task?.completedAt ?? a.at;
      const choice = choiceOf(a.detail, task?.form);
      out.push({
        key: `a${a.id}`,
        at,
        kind: 'complete',
        title: `办理“${d.name ?? '任务'}”${choice ? `：${choice}` : ''}`,
        actor: actorOf(a),
        opinion: opinionOf(a.detail, task?.form),
      });
    } else if (a.action === 'document.issue') {
      const doc = d.documentId ? docs.get(d.documentId) : undefined;
      out.push({
        key: `a${a.id}`,
        at: a.at,
        kind: 'document',
        title: `出具《${doc?.title ?? d.templateId ?? '文书'}》`,
        note: [
          d.number ?? doc?.number,
          doc && doc.status !== 'archived' ? (doc.status === 'failed' ? '生成失败，重试中' : '生成中') : '',
        ]
          .filter(Boolean)
          .join(' · '),
        documentId: d.documentId,
        actor: actorOf(a),
      });
    } else if (a.action === 'case.closed') {
      out.push({
        key: `a${a.id}`,
        at: a.at,
        kind: 'closed',
        title: '案件办结',
        note: OUTCOMES[d.outcome ?? ''] ?? d.outcome ?? '',
      });
    } else {
      out.push({
        key: `a${a.id}`,
        at: a.action === 'case.apply' && caseCreatedAt ? caseCreatedAt : a.at,
        kind: a.action === 'case.apply' ? 'apply' : a.action === 'case.economics' ? 'economics' : 'other',
        title: ACTIONS[a.action] ?? (d.name ? `${actionName(a.action)}“${d.name}”` : actionName(a.action)),
        note: a.action.startsWith('notification.') ? notificationNote(a.detail) : assignNote(a.detail),
        actor: actorOf(a),
        opinion: opinionOf(a.detail),
      });
    }
  }
  for (const t of tasks) {
    if (t.status === 'open') {
      out.push({
        key: `t${t.id}`,
        at: t.createdAt,
        kind: 'open',
        title: `待办“${t.name}”`,
        note: t.dueDate ? `应于 ${t.dueDate} 前办结` : undefined,
      });
    } else if (t.status === 'cancelled') {
      out.push({
        key: `t${t.id}`,
        at: t.completedAt ?? t.createdAt,
        kind: 'cancelled',
        title: `“${t.name}”已撤销`,
      });
    }
  }
  // Within one step (same instant): what was done, then what it issued, then what it opened.
  return out
    .map((e, i) => ({ e, i }))
    .sort(
      (x, y) =>
        new Date(x.e.at).getTime() - new Date(y.e.at).getTime() ||
        RANK[x.e.kind] - RANK[y.e.kind] ||
        x.i - y.i,
    )
    .map(({ e }) => e);
}
