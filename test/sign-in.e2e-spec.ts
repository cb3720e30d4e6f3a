import { DEMO_PASSWORD } from '../apps/api/src/demo/reference-data';
import { TestApp } from './support/test-app';

/**
 * Issue 14, findings 10 and 11: sign-in throttled per account and address, and (tester findings 18
 * §2) the account locked for 15 minutes after five wrong passwords in a row; the web's session in an HttpOnly SameSite=Strict cookie with an
 * anti-forgery check, and the browser hardening headers. The API here sits behind a proxy on
 * loopback (TRUST_PROXY), so X-Forwarded-For stands for the caller's address.
 */
let t: TestApp;
/** The application's time, held still so each wait is exact however slow the machine. */
let now: number;
const tick = (ms: number) => {
  now += ms;
};
beforeAll(async () => {
  process.env.TRUST_PROXY = 'loopback';
  try {
    t = await TestApp.start();
  } finally {
    delete process.env.TRUST_PROXY;
  }
  now = t.clock.now().getTime();
  jest.spyOn(t.clock, 'now').mockImplementation(() => new Date(now));
});
afterAll(async () => {
  await t?.stop();
});

const login = (username: string, password: string, from: string) =>
  t.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password });

const failuresOf = async (username: string) =>
  (
    await t.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'auth.login_failed' AND detail->>'username' = $1`,
      [username],
    )
  )[0].n;

describe('sign-in throttling (finding 11)', () => {
  it('a wrong password is one message that says how many tries are left before the wait (issue 18 §9)', async () => {
    const res = await login('legal', 'wrong-pass', '198.51.100.30').expect(401);
    expect(res.body.code).toBe('LOGIN_FAILED');
    expect(res.body.message).toBe('用户名或密码错误，还可再试4次；连续输错5次，账号将锁定15分钟');
    expect(res.body.details).toEqual([]);
    const second = await login('legal', 'wrong-pass2', '198.51.100.30').expect(401);
    expect(second.body.message).toContain('还可再试3次');
    // An account that does not exist is told the same, so the message reveals nothing.
    const nobody = await login('no-such-user', 'wrong-pass', '198.51.100.30').expect(401);
    expect(nobody.body.message).toContain('还可再试4次');
  });

  it("a stranger's wrong passwords lock the account a while, and slow the stranger's address longer", async () => {
    const stranger = '198.51.100.7';
    for (let i = 0; i < 5; i++) await login('admin', `wrong-pass${i}`, stranger).expect(401);
    // The account is locked for everyone for 15 minutes, the owner at the office included.
    for (const from of [stranger, '203.0.113.20']) {
      const locked = await login('admin', DEMO_PASSWORD, from);
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('ACCOUNT_LOCKED');
      expect(locked.body.message).toMatch(
        /^该账号因连续5次密码错误已锁定至\d\d:\d\d，请15分钟后再登录，或请管理员解锁$/,
      );
      expect(locked.headers['retry-after']).toBe('900');
    }
    tick(15 * 60_000);
    await login('admin', DEMO_PASSWORD, '203.0.113.20').expect(200);
    // The stranger's address keeps its own count: each further failure doubles its wait.
    await login('admin', 'wrong-pass5', stranger).expect(401);
    const waiting = await login('admin', DEMO_PASSWORD, stranger);
    expect(waiting.body).toMatchObject({
      code: 'LOGIN_THROTTLED',
      message: '登录失败次数过多，请2秒后再试',
      retryAfter: 2,
      details: [{ field: 'password', message: '请2秒后再试' }],
    });
    expect(waiting.headers['retry-after']).toBe('2');
    tick(2_000);
    await login('admin', 'wrong-pass6', stranger).expect(401);
    expect((await login('admin', 'wrong-pass7', stranger)).body).toMatchObject({ retryAfter: 4 });
    // Failures stay on the audit record; tries refused for waiting are not failures.
    expect(await failuresOf('admin')).toBe(7);
    const [attempt] = await t.query<{ ip: string }>(
      `SELECT ip FROM login_attempt WHERE username = 'admin' AND NOT ok ORDER BY id DESC LIMIT 1`,
    );
    expect(attempt.ip).toBe(stranger);
  });

  it('a burst sent at once is judged one try at a time', async () => {
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login('clerk', `wrong-burst${i}`, '198.51.100.8')),
    );
    expect(burst.filter((r) => r.status === 401)).toHaveLength(5);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(7);
    tick(15 * 60_000); // past the account's lock: later cases sign in as clerk
  });

  it('a wait over a minute is told in minutes; a quiet hour starts afresh', async () => {
    const from = '198.51.100.9';
    for (let i = 0; i < 12; i++) {
      // Past each wait so far (the 11th failure's is 2^6 = 64 s), and past the account's lock after
      // every fifth: twelve failures within the hour from one address.
      if (i > 0) tick(i % 5 === 0 ? 15 * 60_000 : 2 * 60_000);
      await login('approver', `wrong-pass${i}`, from).expect(401);
    }
    // After the twelfth: 2^7 = 128 s.
    const waiting = await login('approver', DEMO_PASSWORD, from);
    expect(waiting.status).toBe(429);
    expect(waiting.body).toMatchObject({ message: '登录失败次数过多，请3分钟后再试', retryAfter: 128 });
    tick(61 * 60_000);
    await login('approver', DEMO_PASSWORD, from).expect(200);
  });

  it("an administrator's unlock lifts the account's lock and an address's wait", async () => {
    const from = '198.51.100.10';
    for (let i = 0; i < 5; i++) await login('auditor', `wrong-pass${i}`, from).expect(401);
    expect((await login('auditor', DEMO_PASSWORD, from)).status).toBe(429);
    const [{ id }] = await t.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'auditor'`);
    await (await t.as('admin')).post(`/api/users/${id}/unlock`).expect(200);
    tick(1);
    await login('auditor', DEMO_PASSWORD, from).expect(200);
  });
});

/** The cookies a login answer set, by name, with their attributes. */
function cookiesOf(res: { headers: Record<string, unknown> }): Map<string, string> {
  const set = (res.headers['set-cookie'] ?? []) as string[];
  return new Map(set.map((c) => [c.slice(0, c.indexOf('=')), c]));
}

const valueOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1, cookie.indexOf(';'));

describe('the web session cookie (finding 10)', () => {
  it('is HttpOnly and SameSite=Strict; changes need the anti-forgery header; logout ends it', async () => {
    const res = await login('clerk', DEMO_PASSWORD, '203.0.113.40').expect(200);
    const cookies = cookiesOf(res);
    const session = cookies.get('sa_session')!;
    const csrf = cookies.get('sa_csrf')!;
    expect(session).toMatch(/; Path=\/api/);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Strict/);
    expect(session).toMatch(/; Expires=/);
    expect(csrf).not.toMatch(/HttpOnly/); // the page reads it to echo it
    expect(csrf).toMatch(/; Path=\/; .*SameSite=Strict/);
    const cookie = `sa_session=${valueOf(session)}; sa_csrf=${valueOf(csrf)}`;

    const me = await t.http.get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.username).toBe('clerk');
    // A change with the cookie alone (what a forged cross-site request would carry) is refused.
    const forged = await t.http.post('/api/auth/password').set('Cookie', cookie).send({});
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({
      code: 'CSRF_REJECTED',
      message: '请求缺少有效的防伪标识，请刷新页面后重试',
      details: [{ field: 'X-CSRF-Token', message: '缺少或不匹配' }],
    });
    const wrongToken = await t.http
      .post('/api/auth/password')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', 'x'.repeat(43))
      .send({});
    expect(wrongToken.status).toBe(403);
    // With the header, the request reaches its checks (here: the form is empty).
    const echoed = await t.http
      .post('/api/auth/password')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', valueOf(csrf))
      .send({});
    expect(echoed.status).toBe(400);
    // A bearer token is never sent by a browser on its own, so it needs no anti-forgery header.
    const bearer = await t.http
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${res.body.token}`)
      .send({});
    expect(bearer.status).toBe(400);

    const out = await t.http
      .post('/api/auth/logout')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', valueOf(csrf))
      .expect(204);
    const cleared = cookiesOf(out);
    expect(cleared.get('sa_session')).toMatch(/^sa_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(cleared.get('sa_csrf')).toMatch(/^sa_csrf=;.*Expires=Thu, 01 Jan 1970/);
    await t.http.get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('is marked Secure when the request came over HTTPS', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.41')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: 'clerk', password: DEMO_PASSWORD })
      .expect(200);
    expect(cookiesOf(res).get('sa_session')).toMatch(/; Secure/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});

describe('browser hardening headers (finding 10)', () => {
  it('sends a CSP, forbids framing and referrers, and does not name the framework', async () => {
    const res = await t.http.get('/api/health').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    // Error answers too.
    const denied = await t.http.get('/api/cases').expect(401);
    expect(denied.headers['content-security-policy']).toBe(csp);
    expect(denied.headers['x-powered-by']).toBeUndefined();
  });
});
