import { BrowserHarness, screenshot } from '../support/browser';

/** The web app is served by the API and the sign-in form reports problems next to the field. */
describe('web app shell (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await BrowserHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('refuses a wrong password in Chinese and lands each role on its home page', async () => {
    const page = await (await h.context()).newPage();
    await page.goto(`${h.baseUrl}/inbox`);
    await page.waitForURL(/\/login\?next=/);
    await page.click('[data-test=login]');
    await page.getByText('请输入用户名').waitFor();
    await page.fill('input[name=username]', 'clerk');
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('[data-test=login]');
    await page.locator('.el-alert').getByText(/密码/).waitFor();
    await screenshot(page, 'shell-login-error');

    for (const [user, home] of [
      ['clerk', '/inbox'],
      ['legal', '/studio'],
      ['applicant', '/portal'],
      ['admin', '/overview'],
    ]) {
      const p = await h.signIn(user);
      expect(new URL(p.url()).pathname).toBe(home);
      await p.context().close();
    }
  });

  it('runs under its CSP, refuses injected script, and keeps the session where no script reads it', async () => {
    const page = await h.signIn('clerk');
    await page.locator('[data-test=logout]').waitFor();
    // The session is an HttpOnly, SameSite=Strict cookie: not in document.cookie nor in storage.
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'sa_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api',
    });
    const token = cookies.find((c) => c.name === 'sa_session')!.value;
    expect(await page.evaluate(() => document.cookie)).not.toContain('sa_session');
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toContain(
      token,
    );
    expect(h.cspViolations).toEqual([]);
    // An injected inline script is refused, and the refusal is seen (so "none seen" above means something).
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.appendChild(script);
      return new Promise((resolve) =>
        setTimeout(() => resolve((window as unknown as { __injected?: boolean }).__injected ?? false), 200),
      );
    });
    expect(ran).toBe(false);
    for (let i = 0; i < 50 && !h.cspViolations.length; i++) await page.waitForTimeout(100);
    expect(h.cspViolations.join('\n')).toMatch(/script-src/);
    h.cspViolations.length = 0;
    // A change made by the app (it echoes the anti-forgery cookie) goes through: signing out.
    await page.click('[data-test=logout]');
    await page.waitForURL(/\/login/);
    expect((await page.context().cookies()).find((c) => c.name === 'sa_session')).toBeUndefined();
    const after = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(after).toBe(401);
    await page.context().close();
  });

  it('serves deep links to the app and keeps /api answers JSON', async () => {
    const res = await fetch(`${h.baseUrl}/verify/ABCD`, { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="app">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${h.baseUrl}/`)).text())![1];
    const asset = await fetch(`${h.baseUrl}${script}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    const api = await fetch(`${h.baseUrl}/api/nope`, { headers: { Accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  afterAll(() => {
    // Every page these tests opened ran under the CSP without a refusal.
    expect(h.cspViolations).toEqual([]);
  });
});
