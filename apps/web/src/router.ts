import { createRouter, createWebHistory, RouteRecordRaw } from 'vue-router';
import { homeFor, session } from './auth/session';
import AppLayout from './layout/AppLayout.vue';
import LoginView from './auth/LoginView.vue';
import { clerkRoutes } from './clerk/routes';
import { studioRoutes } from './studio/routes';
import { portalRoutes, publicRoutes } from './portal/routes';
import { overviewRoutes } from './overview/routes';
import { monitoringRoutes } from './monitoring/routes';
import { supervisionRoutes } from './supervision/routes';
import { dynamicRoutes } from './dynamic/routes';
import { reportRoutes } from './reports/routes';
import { adminRoutes } from './admin/routes';
import { auditRoutes } from './audit/routes';
import { operationsRoutes } from './operations/routes';

/**
 * Routes carry `meta.roles`; a signed-in user who may not open a page is sent to their home.
 * Public routes (login, document verification) need no session.
 */
const routes: RouteRecordRaw[] = [
  { path: '/login', component: LoginView, meta: { public: true } },
  ...publicRoutes,
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', redirect: () => homeFor(session.user?.role) },
      ...clerkRoutes,
      ...studioRoutes,
      ...portalRoutes,
      ...overviewRoutes,
      ...monitoringRoutes,
      ...supervisionRoutes,
      ...dynamicRoutes,
      ...reportRoutes,
      ...adminRoutes,
      ...auditRoutes,
      ...operationsRoutes,
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach((to) => {
  if (to.meta.public) return true;
  if (!session.user) return { path: '/login', query: { next: to.fullPath } };
  const roles = to.meta.roles as string[] | undefined;
  if (roles && !session.hasRole(...roles)) return homeFor(session.user?.role);
  return true;
});

router.afterEach((to) => {
  const title = to.meta.title as string | undefined;
  document.title = title ? `${title} · 社会救助经办系统` : '社会救助经办系统';
});
