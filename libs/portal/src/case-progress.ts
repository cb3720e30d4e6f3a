import { shanghaiDate } from '@app/common';
import type { CaseEntity, TaskEntity } from '@app/persistence';
import { NEUTRAL_STEP_NAME } from './road-map';

/** How each ending of a case reads to the applicant (the model's `sa:outcome` ids): the 2021 办法's words. */
export const OUTCOME_TEXT: Record<string, string> = {
  confirmed: '已审核确认，纳入最低生活保障',
  'not-accepted': '不予受理',
  'not-eligible': '经家庭经济状况核对不符合条件',
  refused: '不予确认',
  recognized: '已认定为低收入人口',
  granted: '已给予临时救助',
  // Procedures on the household (定期核查, 增发/减发/停发, 追回, 处罚) the applicant was served in.
  unchanged: '经核查，保障金额不变',
  increased: '经核查，增发最低生活保障金',
  decreased: '经核查，减发最低生活保障金',
  stopped: '经核查，停发最低生活保障金',
  'gradual-exit': '经核查，给予渐退期',
  'person-reduced': '减发（停发）本人最低生活保障金',
  'not-reduced': '不减发',
  recovered: '责令退回违规领取的救助金',
  'not-recovered': '不予追回',
  penalized: '作出行政处罚决定',
  'not-penalized': '不予行政处罚',
  terminated: '终止救助供养',
  'not-terminated': '继续救助供养',
};

/** Who is working on a step, as an applicant would say it. */
const WHO: Record<string, string> = {
  window_clerk: '乡镇（街道）受理窗口',
  investigator: '乡镇（街道）调查人员',
  township_reviewer: '乡镇人民政府（街道办事处）',
  county_approver: '县民政局',
};

export interface ProgressStep {
  title: string;
  status: 'done' | 'current';
  /** When it was finished (done) or began (current), ISO timestamp or date. */
  date: string | null;
  dueDate: string | null;
  who: string | null;
}

export interface PendingWait {
  name: string;
  dueAt: Date;
}

/**
 * The applicant's view of where the case is: the steps in the order they happened, then what is
 * open now with its due date. Nothing here knows the model's order; it reads the case's own record.
 */
export function caseProgress(
  kase: CaseEntity,
  tasks: TaskEntity[],
  waits: PendingWait[],
  /** The model's `sa:publicName` by element id; a step without one shows a neutral name. */
  names: Map<string, string> = new Map(),
): ProgressStep[] {
  const title = (t: TaskEntity) => names.get(t.elementId) ?? NEUTRAL_STEP_NAME;
  const steps: ProgressStep[] = [
    { title: '提交申请', status: 'done', date: kase.applicationDate, dueDate: null, who: null },
  ];
  const done = tasks
    .filter((t) => t.status === 'completed' && t.completedAt)
    .sort((a, b) => a.completedAt!.getTime() - b.completedAt!.getTime());
  for (const t of done) {
    // Two elements of one public step (入户调查 and 邻里访问) read as one step to the applicant.
    if (steps.at(-1)?.title === title(t) && steps.at(-1)?.status === 'done') {
      steps.at(-1)!.date = t.completedAt!.toISOString();
      continue;
    }
    steps.push({
      title: title(t),
      status: 'done',
      date: t.completedAt!.toISOString(),
      dueDate: null,
      who: whoFor(t),
    });
  }
  if (kase.status === 'closed') {
    steps.push({
      title: `办结：${OUTCOME_TEXT[kase.outcome ?? ''] ?? '已办结'}`,
      status: 'done',
      date: kase.updatedAt.toISOString(),
      dueDate: null,
      who: null,
    });
    return steps;
  }
  for (const t of tasks.filter((x) => x.status === 'open')) {
    steps.push({
      title: title(t),
      status: 'current',
      date: t.createdAt.toISOString(),
      dueDate: t.dueDate,
      who: whoFor(t),
    });
  }
  for (const w of waits) {
    steps.push({ title: w.name, status: 'current', date: null, dueDate: shanghaiDate(w.dueAt), who: null });
  }
  return steps;
}

/** One sentence saying where the application stands. */
export function plainStatus(
  kase: CaseEntity,
  current: ProgressStep[],
  change?: BenefitChangeSummary | null,
): string {
  if (kase.status === 'closed') {
    const outcome = OUTCOME_TEXT[kase.outcome ?? ''] ?? '已办结';
    const now = kase.outcome === 'confirmed' ? currentBenefitText(change) : null;
    const what = kase.kind === 'procedure' ? '本事项' : '您的申请';
    return `${what}已办结：${outcome}${now ? `；${now}` : ''}。`;
  }
  if (!current.length) return '您的申请正在办理中。';
  return current
    .map((s) => {
      const who = s.who ? `由${s.who}办理，` : '';
      const due = s.dueDate ? `预计${s.dueDate}前完成` : '正在进行';
      return `当前环节“${s.title}”，${who}${due}。`;
    })
    .join('');
}

/** A status short enough for a tag. */
const STATUS_SHORT: Record<string, string> = {
  confirmed: '已审核确认',
  'not-accepted': '不予受理',
  'not-eligible': '不符合条件',
  refused: '不予确认',
  recognized: '已认定',
  granted: '已给予救助',
  unchanged: '保障不变',
  increased: '已增发',
  decreased: '已减发',
  stopped: '已停发',
  'gradual-exit': '渐退期',
  'person-reduced': '已减发',
  recovered: '责令退回',
  penalized: '已处罚',
  terminated: '已终止',
};

/** The latest change of a confirmed case's benefit (增发、减发、停发…), from the ledger. */
export interface BenefitChangeSummary {
  action: string;
  amountFen: number | null;
  effectiveMonth: string;
}

const CHANGE_SHORT: Record<string, string> = {
  increase: '已增发',
  decrease: '已减发',
  person_reduce: '已减发',
  stop: '已停发',
  terminate: '已终止',
  gradual_exit: '渐退期',
};

export function statusText(kase: CaseEntity, change?: BenefitChangeSummary | null): string {
  if (kase.status === 'in_progress') return '办理中';
  const changed = kase.outcome === 'confirmed' && change ? CHANGE_SHORT[change.action] : undefined;
  return changed ?? STATUS_SHORT[kase.outcome ?? ''] ?? '已办结';
}

/**
 * The benefit as it stands after the latest change, in words ("已减发：自2027年1月起每月330.00元"),
 * or null when nothing changed it since the confirmation.
 */
export function currentBenefitText(change: BenefitChangeSummary | null | undefined): string | null {
  const short = change && CHANGE_SHORT[change.action];
  if (!change || !short) return null;
  const [y, m] = change.effectiveMonth.split('-');
  const from = `自${y}年${Number(m)}月起`;
  if (change.amountFen === null) return `${short}：${from}停止发放`;
  return `${short}：${from}每月${(change.amountFen / 100).toFixed(2)}元`;
}

function whoFor(t: TaskEntity): string | null {
  return WHO[t.candidateGroups[0]] ?? null;
}

/** The name a model gives an element (the pending timer's, e.g. “公示期 7 天”), read from its source. */
export function elementName(source: string, elementId: string): string {
  const escaped = elementId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`id="${escaped}"[^>]*?\\sname="([^"]*)"`).exec(source);
  return m ? m[1] : '等待期';
}
