import { createHash } from 'node:crypto';
import { TestApp } from './support/test-app';

/**
 * Account administration (账号管理): a system administrator creates, changes, disables and unlocks
 * accounts of their own region and resets passwords; every change is on the audit record with
 * before and after; a disabled account or a reset password ends its sessions at once.
 */
let t: TestApp;

beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

const login = (username: string, password: string) =>
  t.http.post('/api/auth/login').send({ username, password });

/** An audit detail of an account change: the account's fields before and after. */
interface ChangeDetail {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  [field: string]: unknown;
}

async function lastAudit(action: string) {
  const [row] = await t.query<{ actor: string; detail: ChangeDetail }>(
    `SELECT a.detail, u.username AS actor FROM audit_entry a JOIN app_user u ON u.id = a.actor_id
      WHERE a.action = $1 ORDER BY a.id DESC LIMIT 1`,
    [action],
  );
  return row;
}

describe('account administration', () => {
  it('is for administrators only', async () => {
    for (const user of ['clerk', 'approver', 'auditor']) {
      const res = await (await t.as(user)).get('/api/users');
      expect({ user, status: res.status }).toEqual({ user, status: 403 });
    }
  });

  it('lists the accounts of the region with role, duties and status, never a password hash', async () => {
    const res = await (await t.as('admin')).get('/api/users').expect(200);
    const staff = res.body.find((u: { username: string }) => u.username === 'hexi_staff');
    expect(staff).toMatchObject({
      role: 'investigator',
      extraRoles: ['township_reviewer'],
      regionCode: '410799101',
      regionName: '河西镇',
      disabled: false,
      lockedUntil: null,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it('creates an account that can sign in, and records who created it', async () => {
    const admin = await t.as('admin');
    const created = await admin
      .post('/api/users', {
        username: 'wu.investigator',
        displayName: '吴调查',
        role: 'investigator',
        regionCode: '410799101',
        password: 'Hexi2026ok',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      username: 'wu.investigator',
      role: 'investigator',
      disabled: false,
    });
    const signIn = await login('wu.investigator', 'Hexi2026ok').expect(200);
    expect(signIn.body.user).toMatchObject({ displayName: '吴调查', regionCode: '410799101' });
    const entry = await lastAudit('user.create');
    expect(entry).toMatchObject({ actor: 'admin', detail: { username: 'wu.investigator' } });
    expect(entry.detail.after).toMatchObject({ role: 'investigator', regionCode: '410799101' });
    expect(JSON.stringify(entry.detail)).not.toContain('Hexi2026ok');
  });

  it.each([
    [{ username: 'clerk' }, 409, 'username'],
    [{ username: 'X' }, 400, 'username'],
    [{ role: 'superuser' }, 400, 'role'],
    [{ extraRoles: ['admin'] }, 400, 'extraRoles[0]'],
    [{ regionCode: '410799109' }, 400, 'regionCode'],
    [{ regionCode: '410800' }, 400, 'regionCode'],
    [{ password: 'short1' }, 400, 'password'],
    [{ password: 'onlyletters' }, 400, 'password'],
    [{ password: 'new.user2026' }, 400, 'password'],
    [{ displayName: '王\n五' }, 400, 'displayName'],
  ])('refuses %j with %i naming %s', async (change, status, field) => {
    const res = await (
      await t.as('admin')
    ).post('/api/users', {
      username: 'new.user',
      displayName: '新用户',
      role: 'window_clerk',
      regionCode: '410799100',
      password: 'Chushi2026',
      ...change,
    });
    expect(res.status).toBe(status);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await t.query(`SELECT 1 FROM app_user WHERE username = 'new.user'`)).toEqual([]);
  });

  it('changes role and duties with before and after on the record', async () => {
    const admin = await t.as('admin');
    const [{ id }] = await t.query(`SELECT id FROM app_user WHERE username = 'wu.investigator'`);
    const res = await admin
      .patch(`/api/users/${id}`, { extraRoles: ['township_reviewer'], displayName: '吴调查员' })
      .expect(200);
    expect(res.body).toMatchObject({ extraRoles: ['township_reviewer'], displayName: '吴调查员' });
    const entry = await lastAudit('user.update');
    expect(entry.detail.before).toMatchObject({ extraRoles: [], displayName: '吴调查' });
    expect(entry.detail.after).toMatchObject({ extraRoles: ['township_reviewer'], displayName: '吴调查员' });
    const me = await t.http
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${(await login('wu.investigator', 'Hexi2026ok')).body.token}`)
      .expect(200);
    expect(me.body.duties).toEqual(['investigator', 'township_reviewer']);
  });

  it('disables an account: its open session ends and it cannot sign in; enabling lets it back', async () => {
    const admin = await t.as('admin');
    const [{ id }] = await t.query(`SELECT id FROM app_user WHERE username = 'wu.investigator'`);
    const token = (await login('wu.investigator', 'Hexi2026ok').expect(200)).body.token;
    const me = () => t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    await me().expect(200);
    await admin.patch(`/api/users/${id}`, { disabled: true }).expect(200);
    await me().expect(401);
    const refused = await login('wu.investigator', 'Hexi2026ok');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    // A disabled account's sign-in (an ex-employee's) is on the record.
    expect(await lastAudit('auth.login_refused')).toMatchObject({
      actor: 'wu.investigator',
      detail: { username: 'wu.investigator', reason: 'account_disabled' },
    });
    // A wrong password is told nothing more than for any account.
    expect((await login('wu.investigator', 'wrong-pass1')).body.code).toBe('LOGIN_FAILED');
    expect((await lastAudit('user.disable')).detail.after?.disabledAt).toBeTruthy();
    await admin.patch(`/api/users/${id}`, { disabled: false }).expect(200);
    await login('wu.investigator', 'Hexi2026ok').expect(200);
    expect((await lastAudit('user.enable')).detail.after?.disabledAt).toBeNull();
  });

  it('shows the lock from five wrong passwords in a row and lifts it, and any wait, on unlock', async () => {
    const admin = await t.as('admin');
    const [{ id }] = await t.query(`SELECT id FROM app_user WHERE username = 'wu.investigator'`);
    for (let i = 0; i < 5; i++) await login('wu.investigator', `wrong-pass${i}`).expect(401);
    const waiting = await login('wu.investigator', 'Hexi2026ok');
    expect(waiting.status).toBe(429);
    const listed = (await admin.get('/api/users').expect(200)).body.find((u: { id: string }) => u.id === id);
    expect(Date.parse(listed.lockedUntil)).toBeGreaterThan(t.clock.now().getTime() + 14 * 60_000);
    const unlocked = await admin.post(`/api/users/${id}/unlock`).expect(200);
    expect(unlocked.body.lockedUntil).toBeNull();
    await login('wu.investigator', 'Hexi2026ok').expect(200);
    expect(await lastAudit('user.unlock')).toMatchObject({ actor: 'admin', detail: { userId: id } });
  });

  it('resets a password: the old one and the open sessions stop working', async () => {
    const admin = await t.as('admin');
    const [{ id }] = await t.query(`SELECT id FROM app_user WHERE username = 'wu.investigator'`);
    const token = (await login('wu.investigator', 'Hexi2026ok').expect(200)).body.token;
    const weak = await admin.post(`/api/users/${id}/password`, { password: '12345678' });
    expect(weak.status).toBe(400);
    expect(weak.body.details).toEqual([{ field: 'password', message: expect.stringContaining('两类') }]);
    await admin.post(`/api/users/${id}/password`, { password: 'Reset-2026' }).expect(200);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await login('wu.investigator', 'Hexi2026ok').expect(401);
    await login('wu.investigator', 'Reset-2026').expect(200);
    expect(await lastAudit('user.password_reset')).toMatchObject({ actor: 'admin' });
  });

  it('lets a user change their own password after giving the current one; other sessions end', async () => {
    const first = (await login('wu.investigator', 'Reset-2026').expect(200)).body.token;
    const second = (await login('wu.investigator', 'Reset-2026').expect(200)).body.token;
    const change = (token: string, body: object) =>
      t.http.post('/api/auth/password').set('Authorization', `Bearer ${token}`).send(body);
    const wrong = await change(first, { currentPassword: 'nope-2026', newPassword: 'Mine-2027x' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([{ field: 'currentPassword', message: '当前密码不正确' }]);
    await change(first, { currentPassword: 'Reset-2026', newPassword: 'Mine-2027x' }).expect(204);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${first}`).expect(200);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${second}`).expect(401);
    await login('wu.investigator', 'Mine-2027x').expect(200);
  });

  it('keeps a township administrator to their township, and an administrator from locking themselves out', async () => {
    const admin = await t.as('admin');
    const made = await admin
      .post('/api/users', {
        username: 'hexi.admin',
        displayName: '何管理',
        role: 'admin',
        regionCode: '410799101',
        password: 'Hexi-admin1',
      })
      .expect(201);
    await (await t.as('admin2')).post(`/api/users/${made.body.id}/confirm`).expect(200);
    const token = (await login('hexi.admin', 'Hexi-admin1').expect(200)).body.token;
    const as = (method: 'get' | 'post' | 'patch', url: string, body?: object) =>
      t.http[method](url).set('Authorization', `Bearer ${token}`).send(body);
    const listed = (await as('get', '/api/users').expect(200)).body as { regionCode: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((u) => u.regionCode.startsWith('410799101'))).toBe(true);
    const [clerk] = await t.query(`SELECT id FROM app_user WHERE username = 'clerk'`);
    expect((await as('post', `/api/users/${clerk.id}/unlock`)).status).toBe(403);
    const outside = await as('post', '/api/users', {
      username: 'cg.clerk',
      displayName: '城关员',
      role: 'window_clerk',
      regionCode: '410799100',
      password: 'Chushi2026',
    });
    expect(outside.status).toBe(403);
    expect(outside.body.details).toEqual([{ field: 'regionCode', message: '不在您的管辖范围内' }]);
    const [self] = await t.query(`SELECT id FROM app_user WHERE username = 'hexi.admin'`);
    const selfDisable = await as('patch', `/api/users/${self.id}`, { disabled: true });
    expect(selfDisable.status).toBe(409);
    expect(selfDisable.body.details[0].field).toBe('disabled');
    const demote = await as('patch', `/api/users/${self.id}`, { role: 'window_clerk' });
    expect(demote.body.code).toBe('SELF_LOCKOUT');
    const [row] = await t.query(`SELECT role, disabled_at FROM app_user WHERE id = $1`, [self.id]);
    expect(row).toEqual({ role: 'admin', disabled_at: null });
  });
});

// Last in the file: it moves the application clock, which would idle out the sessions cached above.
describe('sessions left unused', () => {
  it('end after 30 minutes without a request, with a message saying so; use keeps them open', async () => {
    const token = (await login('clerk', 'demo1234').expect(200)).body.token;
    const me = () => t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(20 * 60_000); // 60 minutes in all, never 30 without a request
      await me().expect(200);
    }
    const kept = await login('clerk', 'demo1234').expect(200);
    t.clock.advance(31 * 60_000);
    const idle = await me();
    expect(idle.status).toBe(401);
    expect(idle.body).toMatchObject({
      code: 'SESSION_IDLE',
      message: expect.stringContaining('30分钟未操作'),
    });
    await me().expect(401); // the session is gone, not only refused once
    const tokenHash = createHash('sha256').update(token).digest('hex');
    expect(await t.query(`SELECT 1 FROM user_session WHERE token_hash = $1`, [tokenHash])).toEqual([]);
    // The other session was idle as long: it ends too.
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${kept.body.token}`).expect(401);
    await login('clerk', 'demo1234').expect(200);
  });
});
