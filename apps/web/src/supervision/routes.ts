import type { RouteRecordRaw } from 'vue-router';

export const supervisionRoutes: RouteRecordRaw[] = [
  {
    path: '/supervision/listing',
    component: () => import('./ListingView.vue'),
    meta: {
      roles: ['window_clerk', 'township_reviewer', 'county_approver', 'admin', 'legal_officer'],
      nav: '长期公布',
      order: 40,
      title: '社会救助对象长期公布',
    },
  },
  {
    path: '/supervision/rechecks',
    component: () => import('./RecheckView.vue'),
    meta: {
      roles: ['county_approver', 'admin', 'legal_officer'],
      nav: '随机抽查',
      order: 41,
      title: '随机抽查',
    },
  },
  {
    path: '/supervision/near-relatives',
    component: () => import('./NearRelativesView.vue'),
    meta: { roles: ['county_approver', 'admin'], nav: '近亲属备案', order: 42, title: '经办人员近亲属备案' },
  },
];
