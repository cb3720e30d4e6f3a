import { reactive } from 'vue';
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

export const ROLE_NAMES: Record<string, string> = {
  window_clerk: '窗口受理员',
  investigator: '调查员',
  village_assistant: '村（社区）协理员',
  township_reviewer: '乡镇审核员',
  county_approver: '县级审批员',
  legal_officer: '法制员',
  auditor: '审计员',
  admin: '系统管理员',
  applicant: '申请人',
};

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
