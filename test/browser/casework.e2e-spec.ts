import { Page } from 'playwright-core';
import { answersFor } from '../../apps/api/src/demo/drive';
import { BrowserHarness, chooseOption, screenshot } from '../support/browser';
import { CONFIRM_PATH, apply, openTasks } from '../support/case-driver';

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

  it('records 送达 of 20 cases served on one day with one form, with a progress bar and per-case results', async () => {
    const clerk = await h.t.as('clerk');
    const serveIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const caseId = await apply(h.t);
      const [task] = await openTasks(h.t, caseId);
      const data = answersFor(task.form, { ...CONFIRM_PATH, decision: ['supplement'] });
      await clerk.post(`/api/tasks/${task.id}/complete`, { data }).expect(200);
      const [serve] = await openTasks(h.t, caseId);
      serveIds.push(serve.id);
    }
    const page = await h.signIn('clerk');
    await inboxLoaded(page);
    const rows = page.locator('[data-test=inbox-table] .el-table__body tr', {
      hasText: '送达补正材料告知书',
    });
    await rows.nth(19).waitFor();
    for (let i = 0; i < 20; i++) await rows.nth(i).locator('.el-checkbox').click();
    await page.locator('[data-test=bulk-bar]', { hasText: '已选 20 个任务' }).waitFor();
    await page.click('[data-test=bulk-complete]');
    const dialog = page.locator('[data-test=bulk-dialog]');
    await dialog.locator('[data-field=serviceMethod]').waitFor();
    await chooseOption(page, dialog.locator('.el-select[data-test=field-serviceMethod]'), '直接送达');
    await dialog.locator('[data-field=serviceDate] input').fill(h.t.clock.today());
    await page.keyboard.press('Enter');
    const servers = dialog.locator('[data-field=servers] input').first();
    await servers.fill('李窗口');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '李窗口' }).click();
    await dialog.locator('[data-field=servers] .el-tag', { hasText: '李窗口' }).waitFor();
    await page.keyboard.press('Escape');
    await chooseOption(page, dialog.locator('.el-select[data-test=fill-recipient]'), '各案申请人姓名');
    await chooseOption(page, dialog.locator('.el-select[data-test=fill-serviceAddress]'), '各案申请人住址');
    await page.click('[data-test=bulk-run]');
    // The bar moves chunk by chunk (5 cases a request), before every case is done.
    await dialog.locator('[data-test=bulk-summary]', { hasText: '已处理 5 / 20' }).waitFor();
    const summary = dialog.locator('[data-test=bulk-summary]', { hasText: '已处理 20 / 20' });
    await summary.waitFor({ timeout: 400_000 });
    const failures = await dialog
      .locator('[data-test=bulk-results] .el-table__body tr', { hasText: '失败' })
      .allInnerTexts();
    expect(failures).toEqual([]);
    expect((await summary.innerText()).replace(/\s+/g, ' ')).toContain('成功 20，失败 0');
    await dialog.locator('[data-test=bulk-progress]', { hasText: '100%' }).waitFor();
    expect(await dialog.locator('[data-test=bulk-results] .el-table__body tr').count()).toBe(20);
    await screenshot(page, 'casework-bulk-service');
    const done = await h.t.query<{ data: { recipient: string; serviceMethod: string } }>(
      `SELECT data FROM task WHERE id = ANY($1::uuid[]) AND status = 'completed'`,
      [serveIds],
    );
    expect(done).toHaveLength(20);
    expect(done.every((d) => d.data.serviceMethod === 'direct' && d.data.recipient === '王建国')).toBe(true);
  });
});
