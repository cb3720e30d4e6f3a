import { decisionTemplateFor } from '@app/documents';
import type { DecisionTemplate } from '@app/documents';
import type { AssessmentFacts } from './case-facts';

export interface PrefillField {
  id: string;
  type: string;
  options?: { id: string }[];
}

export interface PrefillInput {
  fields: PrefillField[];
  householdSize: number;
  assessment: AssessmentFacts | null;
  /** What the previous deciding step (初审) recorded, typed (money in fen). */
  proposal: Record<string, unknown> | null;
  /**
   * The decision templates of the program in force, each with its default 法律依据: the decision's
   * basis starts from the one its prefilled answer leads to, never from the step's own
   * `sa:legalBasis`, which names the procedure and not the rule applied.
   */
  decisions: readonly DecisionTemplate[];
  /** The case's program: only 低保 takes its amount from the assessment's benefit (the gap). */
  program?: string;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The facts with their figures, as a decision states them. */
export function factsText(size: number, a: AssessmentFacts): string {
  const perCapita = a.perCapitaFen === null ? '无收入' : `${yuan(a.perCapitaFen)}元`;
  const verdict = a.eligible
    ? `符合最低生活保障条件，测算保障金额${yuan(a.benefitFen)}元/月（保障${a.coveredPersons}人）`
    : '不符合最低生活保障条件';
  return `申请人家庭共${size}人，经信息核对和入户调查，家庭月人均收入${perCapita}，当地保障标准${yuan(a.standardFen)}元/人·月，${verdict}。`;
}

/**
 * 特困: the applicant's three tests, not the 低保 gap — the support amount is set by the 特困
 * standards (basic living and care), which the assessment does not compute.
 */
export function tekunFactsText(size: number, a: AssessmentFacts): string {
  const perCapita = a.perCapitaFen === null ? '无收入' : `${yuan(a.perCapitaFen)}元`;
  const verdict = a.extremePoverty ? '符合特困人员认定条件' : '不符合特困人员认定条件';
  return `申请人家庭共${size}人，经信息核对和入户调查，家庭月人均收入${perCapita}，经核查申请人的劳动能力、生活来源和法定赡养抚养扶养义务人情况，${verdict}。`;
}

function option(field: PrefillField | undefined, ...ids: string[]): string | undefined {
  return ids.find((id) => field?.options?.some((o) => o.id === id));
}

/**
 * Where a first-instance or decision form starts: the assessment's conclusion and figures, and the
 * previous step's proposal over them (persons, amount, reasons, a recorded departure). Values are
 * in the form's input shape (money as yuan text). Only fields the form has are filled.
 */
export function prefillFor(input: PrefillInput): Record<string, unknown> {
  const byId = new Map(input.fields.map((f) => [f.id, f]));
  const has = (id: string) => byId.has(id);
  const out: Record<string, unknown> = {};
  const a = input.assessment?.current ? input.assessment : null;
  const p = input.proposal;
  const program = input.program ?? 'dibao';
  const tekun = program === 'tekun';
  const assessedEligible = tekun
    ? (a?.extremePoverty ?? undefined)
    : program === 'dibao'
      ? a?.eligible
      : undefined;
  const proposedEligible = p ? p.opinion === 'eligible' : assessedEligible;
  const proposedFen =
    typeof p?.proposedAmount === 'number'
      ? p.proposedAmount
      : program === 'dibao' && a?.eligible
        ? a.benefitFen
        : undefined;
  const text = (x: AssessmentFacts) =>
    tekun ? tekunFactsText(input.householdSize, x) : factsText(input.householdSize, x);
  const persons =
    typeof p?.coveredPersons === 'number'
      ? p.coveredPersons
      : a && a.coveredPersons > 0
        ? a.coveredPersons
        : input.householdSize;
  if (has('opinion') && proposedEligible !== undefined)
    out.opinion = option(byId.get('opinion'), proposedEligible ? 'eligible' : 'ineligible');
  if (has('decision') && proposedEligible !== undefined) {
    const d = byId.get('decision');
    out.decision = proposedEligible ? option(d, 'confirm', 'recognize') : option(d, 'refuse');
  }
  if (has('proposedAmount') && proposedFen !== undefined) out.proposedAmount = yuan(proposedFen);
  if (has('amount') && proposedFen !== undefined && proposedEligible) out.amount = yuan(proposedFen);
  if (has('coveredPersons') && (a || p)) out.coveredPersons = persons;
  if (has('facts') && a) out.facts = text(a);
  if (has('reasons')) {
    if (typeof p?.reasons === 'string') out.reasons = p.reasons;
    else if (a) out.reasons = text(a);
  }
  if (has('legalBasis')) {
    const template = decisionTemplateFor(input.decisions, program, out);
    const basis = input.decisions.find((d) => d.id === template)?.manifest.legalBasis;
    if (basis) out.legalBasis = basis;
  }
  if (has('deviationReason') && typeof p?.deviationReason === 'string')
    out.deviationReason = p.deviationReason;
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}
