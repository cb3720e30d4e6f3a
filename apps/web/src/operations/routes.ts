import type { RouteRecordRaw } from 'vue-router';

export const operationsRoutes: RouteRecordRaw[] = [
  {
    path: '/operations',
    component: () => import('./IncidentsView.vue'),
    meta: { roles: ['legal_officer', 'admin'], nav: '流程故障', order: 47, title: '流程故障' },
  },
];
