import type { RouteRecordRaw } from 'vue-router';

export const CLERK_ROLES = [
  'window_clerk',
  'investigator',
  'village_assistant',
  'township_reviewer',
  'county_approver',
  // 分管负责人: the organ's inbox, to release or reassign its tasks.
  'supervisor',
];

export const clerkRoutes: RouteRecordRaw[] = [
  {
    path: '/inbox',
    component: () => import('./InboxView.vue'),
    meta: { roles: CLERK_ROLES, nav: '待办任务', order: 1, title: '待办任务' },
  },
  {
    path: '/apply',
    component: () => import('@web/portal/ApplyView.vue'),
    meta: { roles: ['window_clerk'], nav: '窗口受理', order: 2, title: '窗口受理申请' },
  },
  {
    path: '/cases/:id',
    component: () => import('./CaseView.vue'),
    meta: { roles: [...CLERK_ROLES, 'admin', 'legal_officer', 'auditor'], title: '案件' },
  },
  {
    path: '/tasks/:id',
    component: () => import('./CaseView.vue'),
    meta: { roles: CLERK_ROLES, title: '办理任务' },
  },
];
