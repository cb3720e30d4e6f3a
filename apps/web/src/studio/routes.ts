import type { RouteRecordRaw } from 'vue-router';

export const studioRoutes: RouteRecordRaw[] = [
  {
    path: '/studio',
    component: () => import('./StudioView.vue'),
    meta: { roles: ['legal_officer'], nav: '流程模型', order: 10, title: '流程模型' },
  },
];
