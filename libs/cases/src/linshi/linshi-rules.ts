/**
 * Pure rules of 临时救助 (temporary assistance): the four-colour urgency tag of emergency cases
 * (DOMAIN.md §4) and who approves a one-off grant (民发〔2018〕23号: the county entrusts the township
 * with small amounts up to a locally set limit). No framework imports.
 */
import { TEMPORARY_ASSISTANCE_DEFAULTS, type PolicyParameters } from '@app/assessment';

export const CASE_URGENCIES = ['red', 'yellow', 'blue', 'green'] as const;
export type CaseUrgency = (typeof CASE_URGENCIES)[number];

/** Display names, most pressing first (the order the inbox sorts by). */
export const CASE_URGENCY_LABELS: Record<CaseUrgency, string> = {
  red: '红色',
  yellow: '黄色',
  blue: '蓝色',
  green: '绿色',
};

export function isCaseUrgency(value: unknown): value is CaseUrgency {
  return typeof value === 'string' && (CASE_URGENCIES as readonly string[]).includes(value);
}

/** Rank for sorting: red 0 … green 3; untagged cases after every tagged one. */
export function urgencyRank(value: unknown): number {
  return isCaseUrgency(value) ? CASE_URGENCIES.indexOf(value) : CASE_URGENCIES.length;
}

export type ApprovalLevel = 'township' | 'county';

/** The entrusted township limit in force, with the code default for rows stored before it existed. */
export function townshipApprovalLimitFen(parameters: Pick<PolicyParameters, 'temporaryAssistance'>): number {
  return (
    parameters.temporaryAssistance?.townshipApprovalLimitFen ??
    TEMPORARY_ASSISTANCE_DEFAULTS.townshipApprovalLimitFen
  );
}

/** The 先行救助 limit in force (before the investigation), with the local default when unset. */
export function emergencyGrantLimitFen(parameters: Pick<PolicyParameters, 'temporaryAssistance'>): number {
  return (
    parameters.temporaryAssistance?.emergencyGrantLimitFen ??
    TEMPORARY_ASSISTANCE_DEFAULTS.emergencyGrantLimitFen
  );
}

/**
 * 委托乡镇审批: an amount at or below the township limit is approved by the township under the
 * county's entrustment; anything above it (or no amount at all) goes to the county.
 */
export function approvalLevel(amountFen: unknown, limitFen: number): ApprovalLevel {
  if (typeof amountFen !== 'number' || !Number.isSafeInteger(amountFen) || amountFen < 0) return 'county';
  return amountFen <= limitFen ? 'township' : 'county';
}
