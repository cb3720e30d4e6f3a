export const ROLES = {
  applicant: '申请人',
  window_clerk: '窗口受理员',
  investigator: '调查员',
  village_assistant: '村（社区）协理员',
  township_reviewer: '乡镇审核员',
  county_approver: '县级审批员',
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
