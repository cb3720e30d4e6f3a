import type { RouteRecordRaw } from 'vue-router';

export const auditRoutes: RouteRecordRaw[] = [
  {
    path: '/audit',
    component: () => import('./AuditView.vue'),
    meta: { roles: ['auditor', 'admin'], nav: '执法记录', order: 45, title: '执法全过程记录' },
  },
  {
    path: '/admin/duty-rules',
    component: () => import('./DutyRulesView.vue'),
    meta: { roles: ['admin', 'auditor'], nav: '职责分离', order: 46, title: '职责分离与回避规则' },
  },
];
