import { reactive } from 'vue';
import { ROLES } from '@shared/auth/roles';
import type { AuthUser as SessionUser } from '@web/api/types';

export type { SessionUser };

const KEY = 'sa.session';

function load(): SessionUser | null {
  try {
    const raw = localStorage.getItem(KEY);
    // Only the user: a token stored here by an older version is not used (and gone on sign-out).
    if (raw) return (JSON.parse(raw) as { user?: SessionUser | null }).user ?? null;
  } catch {
    /* corrupt storage: start signed out */
  }
  return null;
}

/**
 * Who is signed in, kept in localStorage so a reload knows whose menus to show. The session itself
 * is an HttpOnly cookie the page cannot read; the server refuses a request if it has ended.
 */
export const session = reactive({
  user: load(),
  set(user: SessionUser) {
    this.user = user;
    localStorage.setItem(KEY, JSON.stringify({ user }));
  },
  clear() {
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
