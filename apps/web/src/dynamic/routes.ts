import type { RouteRecordRaw } from 'vue-router';

export const dynamicRoutes: RouteRecordRaw[] = [
  {
    path: '/review-cohorts',
    component: () => import('./ReviewCohortsView.vue'),
    meta: {
      roles: ['township_reviewer', 'county_approver'],
      nav: '定期核查批次',
      order: 20,
      title: '定期核查批次',
    },
  },
  {
    path: '/review-cohorts/:id',
    component: () => import('./ReviewCohortView.vue'),
    meta: { roles: ['township_reviewer', 'county_approver'], title: '定期核查批次' },
  },
];
