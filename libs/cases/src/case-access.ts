import { EntityManager } from 'typeorm';
import { AppError } from '@app/common';
import { regionWithin } from '@app/assistance';
import type { AuthUser } from '@app/auth';
import { CaseEntity } from '@app/persistence';

/**
 * The case, if the user is staff whose region covers it (locked for a change when `lock`).
 * Attachments and the 案卷 hold home photos and personal papers, so applicants do not read them
 * here even for their own case.
 */
export async function caseForStaff(
  em: EntityManager,
  user: AuthUser,
  caseId: string,
  lock = false,
): Promise<CaseEntity> {
  const kase = await em
    .getRepository(CaseEntity)
    .findOne({ where: { id: caseId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!kase) throw AppError.notFound('案件不存在');
  if (user.role === 'applicant' || !regionWithin(kase.regionCode, user.regionCode)) {
    throw AppError.forbidden('该案件不在您的管辖范围内');
  }
  return kase;
}
