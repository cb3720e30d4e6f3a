/**
 * The 答复书's 办理步骤 and the 操作记录 table, read from the case's audit trail in the order it
 * was written: the trail's sequence is the real order of what was done, so same-day steps never
 * regroup by kind. Pure: the service reads the trail, documents and 送达 records.
 */
import { actionName, notificationEventName } from '@app/audit';
import { maskAddress, maskIdsDeep, maskPhone } from '@app/assistance';
import { cnDate } from './answer';
import type { AnswerStep } from './answer';

export interface TrailEntry {
  id: string;
  at: Date;
  action: string;
  actorName: string | null;
  actorRole: string | null;
  actorRegion: string | null;
  detail: object | null;
}

export interface RecordFacts {
  /** Document id → its label, 《title》（number）. */
  documents: Map<string, string>;
  /** 送达 record id → what the record says. */
  served: Map<string, { method: string; recipient: string; servedOn: string; document: string }>;
  /** Region code → the organ acting there (平安县城关镇人民政府), for whom an official acted for. */
  regionNames: Map<string, string>;
  roleName: (role: string | null) => string;
  /** China-time date of an instant. */
  dateOf: (at: Date) => string;
  /**
   * The delegation a delegate acted under, from the delegation record, for an entry written before
   * entries carried its terms.
   */
  delegationOf?: (e: TrailEntry) => DelegationTerms | undefined;
}

export interface DelegationTerms {
  startsOn: string;
  endsOn: string;
  reason: string;
}

interface OnBehalfOf {
  name?: string;
  delegation?: DelegationTerms;
}

const onBehalfOf = (e: TrailEntry): OnBehalfOf | undefined =>
  (e.detail as { onBehalfOf?: OnBehalfOf } | null)?.onBehalfOf ?? undefined;

/** "委托期间：2026年12月8日至2026年12月12日，事由：外出培训", or that the record does not show it. */
function delegationTerms(terms: DelegationTerms | undefined, principal: string, withName: boolean): string {
  const whose = withName ? principal : '';
  if (!terms) return `${whose}委托期间未见记录`;
  return `${whose}委托期间：${cnDate(terms.startsOn)}至${cnDate(terms.endsOn)}，事由：${terms.reason}`;
}

/** A change of the household's economics: the decisive fact of a decision on eligibility. */
export interface EconomicsChange {
  date: string;
  who: string;
  summary: string;
}

const ECONOMICS_PARTS: [string, string][] = [
  ['members', '家庭成员'],
  ['incomes', '收入'],
  ['assets', '财产'],
  ['vehicles', '车辆'],
  ['homes', '房产'],
  ['businesses', '经营'],
  ['expenditures', '支出'],
  ['rigidExpenditures', '刚性支出'],
];

/** Which parts of the household record a change touched, in words ("收入、财产"). */
export function economicsSummary(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const known = new Map(ECONOMICS_PARTS);
  const changed = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  if (!before || !Object.keys(b).length) return '首次录入家庭经济状况';
  if (!changed.length) return '重新保存，内容未变';
  const named = changed.map((k) => known.get(k) ?? '其他项目');
  return `变更${[...new Set(named)].join('、')}`;
}

const yuan = (fen: unknown) => (typeof fen === 'number' ? `${(fen / 100).toFixed(2)}元` : '—');
const verdict = (v: unknown) => (v === true ? '符合' : v === false ? '不符合' : '—');

/** Who did it: 姓名（角色，地区）. */
export function actorOf(e: TrailEntry, facts: RecordFacts): string {
  const region = e.actorRegion ? facts.regionNames.get(e.actorRegion) : undefined;
  const role = facts.roleName(e.actorRole);
  const what = [role, region].filter(Boolean).join('，');
  return `${e.actorName ?? '系统'}${what ? `（${what}）` : ''}`;
}

/** The 操作人 column: the official, and whom they acted for when a delegate acted (李四（代张三）). */
export function actorCell(e: TrailEntry): string {
  if (issuedOnApplicantsAct(e)) return SYSTEM_ISSUER;
  const principal = onBehalfOf(e)?.name;
  return `${e.actorName ?? ''}${principal ? `（代${principal}）` : ''}`;
}

/** Who a document issued in the applicant's own act (an online application's 申请书) was issued by. */
export const SYSTEM_ISSUER = '系统（随申请生成）';

/**
 * A document issued while the applicant acted (the 申请书 and 授权书 of an online application):
 * the system issued it for the organ, the applicant did not issue anything.
 */
export function issuedOnApplicantsAct(e: Pick<TrailEntry, 'action' | 'actorRole'>): boolean {
  return e.action === 'document.issue' && e.actorRole === 'applicant';
}

interface Assignment {
  name?: string;
  from?: { name?: string | null } | null;
  to?: { name?: string | null } | null;
  reason?: string;
}

/** "“受理审查”由李窗口改由周窗口办理", or back to the group's inbox. */
function reassignment(d: Assignment): string {
  const from = d.from ? `由${d.from.name ?? '原办理人'}` : '由待办组';
  const to = d.to ? `改由${d.to.name ?? '其他工作人员'}办理` : '退回待办组另行认领';
  return `“${String(d.name ?? '')}”${from}${to}`;
}

/**
 * The steps in the order the trail recorded them, each with who did it; every change of the
 * economics and the 测算 it triggered are steps of their own.
 */
export function stepsFromTrail(
  trail: TrailEntry[],
  facts: RecordFacts,
): { steps: AnswerStep[]; economics: EconomicsChange[] } {
  const steps: AnswerStep[] = [];
  const economics: EconomicsChange[] = [];
  for (const e of trail) {
    const d = (e.detail ?? {}) as Record<string, unknown>;
    const date = facts.dateOf(e.at);
    const who = actorOf(e, facts);
    switch (e.action) {
      case 'task.complete': {
        const principal = onBehalfOf(e);
        if (principal?.name) {
          // Acting authority: the delegate signs for the holder only within the delegation.
          const terms = principal.delegation ?? facts.delegationOf?.(e);
          steps.push({
            date,
            text: `由${who}代${principal.name}办理“${String(d.name ?? '')}”（${delegationTerms(terms, principal.name, true)}）`,
          });
        } else steps.push({ date, text: `${who}办理“${String(d.name ?? '')}”` });
        break;
      }
      case 'task.assign':
        steps.push({ date, text: `经${who}改派，${reassignment(d)}，理由：${String(d.reason ?? '')}` });
        break;
      case 'document.issue': {
        const label = facts.documents.get(String(d.documentId));
        if (label) steps.push({ date, text: `制作${label}` });
        break;
      }
      case 'service.record': {
        const s = facts.served.get(String(d.serviceRecordId));
        if (s)
          steps.push({
            date,
            text: `${who}记录送达：${cnDate(s.servedOn)}以${s.method}方式向${s.recipient}送达${s.document}`,
          });
        break;
      }
      case 'case.economics': {
        const summary = economicsSummary(d.before, d.after);
        economics.push({ date, who, summary });
        steps.push({ date, text: `${who}录入家庭经济状况（${summary}）` });
        break;
      }
      case 'assessment.reassess': {
        const before = d.before as Record<string, unknown> | null;
        const after = (d.after ?? {}) as Record<string, unknown>;
        steps.push({
          date,
          text:
            `家庭经济状况变更后系统重新测算：` +
            (before
              ? `人均收入由${yuan(before.perCapitaFen)}变为${yuan(after.perCapitaFen)}，${
                  before.eligible === after.eligible
                    ? `测算结论未变（${verdict(after.eligible)}）`
                    : `测算结论由${verdict(before.eligible)}变为${verdict(after.eligible)}`
                }`
              : `人均收入${yuan(after.perCapitaFen)}，测算结论${verdict(after.eligible)}`),
        });
        break;
      }
      default:
        break;
    }
  }
  return { steps, economics };
}

/** Keys holding the household's own data: the applicant's, not the officials'. */
const HOUSEHOLD =
  /^(before|after|household|members|incomes|assets|vehicles|homes|businesses|health|disability)$/;
const ADDRESS = /(^|[a-z])address$/i;
const PHONE = /phone$/i;

/**
 * The audit detail for the package: the officials' own opinions, amounts and legal basis stay as
 * they wrote them; the household's data is withheld (it is in the 计算明细 and the snapshot), and
 * addresses, phones and ID numbers are masked — least exposure of the applicant only.
 */
export function maskApplicantData(value: unknown, key = ''): unknown {
  if (value === null || value === undefined) return value;
  if (key && HOUSEHOLD.test(key) && typeof value === 'object') return '〔家庭经济状况，见计算明细〕';
  if (typeof value === 'string') {
    if (ADDRESS.test(key)) return maskAddress(value);
    if (PHONE.test(key)) return maskPhone(value);
    return maskIdsDeep(value);
  }
  if (Array.isArray(value)) return value.map((v) => maskApplicantData(v, key));
  if (typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskApplicantData(v, k)]),
  );
}

/** The 操作 column: the action's Chinese name, and the step's name for a completed or reassigned step. */
export function actionLabel(e: TrailEntry): string {
  const name = actionName(e.action);
  const step = (e.detail as { name?: unknown } | null)?.name;
  return (e.action === 'task.complete' || e.action === 'task.assign') && typeof step === 'string'
    ? `${name}：${step}`
    : name;
}

const INTERNAL = /^(id|ids|elementId|.*Id|.*Ids|version|open|opened)$/;

/** Internal ids go; so does an empty field (a document without a number by design has none to show). */
function withoutInternal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutInternal);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => !INTERNAL.test(k) && v !== null && v !== undefined)
      .map(([k, v]) => [k, withoutInternal(v)]),
  );
}

/**
 * What the 内容 column shows of an entry: a completed step's form as its official filled it, any
 * other entry's detail; internal ids (task, element, document, record) stay in the CSV only.
 */
export function trailDetail(e: TrailEntry, delegationOf?: RecordFacts['delegationOf']): unknown {
  const d = maskApplicantData(e.detail) as Record<string, unknown> | null;
  if (!d) return null;
  if (e.action === 'task.complete') {
    const { data } = d as { data?: unknown };
    const principal = onBehalfOf(e);
    return withoutInternal({
      ...(data as object),
      ...(principal?.name && {
        代办: `${e.actorName ?? ''}代${principal.name}办理（${delegationTerms(principal.delegation ?? delegationOf?.(e), principal.name, false)}）`,
      }),
    });
  }
  if (e.action === 'notification.queue' && typeof d.event === 'string') {
    return withoutInternal({ ...d, event: notificationEventName(d.event) });
  }
  if (e.action === 'task.assign') {
    const a = d as Assignment;
    return {
      步骤: a.name ?? '',
      原办理人: a.from?.name ?? '（待办组）',
      改派给: a.to?.name ?? '退回待办组',
      改派理由: a.reason ?? '',
    };
  }
  return withoutInternal(d);
}
