import { BrowserHarness, screenshot } from '../support/browser';

/**
 * Issue 18 §9 in Chromium: a wrong password is one message, not two, and it says how many tries
 * are left before the sign-in page makes the user wait (the throttle of libs/auth lock-out.ts).
 */
describe('sign-in with a wrong password (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await BrowserHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('shows one message that counts down the free tries, then says they are used up', async () => {
    const page = await (await h.context()).newPage();
    await page.goto(`${h.baseUrl}/login`);
    await page.fill('input[name=username]', 'clerk');
    const messages = async () => {
      const text = await page.locator('body').innerText();
      return {
        wrong: text.match(/用户名或密码错误/g)?.length ?? 0,
        alerts: await page.locator('.el-alert--error').allInnerTexts(),
        underFields: await page.locator('.el-form-item__error').count(),
        toasts: await page.locator('.el-message').count(),
      };
    };
    for (const left of [4, 3, 2, 1]) {
      await page.fill('input[name=password]', `wrong-pass-${left}`);
      await page.click('[data-test=login]');
      await page.locator('.el-alert--error', { hasText: `还可再试${left}次` }).waitFor();
      const seen = await messages();
      expect(seen).toEqual({
        wrong: 1,
        alerts: [`用户名或密码错误，还可再试${left}次；连续输错5次，账号将锁定15分钟`],
        underFields: 0,
        toasts: 0,
      });
      if (left === 4) await screenshot(page, 'sign-in-wrong-password');
    }
    await page.fill('input[name=password]', 'wrong-pass-5');
    await page.click('[data-test=login]');
    await page.locator('.el-alert--error', { hasText: '已连续输错5次' }).waitFor();
    expect((await messages()).wrong).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
