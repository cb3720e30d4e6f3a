import type { RouteRecordRaw } from 'vue-router';

export const monitoringRoutes: RouteRecordRaw[] = [
  {
    path: '/monitoring',
    component: () => import('./WarningsView.vue'),
    meta: {
      roles: [
        'window_clerk',
        'investigator',
        'township_reviewer',
        'county_approver',
        'admin',
        'legal_officer',
      ],
      nav: '预警处置',
      order: 20,
      title: '低收入人口预警',
    },
  },
];
