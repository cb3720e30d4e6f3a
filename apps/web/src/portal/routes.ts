import type { RouteRecordRaw } from 'vue-router';

/** Pages an applicant uses after signing in. */
export const portalRoutes: RouteRecordRaw[] = [
  {
    path: '/portal',
    component: () => import('./PortalHome.vue'),
    meta: { roles: ['applicant'], nav: '我的申请', order: 20, title: '我的申请' },
  },
  {
    path: '/portal/messages',
    component: () => import('./MessagesView.vue'),
    meta: { roles: ['applicant'], nav: '消息', order: 21, title: '消息' },
  },
  {
    path: '/portal/apply',
    component: () => import('./ApplyView.vue'),
    meta: { roles: ['applicant'], title: '在线申请' },
  },
  {
    path: '/portal/cases/:id',
    component: () => import('./CaseView.vue'),
    meta: { roles: ['applicant'], title: '申请详情' },
  },
];

/** Pages anyone may open without signing in. */
export const publicRoutes: RouteRecordRaw[] = [
  {
    path: '/verify/:code?',
    component: () => import('./VerifyView.vue'),
    meta: { public: true, title: '文书查验' },
  },
];
