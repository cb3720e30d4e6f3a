import type { ErrorDetail } from '@app/common';
import { CaseRules, programsConflict } from './case-rules';

/** What a step's figures are held against: the case's assessment, reduced to what a decision states. */
export interface AssessmentFacts {
  id: string;
  /**
   * False when the case's economics changed after this assessment (or it was of other figures), or
   * it was computed under a policy version no longer in force.
   */
  current: boolean;
  /** Computed under a policy version other than the one in force on the step's date. */
  parametersOutdated?: boolean;
  eligible: boolean;
  benefitFen: number;
  perCapitaFen: number | null;
  standardFen: number;
  coveredPersons: number;
  /** 特困: whether the applicant passes the three tests (null when the result names no applicant). */
  extremePoverty?: boolean | null;
  /** 低保边缘: per-capita income below the low-income line, property passing, not 低保. */
  lowIncome?: boolean;
  /** 刚性支出困难: rigid expenditure at least the household's gross income (`lowIncomeFlags`). */
  rigidHardship?: boolean;
}

export interface FigureInput {
  program: string;
  /** The step's form field ids. */
  fieldIds: string[];
  /** The step's answers, typed (money in fen). */
  values: Record<string, unknown>;
  householdSize: number;
  hasEconomics: boolean;
  assessment: AssessmentFacts | null;
  rules: CaseRules;
  /** 临时救助: the amount up to which the county entrusts the township to approve. */
  townshipApprovalLimitFen?: number;
  /** 临时救助 急难型: the most a 先行救助 may grant before the investigation. */
  emergencyGrantLimitFen?: number;
  /** The step is done by the township (an entrusted approval), not the county. */
  byTownship?: boolean;
}

export interface FactProblem {
  status: 400 | 409;
  code: string;
  message: string;
  details: ErrorDetail[];
}

/** Fields by which a step proposes or decides who is covered and for how much. */
const FIGURE_FIELDS = ['proposedAmount', 'amount', 'coveredPersons', 'opinion', 'stopDecision'];

export function isFigureStep(fieldIds: string[]): boolean {
  return fieldIds.some((id) => FIGURE_FIELDS.includes(id));
}

/** The step decides for the benefit: 初审 符合, 审核确认 同意, 认定, 审批 给予. */
function grants(values: Record<string, unknown>): boolean {
  return (
    values.opinion === 'eligible' ||
    values.decision === 'confirm' ||
    values.decision === 'recognize' ||
    values.approvalDecision === 'grant'
  );
}

function refuses(values: Record<string, unknown>): boolean {
  return (
    values.opinion === 'ineligible' ||
    values.decision === 'refuse' ||
    values.stopDecision === 'stop' ||
    values.approvalDecision === 'refuse'
  );
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/**
 * Whether a step's own figures agree with each other and with the assessment: covered persons
 * within the household; for 低保, 符合 against an assessment of 不符合, or an amount other than the
 * benefit rule's, only with a recorded reason (and, beyond the policy threshold, the approver's
 * confirmation). A step that relies on an out-of-date assessment is refused outright.
 */
export function figureProblems(f: FigureInput): FactProblem[] {
  if (completesFormalities(f)) return assessmentRequired(f);
  if (!isFigureStep(f.fieldIds)) return [];
  const out: FactProblem[] = [];
  const persons = f.values.coveredPersons;
  if (typeof persons === 'number' && persons > f.householdSize) {
    out.push({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: `保障人数（${persons}人）超过家庭人数（${f.householdSize}人）`,
      details: [{ field: 'coveredPersons', message: `不能超过家庭成员人数${f.householdSize}人` }],
    });
  }
  if (f.program === 'linshi') out.push(...linshiAmountProblems(f));
  // 先行救助 may precede the investigation (民发〔2018〕23号: 简化审批手续，事后补办); it is bounded by
  // the entrusted amount instead, and the 补办 step requires the assessment.
  if (isEmergencyGrant(f.values)) return out;
  if (!f.hasEconomics) return decidesAmount(f) ? out.concat(assessmentRequired(f)) : out;
  const a = f.assessment;
  if (!a || !a.current) {
    out.push({
      status: 409,
      code: 'ASSESSMENT_STALE',
      message: a?.parametersOutdated
        ? '测算所依据的救助政策参数已不是现行有效的版本（保障标准等已调整），本步骤依据的测算已过期，请按现行参数重新测算后再办理'
        : a
          ? '家庭经济状况已在测算后修改，本步骤依据的测算已过期，请重新测算后再提出意见'
          : '已录入家庭经济状况但尚未测算，请先测算后再提出意见',
      details: [{ field: 'assessment', message: '测算结果不是最新的' }],
    });
    return out;
  }
  if (f.program !== 'dibao') return out.concat(programVerdictProblems(f, a));
  const reason = typeof f.values.deviationReason === 'string' ? f.values.deviationReason.trim() : '';
  const departures: ErrorDetail[] = [];
  let beyondThreshold = false;
  const perCapita = a.perCapitaFen === null ? '—' : yuan(a.perCapitaFen);
  if (grants(f.values) && !a.eligible) {
    departures.push({
      field: f.fieldIds.includes('opinion') ? 'opinion' : 'decision',
      message: `测算结论为不符合（月人均收入${perCapita}元，保障标准${yuan(a.standardFen)}元），与“符合”的意见不一致`,
    });
    beyondThreshold = true;
  }
  if (refuses(f.values) && a.eligible) {
    departures.push({
      field: f.fieldIds.includes('opinion')
        ? 'opinion'
        : f.fieldIds.includes('stopDecision')
          ? 'stopDecision'
          : 'decision',
      message: `测算结论为符合（拟保障金额${yuan(a.benefitFen)}元/月），与“不符合”的意见不一致`,
    });
    beyondThreshold = true;
  }
  // 低保 eligibility is the income and property test itself: no reason overrides it (the notice
  // would state both 不符合 and 符合). Wrong figures are corrected in the economics, which re-assesses.
  if (departures.length) {
    return out.concat({
      status: 409,
      code: 'FIGURES_DISAGREE',
      message: `${departures[0].message}；是否符合条件以测算结果为准，如家庭经济状况有误，请更正后重新测算`,
      details: departures,
    });
  }
  const amountField = f.fieldIds.includes('proposedAmount') ? 'proposedAmount' : 'amount';
  const amount = f.values[amountField];
  // No reason lets a 低保 amount pass what the benefit could ever be: the whole standard for every
  // covered person (or the assessment's own figure, increments included, where that is higher).
  const covered = typeof persons === 'number' ? persons : f.householdSize;
  const ceiling = Math.max(a.benefitFen, a.standardFen * covered);
  if (grants(f.values) && typeof amount === 'number' && amount > ceiling) {
    out.push({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: `金额${yuan(amount)}元超过保障标准${yuan(a.standardFen)}元×${covered}人=${yuan(ceiling)}元，不能作为月保障金额`,
      details: [{ field: amountField, message: `不能超过${yuan(ceiling)}元` }],
    });
    return out;
  }
  if (grants(f.values) && typeof amount === 'number' && a.eligible && amount !== a.benefitFen) {
    departures.push({
      field: amountField,
      message: `金额${yuan(amount)}元与测算的保障金额${yuan(a.benefitFen)}元不一致`,
    });
    const bound = Math.floor((a.benefitFen * f.rules.deviationConfirmBp) / 10_000);
    if (Math.abs(amount - a.benefitFen) > bound) beyondThreshold = true;
  }
  // Who is covered is part of the figures: the benefit rule gave the amount for the assessed persons.
  if (grants(f.values) && typeof persons === 'number' && a.eligible && persons !== a.coveredPersons) {
    departures.push({
      field: 'coveredPersons',
      message: `保障人数${persons}人与测算的保障人数${a.coveredPersons}人不一致`,
    });
    beyondThreshold = true;
  }
  if (departures.length && !f.fieldIds.includes('deviationReason')) {
    // The form records no reason (确认测算不符合条件): it cannot depart from the assessment at all.
    out.push({
      status: 409,
      code: 'FIGURES_DISAGREE',
      message: `${departures[0].message}；本步骤不能偏离测算结果`,
      details: departures,
    });
  } else if (departures.length && !reason) {
    out.push({
      status: 409,
      code: 'FIGURES_DISAGREE',
      message: `${departures[0].message}；偏离测算结果须填写偏离理由`,
      details: [...departures, { field: 'deviationReason', message: '偏离测算结果须填写理由' }],
    });
  } else if (departures.length && beyondThreshold && f.fieldIds.includes('deviationConfirmed')) {
    if (f.values.deviationConfirmed !== true) {
      out.push({
        status: 409,
        code: 'DEVIATION_NOT_CONFIRMED',
        message: `${departures[0].message}，偏离超过政策规定的幅度，须由审批人明确确认`,
        details: [...departures, { field: 'deviationConfirmed', message: '请确认偏离测算结果' }],
      });
    }
  }
  return out;
}

/** 急难型 先行救助: the township grants first, and completes the formalities afterwards. */
function isEmergencyGrant(values: Record<string, unknown>): boolean {
  return values.emergencyAction === 'grant';
}

/** The 补办 step of a 先行救助: the paperwork the emergency let the township skip, the assessment included. */
function completesFormalities(f: FigureInput): boolean {
  return f.program === 'linshi' && f.fieldIds.includes('completionDate');
}

/** The step grants, or names an amount: it decides on figures only an assessment gives. */
function decidesAmount(f: FigureInput): boolean {
  if (grants(f.values)) return true;
  return ['proposedAmount', 'amount'].some(
    (k) => typeof f.values[k] === 'number' && (f.values[k] as number) > 0,
  );
}

/** No economics, or none assessed as they now stand: a step may not decide on figures nobody computed. */
function assessmentRequired(f: FigureInput): FactProblem[] {
  if (f.hasEconomics && f.assessment?.current) return [];
  if (f.hasEconomics) {
    return [
      {
        status: 409,
        code: 'ASSESSMENT_STALE',
        message: '家庭经济状况已在测算后修改或尚未测算，请重新测算后再办理',
        details: [{ field: 'assessment', message: '测算结果不是最新的' }],
      },
    ];
  }
  return [
    {
      status: 409,
      code: 'ASSESSMENT_REQUIRED',
      message: '本案尚未录入家庭经济状况，须先录入家庭经济状况并完成测算，才能提出或决定救助金额',
      details: [{ field: 'assessment', message: '须先录入家庭经济状况并完成测算' }],
    },
  ];
}

/** What the 公示 published (the 初审's proposal), and whether the economics changed after it. */
export interface PublishedFigures {
  amountFen: number | null;
  persons: number | null;
  economicsChangedSince: boolean;
}

/**
 * The county confirms what the public was shown: once the economics changed after the 公示, other
 * persons or another amount would be decided without a 公示 of them (审核确认办法第十九条). The
 * model has no way back to the township from this step, so the county confirms the published
 * figures (a departure from the new assessment then needs its reason) or refuses.
 */
export function publicNoticeProblems(
  fieldIds: string[],
  values: Record<string, unknown>,
  published: PublishedFigures | null,
): FactProblem[] {
  if (!published?.economicsChangedSince) return [];
  if (values.decision !== 'confirm' && values.decision !== 'recognize') return [];
  const details: ErrorDetail[] = [];
  const amount = values.amount;
  if (
    fieldIds.includes('amount') &&
    typeof amount === 'number' &&
    published.amountFen !== null &&
    amount !== published.amountFen
  )
    details.push({ field: 'amount', message: `公示的金额为${yuan(published.amountFen)}元` });
  const persons = values.coveredPersons;
  if (typeof persons === 'number' && published.persons !== null && persons !== published.persons)
    details.push({ field: 'coveredPersons', message: `公示的保障人数为${published.persons}人` });
  if (!details.length) return [];
  return [
    {
      status: 409,
      code: 'PUBLIC_NOTICE_OUTDATED',
      message:
        '公示后家庭经济状况已变更，拟确认的保障人数或金额与公示内容不一致，须退回乡镇重新公示；本步骤只能按公示内容确认或作出不予确认',
      details,
    },
  ];
}

const PROGRAM_VERDICT: Record<
  string,
  (a: AssessmentFacts, values: Record<string, unknown>) => { eligible: boolean | null; what: string }
> = {
  tekun: (a) => ({ eligible: a.extremePoverty ?? null, what: '特困人员认定条件' }),
  dibian: (a, v) =>
    v.lowIncomeCategory === 'rigid'
      ? { eligible: a.rigidHardship ?? null, what: '刚性支出困难家庭认定条件' }
      : { eligible: a.lowIncome ?? null, what: '低保边缘家庭认定条件' },
};

/**
 * 特困 and 低收入人口认定 decide eligibility, not an amount the assessment gives: each is held to its
 * own test in the assessment (the applicant's three 特困 tests; the low-income line or the rigid
 * expenditure test for the category chosen). As for 低保, no reason overrides the verdict: the
 * decision would print the assessment's 不符合 beside its own 符合. Facts the assessment got wrong
 * are corrected in the economics, which re-assesses.
 */
function programVerdictProblems(f: FigureInput, a: AssessmentFacts): FactProblem[] {
  const verdict = PROGRAM_VERDICT[f.program]?.(a, f.values);
  if (!verdict || verdict.eligible === null) return [];
  const field = f.fieldIds.includes('opinion') ? 'opinion' : 'decision';
  let message: string | null = null;
  if (grants(f.values) && !verdict.eligible)
    message = `测算结论为不符合${verdict.what}，与“符合”的意见不一致`;
  if (refuses(f.values) && verdict.eligible)
    message = `测算结论为符合${verdict.what}，与“不符合”的意见不一致`;
  if (!message) return [];
  return [
    {
      status: 409,
      code: 'FIGURES_DISAGREE',
      message: `${message}；认定结论须与测算一致，如家庭经济状况有误，请更正后重新测算`,
      details: [{ field, message }],
    },
  ];
}

/**
 * 临时救助 is a one-off amount: a grant names one above zero, and a township
 * approving under the county's entrustment stays within the entrusted limit (民发〔2018〕23号).
 */
function linshiAmountProblems(f: FigureInput): FactProblem[] {
  const amountField = f.fieldIds.includes('amount')
    ? 'amount'
    : f.fieldIds.includes('proposedAmount')
      ? 'proposedAmount'
      : null;
  if (!amountField) return [];
  const amount = f.values[amountField];
  const problem = (message: string): FactProblem => ({
    status: 400,
    code: 'VALIDATION_FAILED',
    message,
    details: [{ field: amountField, message }],
  });
  const granting = grants(f.values) || isEmergencyGrant(f.values);
  if (granting && (typeof amount !== 'number' || amount <= 0))
    return [problem('给予临时救助须写明大于0的救助金额')];
  const limit = f.townshipApprovalLimitFen;
  const emergencyLimit = f.emergencyGrantLimitFen;
  if (
    isEmergencyGrant(f.values) &&
    typeof amount === 'number' &&
    emergencyLimit !== undefined &&
    amount > emergencyLimit
  )
    return [
      problem(
        `先行救助金额${yuan(amount)}元超过先行救助额度${yuan(emergencyLimit)}元，超出部分应按支出型程序调查后报批`,
      ),
    ];
  if (
    f.byTownship &&
    f.values.approvalDecision === 'grant' &&
    typeof amount === 'number' &&
    limit !== undefined &&
    amount > limit
  )
    return [problem(`救助金额${yuan(amount)}元超过委托乡镇审批的额度${yuan(limit)}元，应报县级民政部门审批`)];
  return [];
}

export interface DateField {
  id: string;
  label: string;
  type: string;
  constraints?: { name: string; config?: string }[];
}

/** A deadline the step sets (the model says min="today"): it lies ahead, never before today. */
const isDeadline = (field: DateField) =>
  (field.constraints ?? []).some((c) => c.name === 'min' && c.config === 'today');

/** A date the case recorded at an earlier step, which the dates of later steps cannot precede. */
export interface EarlierDate {
  date: string;
  /** What it is, as the message names it: “入户调查”记录的“入户日期”, “乡镇初审”的办理日期, 公示期届满日. */
  label: string;
  /**
   * Binds the deciding step's own date (today) rather than the dates a step records: a decision
   * waits for the 公示 to end, while a visit or a 送达 during it may be legitimate.
   */
  bindsDecision?: boolean;
}

export interface CaseClock {
  applicationDate: string;
  acceptanceDate: string | null;
  today: string;
  /** Dates of the case's earlier steps (recorded visits, decisions, the 公示 period), any order. */
  earlier?: EarlierDate[];
}

/**
 * Every date a step records happens within the case and after what came before it: not before
 * the application (nor before the acceptance, once accepted), not before a date recorded at an
 * earlier step of the case (a visit, a decision), and not after today on the application clock.
 * A deciding step (one with figures) is itself dated today, which must not precede the end of a
 * 公示 the case has posted.
 */
export function dateProblems(
  fields: DateField[],
  values: Record<string, unknown>,
  clock: CaseClock,
): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const floors: EarlierDate[] = [
    { date: clock.applicationDate, label: '申请日期' },
    ...(clock.acceptanceDate ? [{ date: clock.acceptanceDate, label: '受理日期' }] : []),
    ...(clock.earlier ?? []).filter((e) => !e.bindsDecision),
  ];
  for (const field of fields) {
    if (field.type !== 'date') continue;
    const value = values[field.id];
    if (typeof value !== 'string') continue;
    const label = field.label || field.id;
    if (isDeadline(field)) {
      if (value < clock.today)
        out.push({ field: field.id, message: `“${label}”（${value}）早于今天（${clock.today}）` });
      continue;
    }
    // The latest fact it precedes is the one worth naming: putting that right clears the others.
    const before = latestAfter(floors, value);
    if (before) {
      out.push({
        field: field.id,
        message: `“${label}”（${value}）早于本案${before.label}（${before.date}）`,
      });
    } else if (value > clock.today) {
      out.push({ field: field.id, message: `“${label}”（${value}）晚于今天（${clock.today}）` });
    }
  }
  const decides = fields.find((f) => DECIDING_FIELDS.includes(f.id) && values[f.id] !== undefined);
  // The 公示's last day is inside it: a decision is due from the day after, not on it.
  const wait =
    decides &&
    latestAfter(
      (clock.earlier ?? []).filter((e) => e.bindsDecision),
      clock.today,
      true,
    );
  if (decides && wait) {
    out.push({
      field: decides.id,
      message: `本步骤办理日期（${clock.today}）未晚于本案${wait.label}（${wait.date}），届满后方能作出决定`,
    });
  }
  return out;
}

/**
 * A step that records the 公示's outcome (its `objection` answer) or decides may be done only from
 * the day after the last day the 公示 printed, on the application clock, whatever the model's timer
 * says: a decision on the last day cuts the public's time to object short. Returns the refusal, or
 * null when no 公示 of the case is still running on `today`.
 */
export function publicNoticeRunning(
  step: { name: string; fieldIds: string[] },
  notices: { endDate: string }[],
  today: string,
): { status: 409; code: string; message: string; details: ErrorDetail[] } | null {
  const bound = step.fieldIds.find((id) => id === 'objection' || DECIDING_FIELDS.includes(id));
  if (!bound) return null;
  const end = notices.map((n) => n.endDate).reduce<string | null>((a, b) => (a && a > b ? a : b), null);
  if (!end || today > end) return null;
  const message = `公示期至${cnDay(end)}止，${cnDay(dayAfter(end))}起方可办理“${step.name}”（今天是${cnDay(today)}）`;
  return { status: 409, code: 'PUBLIC_NOTICE_RUNNING', message, details: [{ field: bound, message }] };
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function cnDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The fields by which a step decides (its own date is the decision date). */
const DECIDING_FIELDS = ['opinion', 'decision', 'approvalDecision', 'stopDecision'];

function latestAfter(dates: EarlierDate[], value: string, orOn = false): EarlierDate | undefined {
  let found: EarlierDate | undefined;
  for (const d of dates)
    if ((value < d.date || (orOn && value === d.date)) && (!found || d.date > found.date)) found = d;
  return found;
}

/**
 * The dates a completed step of the case fixes for the steps after it: each event date it recorded
 * (not a deadline it set, nor a 送达 date — serving a paper runs beside the procedure, and a visit
 * may come before the acceptance notice reaches the applicant), and, when it decided figures, the
 * day it did. A 公示 fixes its last day for the decision.
 */
export function earlierDates(
  steps: { name: string; form: DateField[]; data: Record<string, unknown> | null; completedOn: string }[],
  notices: { endDate: string }[],
): EarlierDate[] {
  const out: EarlierDate[] = [];
  for (const step of steps) {
    const data = step.data ?? {};
    for (const field of step.form) {
      const value = data[field.id];
      if (field.type !== 'date' || typeof value !== 'string' || isDeadline(field)) continue;
      if (SERVICE_DATE_FIELDS.includes(field.id)) continue;
      out.push({ date: value, label: `“${step.name}”记录的“${field.label || field.id}”` });
    }
    const decided = (id: string) => FIGURE_FIELDS.includes(id) || DECIDING_FIELDS.includes(id);
    if (step.form.some((f) => decided(f.id) && data[f.id] !== undefined))
      out.push({ date: step.completedOn, label: `“${step.name}”的决定日期` });
  }
  for (const n of notices) out.push({ date: n.endDate, label: '公示期届满日', bindsDecision: true });
  return out;
}

/** A 送达 date: when a paper reached someone, not when a step of the procedure happened. */
const SERVICE_DATE_FIELDS = ['serviceDate'];

/** Another application case that holds (or is being decided for) one of the same people. */
export interface OtherCase {
  id: string;
  caseNo: string;
  program: string;
  status: string;
  benefitStatus: string | null;
  householdIds: string[];
  /** The applicant account that applied online, if any. */
  applicantAccountId: string | null;
}

export interface Overlap {
  caseId: string;
  caseNo: string;
  program: string;
  /** 'open' = still being decided; 'active' = the household receives the benefit. */
  state: 'open' | 'active';
  kind: 'same-applicant' | 'member-elsewhere' | 'same-account';
  idNumbers: string[];
  overridable: boolean;
  message: string;
}

const PROGRAM_NAMES: Record<string, string> = {
  dibao: '最低生活保障',
  tekun: '特困人员救助供养',
  dibian: '低收入人口认定',
  linshi: '临时救助',
};

/**
 * The other cases this one would duplicate or clash with under the rules: the same applicant, a
 * member already covered, or the same applicant account, in the same or an excluding program.
 */
export function overlaps(
  draft: { program: string; applicantIdNumber: string; memberIds: string[]; accountId: string | null },
  others: OtherCase[],
  rules: CaseRules,
): Overlap[] {
  const out: Overlap[] = [];
  for (const other of others) {
    if (!programsConflict(rules, draft.program, other.program)) continue;
    const state = other.status === 'in_progress' ? 'open' : 'active';
    const shared = draft.memberIds.filter((id) => other.householdIds.includes(id));
    const where = `${PROGRAM_NAMES[other.program] ?? other.program}案件${other.caseNo}（${state === 'open' ? '在办' : '在享'}）`;
    if (other.householdIds.includes(draft.applicantIdNumber)) {
      out.push({
        caseId: other.id,
        caseNo: other.caseNo,
        program: other.program,
        state,
        kind: 'same-applicant',
        idNumbers: shared,
        overridable: false,
        message: `申请人已在${where}中`,
      });
    } else if (draft.accountId && other.applicantAccountId === draft.accountId) {
      out.push({
        caseId: other.id,
        caseNo: other.caseNo,
        program: other.program,
        state,
        kind: 'same-account',
        idNumbers: shared,
        overridable: false,
        message: `同一申请账号已有${where}`,
      });
    } else if (shared.length) {
      out.push({
        caseId: other.id,
        caseNo: other.caseNo,
        program: other.program,
        state,
        kind: 'member-elsewhere',
        idNumbers: shared,
        // Nobody receives the same benefit twice: no reason lets a member of an active case of the
        // same program in; across excluding programs a reason (e.g. moved out) may.
        overridable:
          rules.memberOverlapOverridable && !(state === 'active' && other.program === draft.program),
        message: `家庭成员${shared.length}人已在${where}中`,
      });
    }
  }
  return out;
}
