/**
 * The declared vocabularies the deploy rules check models against: case outcomes (with the label the
 * portal shows), step kinds (`sa:step`), the level each role acts at, and the statutory limits per
 * program (LEGAL.md §2, §7). Data only, so a legal officer's reviewer can read it in one place.
 */

export type OutcomeEffect = 'favourable' | 'adverse' | 'neutral';

export interface OutcomeEntry {
  label: string;
  effect: OutcomeEffect;
  /** A grant after a county decision: needs a written (favourable) decision on every path. */
  grant?: boolean;
}

export const OUTCOMES: Record<string, OutcomeEntry> = {
  confirmed: { label: '确认享受', effect: 'favourable', grant: true },
  granted: { label: '给予救助', effect: 'favourable', grant: true },
  recognized: { label: '认定', effect: 'favourable', grant: true },
  refused: { label: '不予确认', effect: 'adverse' },
  'not-accepted': { label: '不予受理', effect: 'adverse' },
  'not-eligible': { label: '经核对不符合条件', effect: 'adverse' },
  terminated: { label: '终止', effect: 'adverse' },
  decreased: { label: '减发', effect: 'adverse' },
  stopped: { label: '停发', effect: 'adverse' },
  'gradual-exit': { label: '渐退', effect: 'adverse' },
  'person-reduced': { label: '减发（停发）本人保障金', effect: 'adverse' },
  recovered: { label: '责令退回', effect: 'adverse' },
  increased: { label: '增发', effect: 'favourable' },
  unchanged: { label: '保障金不变', effect: 'favourable' },
  'not-reduced': { label: '不减发', effect: 'favourable' },
  'not-terminated': { label: '继续救助供养', effect: 'favourable' },
  'not-recovered': { label: '不予追回', effect: 'favourable' },
  penalized: { label: '行政处罚', effect: 'adverse' },
  'not-penalized': { label: '不予行政处罚', effect: 'favourable' },
  lifted: { label: '预警已解除', effect: 'neutral' },
  replied: { label: '已答复', effect: 'neutral' },
  'anonymous-closed': { label: '匿名举报已办结', effect: 'neutral' },
};

/**
 * Decision documents that refuse, reduce or end: an end that records a grant must not be reachable
 * after one of them (a refusal end relabelled "granted" would tell the portal the opposite of the
 * decision the applicant holds).
 */
export const ADVERSE_DECISION_TEMPLATES: readonly string[] = [
  'non-acceptance-notice',
  'ineligibility-notice',
  'non-confirmation-decision',
  'review-termination-notice',
  'linshi-non-acceptance-notice',
  'linshi-refusal-decision',
  'low-income-refusal-decision',
  'tekun-non-acceptance-notice',
  'tekun-non-confirmation-decision',
  'tekun-termination-decision',
  'benefit-decrease-decision',
  'benefit-stop-decision',
  'job-refusal-decision',
  'recovery-decision',
  'penalty-decision',
];

export const STEP_KINDS = [
  'acceptance',
  'investigation',
  'information-check',
  'first-instance',
  'public-notice',
  'confirmation',
  'entrusted-confirmation',
  'emergency',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_LABELS: Record<StepKind, string> = {
  acceptance: '受理',
  investigation: '入户调查',
  'information-check': '信息核对',
  'first-instance': '初审',
  'public-notice': '公示',
  confirmation: '审核确认',
  'entrusted-confirmation': '受委托审批',
  emergency: '先行救助',
};

export type Level = 'township' | 'county';

/** The level of government each role acts for (审核确认办法 Art. 2; 特困人员认定办法 Art. 3). */
export const ROLE_LEVELS: Record<string, Level> = {
  window_clerk: 'township',
  investigator: 'township',
  township_reviewer: 'township',
  county_approver: 'county',
};

/** Which level holds the power of each step kind that has one. */
export const STEP_LEVELS: Partial<Record<StepKind, Level>> = {
  acceptance: 'township',
  'first-instance': 'township',
  confirmation: 'county',
  'entrusted-confirmation': 'township',
};

export interface Limit {
  amount: number;
  unit: 'WD' | 'D';
}

export interface ProgramRules {
  name: string;
  /** Where the law places each power (who accepts, reviews, decides). */
  levelBasis: string;
  /** 公示 of the first-instance opinion before the county decides, and its statutory length. */
  publicNotice?: { period: Limit; basis: string };
  /** 入户调查 before any decision (Art. 28: no shortcut past 受理 → 调查 → 审核确认). */
  investigation: { basis: string };
  /** The county's own time limit for its decision, from receiving the file. */
  confirmationLimit?: { limit: Limit; basis: string };
  /** The county may entrust the decision to the township (临时救助 委托乡镇审批). */
  entrustable?: { basis: string };
  /** Emergency steps (先行救助) may skip 调查 and 公示 and be due the same day. */
  emergency?: { basis: string };
}

const DIBAO_BASIS = '《最低生活保障审核确认办法》';

/** Application programs with a statutory procedure; other programs get only the general rules. */
export const PROGRAM_RULES: Record<string, ProgramRules> = {
  dibao: {
    name: '最低生活保障',
    levelBasis: `${DIBAO_BASIS}第二条`,
    publicNotice: { period: { amount: 7, unit: 'D' }, basis: `${DIBAO_BASIS}第十九条` },
    investigation: { basis: `${DIBAO_BASIS}第十五条、第十六条、第二十八条` },
    confirmationLimit: { limit: { amount: 10, unit: 'WD' }, basis: `${DIBAO_BASIS}第二十条` },
  },
  tekun: {
    name: '特困人员救助供养',
    levelBasis: '《特困人员认定办法》第三条',
    publicNotice: { period: { amount: 7, unit: 'D' }, basis: '《特困人员认定办法》第十五条' },
    investigation: { basis: '《特困人员认定办法》第十三条' },
    confirmationLimit: { limit: { amount: 15, unit: 'WD' }, basis: '《特困人员认定办法》第十六条' },
  },
  // 低收入人口: the national text sets no 公示 (LEGAL.md §2d, local rules decide), so none is required here.
  dibian: {
    name: '低收入人口认定',
    levelBasis: `${DIBAO_BASIS}第二条（参照）`,
    investigation: { basis: `${DIBAO_BASIS}第八条、第十六条（参照）` },
    confirmationLimit: { limit: { amount: 10, unit: 'WD' }, basis: `${DIBAO_BASIS}第二十条（参照）` },
  },
  linshi: {
    name: '临时救助',
    levelBasis: '《社会救助暂行办法》第四十八条',
    publicNotice: { period: { amount: 7, unit: 'D' }, basis: '《社会救助暂行办法》第四十八条' },
    investigation: { basis: '《社会救助暂行办法》第四十八条' },
    entrustable: { basis: '《关于进一步加强和改进临时救助工作的意见》（民发〔2018〕23号）' },
    emergency: { basis: '《关于进一步加强和改进临时救助工作的意见》（民发〔2018〕23号）先行救助' },
  },
};

/** Whole-case limits (审核确认办法 Art. 22): 30 working days, 45 after a recorded extension. */
export const CASE_LIMIT: Limit = { amount: 30, unit: 'WD' };
export const CASE_LIMIT_EXTENDED: Limit = { amount: 45, unit: 'WD' };
export const CASE_LIMIT_BASIS = `${DIBAO_BASIS}第二十二条`;

/** Comparable length in calendar days; a working week is 5 of 7 days, holidays aside. */
export function calendarDays(limit: Limit): number {
  return limit.unit === 'D' ? limit.amount : Math.ceil((limit.amount * 7) / 5);
}

export function formatLimit(limit: Limit): string {
  return limit.unit === 'WD' ? `${limit.amount} 个工作日` : `${limit.amount} 日`;
}

/** The 公示 period in force: the statutory one, or the longer one the policy parameters set. */
export function publicNoticeDays(notice: { period: Limit }, configured?: number): number {
  return Math.max(calendarDays(notice.period), configured ?? 0);
}

/** "7 日（《…》第十九条）", or the parameter's longer period with the statutory floor beside it. */
export function publicNoticeText(notice: { period: Limit; basis: string }, configured?: number): string {
  const statutory = calendarDays(notice.period);
  const days = publicNoticeDays(notice, configured);
  return days > statutory
    ? `${days} 日（现行救助政策参数；法定不少于 ${statutory} 日，${notice.basis}）`
    : `${statutory} 日（${notice.basis}）`;
}
