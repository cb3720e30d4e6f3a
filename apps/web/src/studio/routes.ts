import type { RouteRecordRaw } from 'vue-router';

export const studioRoutes: RouteRecordRaw[] = [
  {
    path: '/studio',
    component: () => import('./StudioView.vue'),
    meta: { roles: ['legal_officer'], nav: '流程模型', order: 10, title: '流程模型' },
  },
  {
    path: '/studio/models/:id',
    component: () => import('./ModelEditorView.vue'),
    meta: { roles: ['legal_officer'], title: '编辑流程模型' },
  },
  {
    path: '/studio/drafts/:id',
    component: () => import('./ModelEditorView.vue'),
    meta: { roles: ['legal_officer'], title: '编辑流程模型草稿' },
  },
  {
    path: '/studio/compare',
    component: () => import('./CompareView.vue'),
    meta: { roles: ['legal_officer'], title: '版本比较' },
  },
  {
    path: '/studio/templates',
    component: () => import('./TemplatesView.vue'),
    meta: { roles: ['legal_officer'], nav: '文书模板', order: 11, title: '文书模板' },
  },
  {
    path: '/studio/policy',
    component: () => import('./PolicyView.vue'),
    meta: { roles: ['legal_officer', 'admin'], nav: '政策参数', order: 12, title: '救助政策参数' },
  },
];
