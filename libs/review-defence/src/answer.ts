/**
 * The 行政复议答复书 draft: what the organ answers, from the case's own record. Pure: the service
 * gathers the facts, this turns them into the data of the template `review-defence-answer`, whose
 * wording (and the article that imposes the ten-day written reply) legal officers own and release
 * like any other document template.
 */

/** The template the 答复书 is rendered from (templates/review-defence-answer). */
export const ANSWER_TEMPLATE_ID = 'review-defence-answer';

export interface AnswerStep {
  /** YYYY-MM-DD (China time). */
  date: string;
  text: string;
}

export interface AnswerInput {
  organ: { name: string; reviewGovernment: string; address?: string; phone?: string };
  applicantName: string;
  caseNo: string;
  programName: string;
  decision: {
    title: string;
    number: string | null;
    issuedOn: string;
    facts?: string;
    reasons?: string;
    legalBasis?: string;
  };
  /** The day the decision was served (deemed served), when a 送达 record exists. */
  servedOn: string | null;
  /** The day the organ received the copy of the 行政复议申请书. */
  applicationReceivedOn: string;
  /** What was done on the case, in the order it was recorded (the audit trail's sequence). */
  steps: AnswerStep[];
  /** Who entered the household's economics (the investigation), when the record shows it. */
  investigatedBy?: string | null;
  /** Every change of the economics: who, when, what in summary. */
  economics?: { date: string; who: string; summary: string }[];
  /** The 证据 listed, each a title with its 文号. */
  evidence: string[];
  answeredOn: string;
}

/** "2026-12-06" → "2026年12月6日". */
export function cnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/**
 * Entered text without its closing punctuation: the template closes each sentence itself, so what
 * the clerk typed ("…标准。。" or "…第九条；") never doubles it.
 */
function clause(text: string | undefined): string | undefined {
  const t = (text ?? '').trim().replace(/[。；;，,.\s]+$/u, '');
  return t || undefined;
}

/**
 * Steps as recorded: the record's own sequence is the real order (same-day steps stay in it, never
 * regrouped by kind). Only a step dated before an earlier one (the application, dated the day the
 * applicant applied) moves up to its date.
 */
export function orderedSteps(steps: AnswerStep[]): AnswerStep[] {
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.date.localeCompare(b.s.date) || a.i - b.i)
    .map((x) => ({ date: x.s.date, text: clause(x.s.text) ?? x.s.text }));
}

/** The data the `review-defence-answer` template renders (its manifest's schema). */
export function answerData(input: AnswerInput): Record<string, unknown> {
  const { organ, decision } = input;
  const optional = (entries: Record<string, string | null | undefined>) =>
    Object.fromEntries(Object.entries(entries).filter(([, v]) => v));
  return {
    issuer: {
      name: organ.name,
      reviewGovernment: organ.reviewGovernment,
      ...optional({ address: organ.address, phone: organ.phone }),
    },
    applicant: { name: input.applicantName },
    case: { caseNo: input.caseNo, programName: input.programName },
    decision: {
      label: `《${decision.title}》${decision.number ? `（${decision.number}）` : ''}`,
      issuedOn: decision.issuedOn,
      ...optional({
        facts: clause(decision.facts),
        reasons: clause(decision.reasons),
        legalBasis: clause(decision.legalBasis),
      }),
    },
    ...optional({ servedOn: input.servedOn, investigatedBy: input.investigatedBy }),
    economics: (input.economics ?? []).map((e) => ({ ...e, date: e.date })),
    applicationReceivedOn: input.applicationReceivedOn,
    steps: orderedSteps(input.steps),
    evidence: input.evidence,
    answeredOn: input.answeredOn,
  };
}
