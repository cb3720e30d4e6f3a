/**
 * The one access decision (issue 14): every route names the permission it needs, and
 * `requireAccess(user, permission, resource)` decides from the user's role and duties, the level
 * and prefix of their region, and — for an applicant — whether the resource is their own.
 * Pure: no framework, no database; table-tested in access.spec.ts.
 */
import { AppError } from '@app/common';
import { regionLevel, regionWithin } from '@app/assistance';
import { CASEWORK_ROLES, ROLES, ROLE_IDS, Role } from './roles';

/** Who may reach a resource once the role allows it. */
type Reach =
  /** Staff whose region covers the resource's region. */
  | 'region'
  /** The applicant whose own resource it is (a case they applied for). */
  | 'owner'
  /** Either of the two. */
  | 'region-or-owner';

interface Rule {
  /** zh-CN, for the refusal: “无权{label}”. */
  label: string;
  roles: readonly Role[];
  reach: Reach;
  /**
   * What a publication governs must be decided at county level or above: templates, models, duty
   * rules, policy parameters and the calendar apply to every case in the region they are
   * published for, and the 审核确认 power sits with the county (审核确认办法第四条).
   */
  countyOrAbove?: boolean;
  /**
   * Decided by the organ that owns the resource, not one above or below it: a township's tasks are
   * reassigned at the township, a county's at the county (the resource names its `organLevel`).
   */
  ownOrgan?: boolean;
}

const ALL: readonly Role[] = ROLE_IDS;
const STAFF: readonly Role[] = ROLE_IDS.filter((r) => r !== 'applicant');
const CASEWORK: readonly Role[] = CASEWORK_ROLES;
const CASE_OFFICERS: readonly Role[] = [
  'window_clerk',
  'investigator',
  'township_reviewer',
  'county_approver',
];
const UPLOADERS: readonly Role[] = ['window_clerk', 'investigator', 'township_reviewer'];
const LEGAL_ADMIN: readonly Role[] = ['legal_officer', 'admin'];
const SUPERVISORS: readonly Role[] = ['admin', 'county_approver'];

export const PERMISSIONS = {
  'session.self': { label: '管理本人登录', roles: ALL, reach: 'region-or-owner' },
  'reference.read': { label: '查看基础数据', roles: ALL, reach: 'region-or-owner' },
  'case.apply': { label: '提出申请', roles: ['window_clerk', 'applicant'], reach: 'region-or-owner' },
  'case.read': { label: '查看案件', roles: ALL, reach: 'region-or-owner' },
  'case.work': { label: '办理案件', roles: CASEWORK, reach: 'region' },
  'case.economics': { label: '录入家庭经济状况', roles: UPLOADERS, reach: 'region' },
  'case.procedure': { label: '启动程序', roles: STAFF, reach: 'region' },
  'case.file': { label: '导出案卷', roles: [...CASE_OFFICERS, ...LEGAL_ADMIN], reach: 'region' },
  /** The 行政复议答复 package: the organ's legal officer, or the county that decided. */
  'case.review_defence': {
    label: '制作行政复议答复材料',
    roles: ['legal_officer', 'county_approver'],
    reach: 'region',
  },
  'case.time_limit': { label: '延长办理期限', roles: ['county_approver'], reach: 'region' },
  'task.read': { label: '查看待办', roles: STAFF, reach: 'region' },
  'task.complete': { label: '办理任务', roles: STAFF, reach: 'region' },
  // A supervisor of casework in the region: the township reviewer over the township's clerks, the
  // county approver over the county, and the organ's 分管负责人 over all of its staff (also over a
  // task a reviewer or approver holds, where the others are the holder's peers). Not an
  // administrator: assigning decides who does casework.
  'task.assign': {
    label: '改派任务',
    roles: ['township_reviewer', 'county_approver', 'supervisor'],
    reach: 'region',
    ownOrgan: true,
  },
  'task.delegate': { label: '设置代办委托', roles: CASEWORK, reach: 'region' },
  'attachment.upload': { label: '上传或作废材料', roles: UPLOADERS, reach: 'region' },
  'attachment.read': { label: '查看材料', roles: STAFF, reach: 'region' },
  'document.read': { label: '查看文书', roles: ALL, reach: 'region-or-owner' },
  'assessment.run': { label: '测算', roles: CASE_OFFICERS, reach: 'region' },
  'assessment.read': { label: '查看测算', roles: STAFF, reach: 'region' },
  'assessment.rerun': { label: '重新测算', roles: STAFF, reach: 'region' },
  'household.import': { label: '导入家庭信息', roles: CASE_OFFICERS, reach: 'region' },
  'service.read': { label: '查看送达', roles: STAFF, reach: 'region' },
  'service.paper_consent': { label: '登记送达确认书', roles: ['window_clerk'], reach: 'region' },
  'portal.own': { label: '查看本人申请', roles: ['applicant'], reach: 'owner' },
  'authorization.text': {
    label: '生成核对授权书',
    roles: ['applicant', 'window_clerk'],
    reach: 'region-or-owner',
  },
  'review_cohort.manage': {
    label: '管理复核批次',
    roles: ['township_reviewer', 'county_approver'],
    reach: 'region',
  },
  'review_cohort.read': { label: '查看复核批次', roles: [...CASE_OFFICERS, ...LEGAL_ADMIN], reach: 'region' },
  'report.overdue': {
    label: '查看超期报表',
    roles: ['township_reviewer', 'county_approver', 'admin'],
    reach: 'region',
  },
  'stats.read': {
    label: '查看统计',
    roles: ['county_approver', 'township_reviewer', 'admin', 'legal_officer'],
    reach: 'region',
  },
  'monitoring.receive': { label: '接收监测预警', roles: SUPERVISORS, reach: 'region' },
  'monitoring.read': { label: '查看监测预警', roles: STAFF, reach: 'region' },
  'recheck.draw': { label: '抽取复查对象', roles: ['county_approver'], reach: 'region' },
  'recheck.read': { label: '查看抽查记录', roles: ['county_approver', ...LEGAL_ADMIN], reach: 'region' },
  'near_relative.manage': { label: '管理近亲属备案', roles: SUPERVISORS, reach: 'region' },
  'audit.read': { label: '查阅执法记录', roles: ['auditor', 'admin'], reach: 'region' },
  'integrity.verify': { label: '校验执法记录', roles: ['auditor', 'admin'], reach: 'region' },
  'account.manage': { label: '管理账号', roles: ['admin'], reach: 'region' },
  'account.confirm': { label: '确认账号变更', roles: ['admin'], reach: 'region' },
  // A backup holds every region's records and the demo clock moves everyone's time.
  'backup.manage': { label: '管理备份', roles: ['admin'], reach: 'region', countyOrAbove: true },
  'demo.clock': { label: '调整演示时钟', roles: ['admin'], reach: 'region', countyOrAbove: true },
  'calendar.read': { label: '查看工作日历', roles: ALL, reach: 'region-or-owner' },
  'calendar.publish': { label: '发布工作日历', roles: ['admin'], reach: 'region', countyOrAbove: true },
  'policy.read': { label: '查看政策参数', roles: STAFF, reach: 'region' },
  'policy.publish': { label: '发布政策参数', roles: ['admin'], reach: 'region', countyOrAbove: true },
  'duty_rules.read': {
    label: '查看职责分离规则',
    roles: ['admin', 'auditor', 'legal_officer', 'county_approver'],
    reach: 'region',
  },
  'duty_rules.publish': { label: '发布职责分离规则', roles: ['admin'], reach: 'region', countyOrAbove: true },
  'template.read': { label: '查看文书模板', roles: LEGAL_ADMIN, reach: 'region' },
  'template.edit': { label: '编辑文书模板', roles: ['legal_officer'], reach: 'region' },
  'template.publish': {
    label: '发布文书模板',
    roles: ['legal_officer'],
    reach: 'region',
    countyOrAbove: true,
  },
  'model.list': { label: '查看流程列表', roles: [...LEGAL_ADMIN, 'county_approver'], reach: 'region' },
  'model.read': { label: '查看流程模型', roles: LEGAL_ADMIN, reach: 'region' },
  'model.edit': { label: '编辑流程模型', roles: ['legal_officer'], reach: 'region' },
  'model.deploy': { label: '部署流程模型', roles: ['legal_officer'], reach: 'region', countyOrAbove: true },
  'model.migrate': { label: '迁移在办案件', roles: LEGAL_ADMIN, reach: 'region', countyOrAbove: true },
  /** The operations view (流程故障): run-time failures and stalled cases, like Camunda Operate. */
  'incident.read': { label: '查看流程故障', roles: LEGAL_ADMIN, reach: 'region' },
  'incident.operate': { label: '重试或解除流程故障', roles: LEGAL_ADMIN, reach: 'region' },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_IDS = Object.keys(PERMISSIONS) as Permission[];

export interface AccessUser {
  id: string;
  role: Role;
  /** The main role and any extra casework duties. */
  duties: readonly Role[];
  regionCode: string;
  /** A change to the account awaits a second administrator (maker-checker). */
  pendingConfirmation?: boolean;
}

/** What an account awaiting confirmation may still do: sign out, change its password, read reference data. */
const WHILE_PENDING: readonly Permission[] = ['session.self', 'reference.read'];

/** What is being reached: its region, and for an applicant's own things, who owns it. */
export interface AccessResource {
  regionCode: string;
  ownerId?: string | null;
  /** The level of the organ whose act the resource is (a task: the level of its duty). */
  organLevel?: 'township' | 'county';
}

/** Why the user may not, in zh-CN, with the field it concerns; null when access is granted. */
export function accessProblem(
  user: AccessUser,
  permission: Permission,
  resource?: AccessResource,
): { code: string; message: string; field?: string } | null {
  const rule: Rule = PERMISSIONS[permission];
  if (user.pendingConfirmation && !WHILE_PENDING.includes(permission)) {
    return {
      code: 'ACCOUNT_UNCONFIRMED',
      message: '本账号的角色、职责、地区或密码由管理员变更，须经另一名管理员确认后才能使用',
    };
  }
  if (!rule.roles.some((r) => user.duties.includes(r))) {
    return { code: 'FORBIDDEN', message: `当前角色“${ROLES[user.role]}”无权${rule.label}` };
  }
  if (rule.countyOrAbove && !atCountyOrAbove(user.regionCode)) {
    return {
      code: 'LEVEL_REQUIRED',
      message: `${rule.label}须由县级或以上账号办理，乡镇、村级账号不能发布适用于全县的内容`,
      field: 'regionCode',
    };
  }
  if (!resource) return null;
  const applicant = user.role === 'applicant';
  const inRegion = !applicant && regionWithin(resource.regionCode, user.regionCode);
  const own = applicant && !!resource.ownerId && resource.ownerId === user.id;
  const reached = rule.reach === 'region' ? inRegion : rule.reach === 'owner' ? own : inRegion || own;
  if (!reached) {
    return {
      code: 'FORBIDDEN',
      message: applicant ? '只能查看本人的申请' : '不在您的管辖范围内',
      field: 'regionCode',
    };
  }
  if (rule.ownOrgan && resource.organLevel && regionLevel(user.regionCode) !== resource.organLevel) {
    const organ = resource.organLevel === 'county' ? '县级' : '乡镇';
    return {
      code: 'LEVEL_REQUIRED',
      message: `${rule.label}须由${organ}账号办理：该事项属${organ}职责，其他层级不能决定由谁办理`,
      field: 'regionCode',
    };
  }
  return null;
}

export function mayAccess(user: AccessUser, permission: Permission, resource?: AccessResource): boolean {
  return accessProblem(user, permission, resource) === null;
}

/** Throws 403 naming why, unless the user has the permission on the resource. */
export function requireAccess(user: AccessUser, permission: Permission, resource?: AccessResource): void {
  const problem = accessProblem(user, permission, resource);
  if (!problem) return;
  throw new AppError(
    403,
    problem.code,
    problem.message,
    problem.field ? [{ field: problem.field, message: problem.message }] : [],
  );
}

/** County (6 digits) or above: what county-wide publications need. */
function atCountyOrAbove(regionCode: string): boolean {
  const level = regionLevel(regionCode);
  return level === 'county' || (level === null && /^\d{0,5}$/.test(regionCode));
}
