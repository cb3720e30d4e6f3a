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
 * A case as the read rule sees it. `householdOwnerId`, set by `withHouseholdOwner`, is the account
 * that filed the application a procedure descends from (定期核查, 增发/减发/停发, 追回, 处罚): the
 * procedure is the applicant's own matter too, and its decisions are served on them.
 */
export type ReadableCase = Pick<CaseEntity, 'regionCode' | 'createdBy'> & {
  householdOwnerId?: string | null;
};

/**
 * The one case-read rule: staff read the cases their region covers (region-code prefix); an
 * applicant reads only a case they applied for, or a procedure on the household of one (resolved
 * by `withHouseholdOwner`), and only where the view is meant for them.
 */
export function mayReadCase(user: CaseReader, kase: ReadableCase, audience: CaseAudience): boolean {
  return mayAccess({ ...user, duties: [user.role] }, AUDIENCE_PERMISSION[audience], {
    regionCode: kase.regionCode,
    ownerId: kase.householdOwnerId ?? kase.createdBy,
  });
}

/**
 * The case with `householdOwnerId` when it is a procedure under an application (at any depth: a
 * recovery under a review under the application): the account that filed that application.
 */
export async function withHouseholdOwner<T extends CaseEntity>(
  em: EntityManager,
  kase: T,
): Promise<T & { householdOwnerId?: string }> {
  if (kase.kind !== 'procedure') return kase;
  let parentId = kase.parentCaseId;
  // A procedure tree is shallow (application → review → recovery); the bound guards a bad row.
  for (let depth = 0; parentId && depth < 8; depth++) {
    const parent = await caseRepository.byId(em, parentId);
    if (!parent) break;
    if (parent.kind === 'application') return { ...kase, householdOwnerId: parent.createdBy };
    if (parent.kind !== 'procedure') break;
    parentId = parent.parentCaseId;
  }
  return kase;
}

const AUDIENCE_PERMISSION: Record<CaseAudience, Permission> = {
  staff: 'attachment.read',
  applicant: 'portal.own',
  'staff-or-applicant': 'case.read',
};

/** Throws 403 with `message` unless the user may read the case (see mayReadCase). */
export function assertMayReadCase(
  user: CaseReader,
  kase: ReadableCase,
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
