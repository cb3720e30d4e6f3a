export const ROLES = {
  applicant: '申请人',
  window_clerk: '窗口受理员',
  investigator: '调查员',
  village_assistant: '村（社区）协理员',
  township_reviewer: '乡镇审核员',
  county_approver: '县级审批员',
  supervisor: '分管负责人',
  legal_officer: '法制员',
  auditor: '审计员',
  admin: '系统管理员',
} as const;

export type Role = keyof typeof ROLES;

/** Every role, in the order of ROLES. */
export const ROLE_IDS = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return Object.prototype.hasOwnProperty.call(ROLES, value);
}

/** Roles that work cases of a region (and so see personal data in it). */
export const CASEWORK_ROLES: readonly Role[] = [
  'window_clerk',
  'investigator',
  'village_assistant',
  'township_reviewer',
  'county_approver',
];

/**
 * The region level at which each casework duty is done (审核确认办法: township government accepts,
 * investigates and reviews; the county department confirms; village committees assist). A duty is
 * granted only to an account of that level, so a township account can never confirm.
 */
export const DUTY_LEVEL: Partial<Record<Role, 'county' | 'township' | 'village'>> = {
  window_clerk: 'township',
  investigator: 'township',
  township_reviewer: 'township',
  county_approver: 'county',
  village_assistant: 'village',
};

/**
 * Roles whose holders must not also work cases: they set the rules (accounts, duty rules, models,
 * templates) and read the record of casework.
 */
export const OVERSIGHT_ROLES: readonly Role[] = ['admin', 'auditor', 'legal_officer'];

/**
 * 分管负责人: the head of the organ in charge of social assistance, at the level of the account's
 * region (a township's or the county's). They decide who works the organ's tasks — release or
 * reassign a task a caseworker holds — without doing casework themselves, so they are never a
 * holder's peer and hold no casework duty.
 */
export const SUPERVISOR_ROLE: Role = 'supervisor';

/** The casework duties whose tasks an organ of this level does (and its 分管负责人 oversees). */
export function dutiesAtLevel(level: 'county' | 'township' | 'village' | string): Role[] {
  return (Object.keys(DUTY_LEVEL) as Role[]).filter((r) => DUTY_LEVEL[r] === level);
}
