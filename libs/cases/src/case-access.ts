import { EntityManager } from 'typeorm';
import { AppError } from '@app/common';
import { AuthUser, Permission, mayAccess } from '@app/auth';
import { CaseEntity } from '@app/persistence';
import { caseRepository } from './case.repository';

/**
 * Who a view of a case is for. `staff`: attachments, the 案卷, deadlines and the other working
 * records hold home photos, other people's papers and staff notes, so applicants never read them,
 * even for their own case. `applicant`: the portal's views of one's own application.
 * `staff-or-applicant`: the case record both may see.
 */
export type CaseAudience = 'staff' | 'applicant' | 'staff-or-applicant';

export type CaseReader = Pick<AuthUser, 'id' | 'role' | 'regionCode'>;

/**
 * The one case-read rule: staff read the cases their region covers (region-code prefix); an
 * applicant reads only a case they applied for, and only where the view is meant for them.
 */
export function mayReadCase(
  user: CaseReader,
  kase: Pick<CaseEntity, 'regionCode' | 'createdBy'>,
  audience: CaseAudience,
): boolean {
  return mayAccess({ ...user, duties: [user.role] }, AUDIENCE_PERMISSION[audience], {
    regionCode: kase.regionCode,
    ownerId: kase.createdBy,
  });
}

const AUDIENCE_PERMISSION: Record<CaseAudience, Permission> = {
  staff: 'attachment.read',
  applicant: 'portal.own',
  'staff-or-applicant': 'case.read',
};

/** Throws 403 with `message` unless the user may read the case (see mayReadCase). */
export function assertMayReadCase(
  user: CaseReader,
  kase: Pick<CaseEntity, 'regionCode' | 'createdBy'>,
  audience: CaseAudience,
  message = '无权查看该案件',
): void {
  if (!mayReadCase(user, kase, audience)) throw AppError.forbidden(message);
}

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
  const kase = await caseRepository.byIdLockable(em, caseId, lock);
  if (!kase) throw AppError.notFound('案件不存在');
  assertMayReadCase(user, kase, 'staff', '该案件不在您的管辖范围内');
  return kase;
}
