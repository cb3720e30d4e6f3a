import type { RouteRecordRaw } from 'vue-router';

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin/calendar',
    component: () => import('./CalendarView.vue'),
    meta: { roles: ['admin'], nav: '节假日日历', order: 40, title: '法定节假日日历' },
  },
  {
    path: '/admin/accounts',
    component: () => import('./AccountsView.vue'),
    meta: { roles: ['admin'], nav: '账号管理', order: 41, title: '账号管理' },
  },
  {
    path: '/admin/demo-clock',
    component: () => import('./DemoClockView.vue'),
    meta: { roles: ['admin'], nav: '演示时钟', order: 43, title: '演示时钟' },
  },
  {
    path: '/admin/backups',
    component: () => import('./BackupsView.vue'),
    meta: { roles: ['admin'], nav: '数据备份', order: 42, title: '数据备份' },
  },
];
