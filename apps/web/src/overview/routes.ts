import type { RouteRecordRaw } from 'vue-router';

export const overviewRoutes: RouteRecordRaw[] = [
  {
    path: '/overview',
    component: () => import('./OverviewView.vue'),
    meta: {
      roles: ['county_approver', 'township_reviewer', 'admin', 'legal_officer'],
      nav: '统计概览',
      order: 30,
      title: '统计概览',
    },
  },
];
