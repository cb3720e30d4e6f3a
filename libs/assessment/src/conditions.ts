/**
 * Severe disability and serious illness, read the same way by every rule (单人保, 特困 labour
 * test, 分类施保, hardship index, referrals): a clerk records either the health category or the
 * certificate, and a rule that looked at only one of them gave different answers for one person.
 */
import type { Member } from './household';

/** Why the member counts as severely disabled (grade 1–2), or null. */
export function severeDisability(m: Member): string | null {
  const d = m.disability;
  if (d && d.grade <= 2) return `持有${d.grade}级残疾证`;
  if (m.health === 'disability_severe') return '健康状况为重度残疾（一、二级）';
  return null;
}

/** Why the member counts as seriously ill, or null. Serious illness has no certificate: health only. */
export function seriousIllness(m: Member): string | null {
  return m.health === 'serious_illness' ? '患重特大疾病' : null;
}
