import type { RouteRecordRaw } from 'vue-router';

export const reportRoutes: RouteRecordRaw[] = [
  {
    path: '/reports/overdue',
    component: () => import('./OverdueReportView.vue'),
    meta: {
      roles: ['township_reviewer', 'county_approver', 'admin'],
      nav: '超时通报',
      order: 31,
      title: '超时通报',
    },
  },
];
