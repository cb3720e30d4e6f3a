/**
 * Case-level policy: which programs a household may hold at once, and how far a human may depart
 * from the assessment before the approver must confirm it. National defaults; a region overrides
 * them with `caseRules` in its policy parameters (read by `caseRulesFrom`).
 */
export interface CaseRules {
  /** Pairs of programs one household may not hold at once (低保 and 特困: 《社会救助暂行办法》第十四条、第二十一条). */
  exclusivePrograms: [string, string][];
  /** Programs that stack on any other (临时救助 is paid on top of 低保 or 特困). */
  stackablePrograms: string[];
  /** A decided amount further than this from the assessment (basis points of it) needs the approver's confirmation. */
  deviationConfirmBp: number;
  /** Whether a staff member may proceed past a member covered elsewhere with a recorded reason (e.g. moved out). */
  memberOverlapOverridable: boolean;
  /** The shortest reason (characters) that overrides a member covered elsewhere: a real account, not a mark. */
  overlapReasonMinChars: number;
}

export const NATIONAL_CASE_RULES: CaseRules = {
  // 低收入人口 are households not on 低保 or 特困 (DOMAIN.md §1).
  exclusivePrograms: [
    ['dibao', 'tekun'],
    ['dibian', 'dibao'],
    ['dibian', 'tekun'],
  ],
  stackablePrograms: ['linshi', 'monitoring'],
  deviationConfirmBp: 1000,
  memberOverlapOverridable: true,
  overlapReasonMinChars: 10,
};

/** The region's overrides over the national defaults; a malformed override is ignored field by field. */
export function caseRulesFrom(parameters: unknown): CaseRules {
  const raw = (parameters as { caseRules?: Partial<CaseRules> } | null)?.caseRules;
  if (!raw || typeof raw !== 'object') return NATIONAL_CASE_RULES;
  const pairs = Array.isArray(raw.exclusivePrograms)
    ? raw.exclusivePrograms.filter(
        (p): p is [string, string] =>
          Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string'),
      )
    : NATIONAL_CASE_RULES.exclusivePrograms;
  return {
    exclusivePrograms: pairs,
    stackablePrograms: Array.isArray(raw.stackablePrograms)
      ? raw.stackablePrograms.filter((p): p is string => typeof p === 'string')
      : NATIONAL_CASE_RULES.stackablePrograms,
    deviationConfirmBp:
      Number.isInteger(raw.deviationConfirmBp) && raw.deviationConfirmBp! >= 0
        ? raw.deviationConfirmBp!
        : NATIONAL_CASE_RULES.deviationConfirmBp,
    memberOverlapOverridable:
      typeof raw.memberOverlapOverridable === 'boolean'
        ? raw.memberOverlapOverridable
        : NATIONAL_CASE_RULES.memberOverlapOverridable,
    overlapReasonMinChars:
      Number.isInteger(raw.overlapReasonMinChars) && raw.overlapReasonMinChars! >= 1
        ? raw.overlapReasonMinChars!
        : NATIONAL_CASE_RULES.overlapReasonMinChars,
  };
}

/** Whether holding `a` excludes applying for `b` (the same program, or an exclusive pair). */
export function programsConflict(rules: CaseRules, a: string, b: string): boolean {
  if (rules.stackablePrograms.includes(a) || rules.stackablePrograms.includes(b)) return false;
  if (a === b) return true;
  return rules.exclusivePrograms.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}
