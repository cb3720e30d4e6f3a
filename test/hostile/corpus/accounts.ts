import { CorpusContext, HostileCase } from './types';

/** A valid new account; each case spoils one field of it. */
const ACCOUNT = {
  username: 'hostile.user',
  displayName: '新用户',
  role: 'window_clerk',
  regionCode: '410799100',
  password: 'Chushi2026',
};

const create = (
  name: string,
  change: Record<string, unknown>,
  field: string,
  status?: number,
): HostileCase => ({
  category: 'accounts',
  name: `create account: ${name}`,
  user: 'admin',
  method: 'POST',
  path: '/api/users',
  json: { ...ACCOUNT, ...change },
  field,
  ...(status && { status }),
});

const patch = (name: string, body: unknown, field: string): HostileCase => ({
  category: 'accounts',
  name: `change account: ${name}`,
  user: 'admin',
  method: 'PATCH',
  path: (ctx: CorpusContext) => `/api/users/${ctx.staffUserId}`,
  json: body,
  field,
});

const BAD_USERNAMES: [string, string][] = [
  ['path traversal', '../admin'],
  ['upper case', 'Admin'],
  ['NUL inside', 'ad\u0000min'],
  ['33 characters', `a${'b'.repeat(32)}`],
  ['SQL quote', "a'; DROP TABLE app_user; --"],
  ['starts with a digit', '1clerk'],
  ['full-width letters', 'ａｄｍｉｎ'],
  ['trailing space', 'clerk '],
];

const BAD_NAMES: [string, string][] = [
  ['newline', '王\n五'],
  ['right-to-left override', '王\u202E五'],
  ['31 characters', '王'.repeat(31)],
  ['HTML', '<b>王五</b>'],
  ['Extension B character the font lacks', '王𠀀'],
];

const BAD_ROLES: [string, Record<string, unknown>, string][] = [
  ['__proto__ as the role', { role: '__proto__' }, 'role'],
  ['constructor as the role', { role: 'constructor' }, 'role'],
  ['role with a trailing space', { role: 'admin ' }, 'role'],
  ['role as a list', { role: ['admin'] }, 'role'],
  ['extra duty admin', { extraRoles: ['admin'] }, 'extraRoles[0]'],
  ['extra duty auditor', { extraRoles: ['auditor'] }, 'extraRoles[0]'],
  ['extra duties as a string', { extraRoles: 'investigator' }, 'extraRoles'],
  ['six extra duties', { extraRoles: Array(6).fill('investigator') }, 'extraRoles'],
  ['extra duty as an object', { extraRoles: [{ role: 'investigator' }] }, 'extraRoles'],
];

const BAD_REGIONS: [string, unknown][] = [
  ['path traversal', '../../etc'],
  ['10 digits', '4107991001'],
  ['a county that does not exist', '410800'],
  ['a number', 410799100],
  ['outside with a wildcard', '4107%'],
];

const BAD_PASSWORDS: [string, unknown][] = [
  ['73 characters', 'a1'.repeat(36) + 'x'],
  ['NUL inside', 'Chushi\u00002026'],
  ['a number', 12345678],
  ['letters only', 'chushimima'],
  ['contains the user name', 'hostile.user1'],
];

export const ACCOUNT_CASES: HostileCase[] = [
  ...BAD_USERNAMES.map(([name, username]) => create(`username ${name}`, { username }, 'username')),
  create('a username already taken', { username: 'clerk' }, 'username', 409),
  ...BAD_NAMES.map(([name, displayName]) => create(`displayName ${name}`, { displayName }, 'displayName')),
  ...BAD_ROLES.map(([name, change, field]) => create(name, change, field)),
  ...BAD_REGIONS.map(([name, regionCode]) => create(`regionCode ${name}`, { regionCode }, 'regionCode')),
  ...BAD_PASSWORDS.map(([name, password]) => create(`password ${name}`, { password }, 'password')),
  create(
    'a field the form does not have (passwordHash)',
    { passwordHash: 'scrypt$1$1$1$x$y' },
    'passwordHash',
  ),
  patch('disabled as the string "true"', { disabled: 'true' }, 'disabled'),
  patch('role __proto__', { role: '__proto__' }, 'role'),
  patch('regionCode outside the tree', { regionCode: '110101' }, 'regionCode'),
  patch('unlockedAt set by hand', { unlockedAt: '2026-01-01' }, 'unlockedAt'),
  {
    category: 'accounts',
    name: 'change account: id not a UUID',
    user: 'admin',
    method: 'PATCH',
    path: '/api/users/..%2F..%2Fetc',
    json: { displayName: '王五' },
    field: 'id',
  },
  {
    category: 'accounts',
    name: 'reset password: too short',
    user: 'admin',
    method: 'POST',
    path: (ctx: CorpusContext) => `/api/users/${ctx.staffUserId}/password`,
    json: { password: 'a1' },
    field: 'password',
  },
  {
    category: 'accounts',
    name: 'own password: new one of control characters',
    user: 'clerk',
    method: 'POST',
    path: '/api/auth/password',
    json: { currentPassword: 'demo1234', newPassword: '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008' },
    field: 'newPassword',
  },
  {
    category: 'accounts',
    name: 'own password: wrong current password',
    user: 'clerk',
    method: 'POST',
    path: '/api/auth/password',
    json: { currentPassword: 'not-mine-1', newPassword: 'Mine-2027x' },
    field: 'currentPassword',
  },
];
