import { reactive } from 'vue';
import { ROLES } from '@shared/auth/roles';
import type { AuthUser as SessionUser } from '@web/api/types';

export type { SessionUser };

const KEY = 'sa.session';

function load(): { token: string | null; user: SessionUser | null } {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw) return JSON.parse(raw);
  } catch {
    /* corrupt storage: start signed out */
  }
  return { token: null, user: null };
}

/** The signed-in user, kept in localStorage so a reload stays signed in. */
export const session = reactive({
  ...load(),
  set(token: string, user: SessionUser) {
    this.token = token;
    this.user = user;
    localStorage.setItem(KEY, JSON.stringify({ token, user }));
  },
  clear() {
    this.token = null;
    this.user = null;
    localStorage.removeItem(KEY);
  },
  hasRole(...roles: string[]): boolean {
    const held = this.user?.duties ?? (this.user ? [this.user.role] : []);
    return held.some((r) => roles.includes(r));
  },
});

/** Role → its Chinese name; keyed by string because the API sends roles as plain strings. */
export const ROLE_NAMES: Readonly<Record<string, string>> = ROLES;

/** Where each role starts after signing in. */
export function homeFor(role: string | undefined): string {
  switch (role) {
    case 'legal_officer':
      return '/studio';
    case 'applicant':
      return '/portal';
    case 'admin':
      return '/overview';
    case 'auditor':
      return '/audit';
    default:
      return '/inbox';
  }
}
