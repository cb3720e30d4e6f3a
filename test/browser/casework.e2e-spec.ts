import { Page } from 'playwright-core';
import { BrowserHarness, screenshot } from '../support/browser';
import { apply } from '../support/case-driver';

/**
 * Issue 18 in Chromium: two clerks of one township look at the same inbox; the first to claim a
 * task holds it, the second is told who does, and both then see the holder on the row and on the
 * task page.
 */
describe('claiming a task (Chromium)', () => {
  let h: BrowserHarness;
  const PASSWORD = 'Demo-pass-2026';

  beforeAll(async () => {
    h = await BrowserHarness.start();
    const made = await (
      await h.t.as('admin')
    ).post('/api/users', {
      username: 'clerk2',
      displayName: '周窗口',
      role: 'window_clerk',
      regionCode: '410799100',
      password: PASSWORD,
    });
    expect(made.status).toBe(201);
    await (await h.t.as('admin2')).post(`/api/users/${made.body.id}/confirm`).expect(200);
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => {
    expect(h.cspViolations).toEqual([]);
  });

  async function signInWith(username: string, password: string): Promise<Page> {
    const page = await (await h.context()).newPage();
    await page.goto(`${h.baseUrl}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.click('[data-test=login]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  }

  async function inboxLoaded(page: Page) {
    await page.locator('[data-test=inbox-table] .el-loading-mask').waitFor({ state: 'hidden' });
  }

  it('the second clerk to claim is told who holds the task; both then see the holder', async () => {
    const caseId = await apply(h.t);
    const [{ case_no: caseNo }] = await h.t.query<{ case_no: string }>(
      `SELECT case_no FROM assistance_case WHERE id = $1`,
      [caseId],
    );
    const first = await h.signIn('clerk');
    const second = await signInWith('clerk2', PASSWORD);
    for (const page of [first, second]) {
      if (new URL(page.url()).pathname !== '/inbox') await page.goto(`${h.baseUrl}/inbox`);
      await inboxLoaded(page);
      await page.locator(`[data-test="claim-${caseNo}"]`).waitFor();
    }
    // Both saw the task unclaimed; the first claims it.
    await first.click(`[data-test="claim-${caseNo}"]`);
    const row = (page: Page) =>
      page.locator('[data-test=inbox-table] .el-table__body tr', { hasText: caseNo });
    await row(first).locator('[data-test=assignee]', { hasText: '李窗口' }).waitFor();
    // The second's page still offers it: the server refuses and names the holder.
    await second.click(`[data-test="claim-${caseNo}"]`);
    await second.locator('.el-message--error', { hasText: '李窗口' }).waitFor();
    await row(second).locator('[data-test=assignee]', { hasText: '李窗口' }).waitFor();
    await screenshot(second, 'casework-claim-refused');
    // “我的任务” of the first holds it; the second's task page says who does.
    await first.click('[data-test=scope-mine]');
    await inboxLoaded(first);
    await row(first).waitFor();
    const [{ id: taskId }] = await h.t.query<{ id: string }>(
      `SELECT t.id FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE c.id = $1 AND t.status = 'open'`,
      [caseId],
    );
    await second.goto(`${h.baseUrl}/tasks/${taskId}`);
    await second.locator('[data-test=task-holder]', { hasText: '由 李窗口 办理中' }).waitFor();
    await screenshot(second, 'casework-held-task');
  });
});
