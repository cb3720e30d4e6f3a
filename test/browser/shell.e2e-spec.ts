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
});
