import { Page } from 'playwright-core';
import { answersFor } from '../../apps/api/src/demo/drive';
import { BrowserHarness, chooseOption, screenshot } from '../support/browser';
import { CONFIRM_PATH, apply, drive, openTasks } from '../support/case-driver';
import { pdfText } from '../support/test-app';

/**
 * Issue 18 in Chromium, its “Done when”: two clerks of one township claim the same task; the
 * township reviewer sends a case back to the investigator with a reason; a delegate completes the
 * holder's step and the document names the acting authority; a clerk records 送达 of 20 cases with
 * one form, watching the progress bar and every case's result.
 */
describe('casework (Chromium)', () => {
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

  async function caseNoOf(caseId: string): Promise<string> {
    const [{ case_no: caseNo }] = await h.t.query<{ case_no: string }>(
      `SELECT case_no FROM assistance_case WHERE id = $1`,
      [caseId],
    );
    return caseNo;
  }

  const row = (page: Page, caseNo: string) =>
    page.locator('[data-test=inbox-table] .el-table__body tr', { hasText: caseNo });

  it('the second clerk to claim is told who holds the task; both then see the holder', async () => {
    const caseId = await apply(h.t);
    const caseNo = await caseNoOf(caseId);
    const first = await h.signIn('clerk');
    const second = await signInWith('clerk2', PASSWORD);
    for (const page of [first, second]) {
      if (new URL(page.url()).pathname !== '/inbox') await page.goto(`${h.baseUrl}/inbox`);
      await inboxLoaded(page);
      await page.locator(`[data-test="claim-${caseNo}"]`).waitFor();
    }
    // Both saw the task unclaimed; the first claims it.
    await first.click(`[data-test="claim-${caseNo}"]`);
    await row(first, caseNo).locator('[data-test=assignee]', { hasText: '李窗口' }).waitFor();
    // The second's page still offers it: the server refuses and names the holder.
    await second.click(`[data-test="claim-${caseNo}"]`);
    await second.locator('.el-message--error', { hasText: '李窗口' }).waitFor();
    await row(second, caseNo).locator('[data-test=assignee]', { hasText: '李窗口' }).waitFor();
    await screenshot(second, 'casework-claim-refused');
    // “我的任务” of the first holds it; the second's task page says who does.
    await first.click('[data-test=scope-mine]');
    await inboxLoaded(first);
    await row(first, caseNo).waitFor();
    const [{ id: taskId }] = await h.t.query<{ id: string }>(
      `SELECT t.id FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE c.id = $1 AND t.status = 'open'`,
      [caseId],
    );
    await second.goto(`${h.baseUrl}/tasks/${taskId}`);
    await second.locator('[data-test=task-holder]', { hasText: '由 李窗口 办理中' }).waitFor();
    await screenshot(second, 'casework-held-task');
    await first.context().close();
    await second.context().close();
  });

  it('the township reviewer returns the case to 入户调查 with a reason the investigator then reads', async () => {
    const caseId = await apply(h.t);
    await drive(h.t, caseId, CONFIRM_PATH, /乡镇初审/);
    const [review] = (await openTasks(h.t, caseId)).filter((x: { name: string }) => x.name === '乡镇初审');
    const page = await h.signIn('reviewer');
    await page.goto(`${h.baseUrl}/tasks/${review.id}`);
    const form = page.locator('[data-test=step-form]');
    await form.getByText('办理：乡镇初审').waitFor();
    await page.click('[data-test=option-opinion-return]');
    await page.locator('[data-field=reasons] textarea').fill('调查记录不完整');
    // Returning without a reason is refused next to the field, and nothing is sent.
    await page.click('[data-test=submit]');
    await page.locator('[data-field=returnReason] .el-form-item__error').waitFor();
    expect(
      await h.t.query(`SELECT 1 FROM task WHERE id = $1 AND status = 'completed'`, [review.id]),
    ).toHaveLength(0);
    const reason = '子女务工收入未核实，请补充入户调查';
    await page.locator('[data-field=returnReason] textarea').fill(reason);
    await page.locator('[data-field=returnReason] .el-form-item__error').waitFor({ state: 'detached' });
    await page.click('[data-test=submit]');
    await page.waitForURL(new RegExp(`/cases/${caseId}`));
    const open = await openTasks(h.t, caseId);
    expect(open.map((t: { name: string }) => t.name)).toEqual(['入户调查']);
    // The investigator finds the task back in the inbox, and the case's 办理经过 says who returned
    // it, as what, and why.
    const investigator = await h.signIn('investigator');
    await investigator.goto(`${h.baseUrl}/inbox`);
    await inboxLoaded(investigator);
    const caseNo = await caseNoOf(caseId);
    await row(investigator, caseNo).getByText('入户调查').waitFor();
    await investigator.goto(`${h.baseUrl}/cases/${caseId}`);
    await investigator.getByRole('tab', { name: '办理经过' }).click();
    const returned = investigator
      .locator('[data-test=timeline] .el-timeline-item')
      .filter({ hasText: '乡镇初审' })
      .filter({ hasText: reason });
    await returned.waitFor();
    expect(await returned.locator('[data-test=timeline-actor]').innerText()).toContain('钱审核');
    await screenshot(investigator, 'casework-returned');
    await page.context().close();
    await investigator.context().close();
  });

  it('a delegate completes the holder’s step; the issued document names the acting authority', async () => {
    const caseId = await apply(h.t);
    const caseNo = await caseNoOf(caseId);
    const [task] = await openTasks(h.t, caseId);
    expect(task.name).toBe('受理审查');
    // 李窗口 holds the task and, going on a training course, delegates to 周窗口 in the inbox.
    const holder = await h.signIn('clerk');
    await holder.goto(`${h.baseUrl}/inbox`);
    await inboxLoaded(holder);
    await holder.click(`[data-test="claim-${caseNo}"]`);
    await row(holder, caseNo).locator('[data-test=assignee]', { hasText: '李窗口' }).waitFor();
    await holder.click('[data-test=open-delegations]');
    const dialog = holder.locator('[data-test=delegations-dialog]');
    await chooseOption(holder, dialog.locator('.el-select[data-test=delegate]'), '周窗口（窗口受理员）');
    const today = h.t.clock.today();
    // (Element Plus puts a date picker's attributes on its pop-up panel, not on the inputs.)
    const period = dialog.locator('.el-form-item', { hasText: '期间' }).locator('input');
    await period.first().fill(today);
    await period.nth(1).fill(today);
    await holder.keyboard.press('Enter');
    await dialog.locator('input[data-test=delegation-reason]').fill('外出培训');
    await dialog.locator('[data-test=delegate-save]').click();
    await dialog.locator('[data-test=delegations]').getByText('周窗口').waitFor();
    await screenshot(holder, 'casework-delegation');
    // 周窗口 finds it in 我的任务 and completes it.
    const delegate = await signInWith('clerk2', PASSWORD);
    if (new URL(delegate.url()).pathname !== '/inbox') await delegate.goto(`${h.baseUrl}/inbox`);
    await inboxLoaded(delegate);
    await delegate.click('[data-test=scope-mine]');
    await inboxLoaded(delegate);
    await row(delegate, caseNo).locator(`[data-test="open-${caseNo}"]`).click();
    await delegate.locator('[data-test=step-form]').getByText('办理：受理审查').waitFor();
    await delegate.click('[data-test=option-decision-accept]');
    await delegate.click('[data-test=submit]');
    await delegate.waitForURL(new RegExp(`/cases/${caseId}`));
    // The record names both; the 受理通知书 prints “经办人：周窗口（代李窗口）”.
    const [entry] = await h.t.query<{ detail: { onBehalfOf: { name: string } } }>(
      `SELECT detail FROM audit_entry WHERE action = 'task.complete' AND detail->>'taskId' = $1`,
      [task.id],
    );
    expect(entry.detail.onBehalfOf.name).toBe('李窗口');
    const [doc] = await h.t.query<{ id: string }>(
      `SELECT id FROM document WHERE case_id = $1 AND template_id = 'acceptance-notice'`,
      [caseId],
    );
    const pdf = await h.t.download('clerk', `/api/documents/${doc.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdfText(pdf.body)).toContain('经办人：周窗口（代李窗口）');
    await screenshot(delegate, 'casework-delegate-done');
    await holder.context().close();
    await delegate.context().close();
  });

  it('records 送达 of 20 cases served on one day with one form, with a progress bar and per-case results', async () => {
    const clerk = await h.t.as('clerk');
    const serveIds: string[] = [];
    const caseIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const caseId = await apply(h.t);
      const [task] = await openTasks(h.t, caseId);
      const data = answersFor(task.form, { ...CONFIRM_PATH, decision: ['supplement'] });
      await clerk.post(`/api/tasks/${task.id}/complete`, { data }).expect(200);
      const [serve] = await openTasks(h.t, caseId);
      expect(serve.name).toBe('送达补正材料告知书');
      serveIds.push(serve.id);
      caseIds.push(caseId);
    }
    const caseNos = await Promise.all(caseIds.map(caseNoOf));
    const page = await h.signIn('clerk');
    await inboxLoaded(page);
    const rows = page.locator('[data-test=inbox-table] .el-table__body tr', {
      hasText: '送达补正材料告知书',
    });
    await rows.nth(19).waitFor();
    expect(await rows.count()).toBe(20);
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
    // Every value the bar shows, as it shows it (the page keeps the list; the test reads it after).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { barValues: string[] }).barValues = seen;
      new MutationObserver(() => {
        const v = document.querySelector('[data-test=bulk-progress]')?.getAttribute('aria-valuenow');
        if (v && seen.at(-1) !== v) seen.push(v);
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
    await page.click('[data-test=bulk-run]');
    const summary = dialog.locator('[data-test=bulk-summary]', { hasText: '已处理 20 / 20' });
    await summary.waitFor({ timeout: 600_000 });
    expect((await summary.innerText()).replace(/\s+/g, ' ')).toContain('成功 20，失败 0');
    // The bar moved chunk by chunk (5 cases a request) to the end, and stayed there when the
    // inbox reloaded behind the dialog.
    expect(await page.evaluate(() => (window as unknown as { barValues: string[] }).barValues)).toEqual([
      '0',
      '25',
      '50',
      '75',
      '100',
    ]);
    expect(await dialog.locator('[data-test=bulk-progress]').getAttribute('aria-valuenow')).toBe('100');
    const results = dialog.locator('[data-test=bulk-results] .el-table__body tr');
    expect(await results.count()).toBe(20);
    const shown = (await results.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    expect(shown.filter((t) => !t.includes('成功'))).toEqual([]);
    expect(caseNos.filter((no) => !shown.some((t) => t.includes(no)))).toEqual([]);
    await screenshot(page, 'casework-bulk-service');
    // On the server: 20 送达 records served that day on the applicant, and 20 audit entries.
    const served = await h.t.query<{ method: string; recipient: string; served_on: string }>(
      `SELECT method, recipient, served_on::text AS served_on FROM service_record WHERE case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    expect(served).toHaveLength(20);
    expect(
      served.every(
        (s) => s.method === 'direct' && s.recipient === '王建国' && s.served_on === h.t.clock.today(),
      ),
    ).toBe(true);
    const audits = await h.t.query(
      `SELECT 1 FROM audit_entry WHERE action = 'task.complete' AND detail->>'taskId' = ANY($1::text[])`,
      [serveIds],
    );
    expect(audits).toHaveLength(20);
  }, 900_000);

  it('keeps 我的任务 and the filters in the address: a reload and the back button come back to them', async () => {
    const mineId = await apply(h.t);
    const otherId = await apply(h.t);
    const [mineNo, otherNo] = [await caseNoOf(mineId), await caseNoOf(otherId)];
    const [task] = await openTasks(h.t, mineId);
    await (await h.t.as('clerk')).post(`/api/tasks/${task.id}/claim`).expect(200);
    const page = await h.signIn('clerk');
    if (new URL(page.url()).pathname !== '/inbox') await page.goto(`${h.baseUrl}/inbox`);
    await inboxLoaded(page);
    await page.click('[data-test=scope-mine]');
    await chooseOption(page, page.locator('.el-select[data-test=filter-program]'), '最低生活保障');
    await page.locator('input[data-test=filter-text]').fill(mineNo.slice(-6));
    await page.waitForURL((url) => url.searchParams.get('scope') === 'mine' && url.searchParams.has('text'));
    const shows = async () => {
      await inboxLoaded(page);
      await row(page, mineNo).waitFor();
      expect(await page.locator('[data-test=scope-mine].is-active').count()).toBe(1);
      expect(await page.locator('input[data-test=filter-text]').inputValue()).toBe(mineNo.slice(-6));
      await page
        .locator('.el-select[data-test=filter-program] .el-select__placeholder')
        .getByText('最低生活保障', { exact: true })
        .waitFor();
      expect(await row(page, otherNo).count()).toBe(0);
    };
    const url = new URL(page.url());
    expect(url.searchParams.get('program')).toBe('dibao');
    await page.reload();
    await shows();
    // Into the task and back: the same view, not the group inbox unfiltered.
    await row(page, mineNo).locator(`[data-test="open-${mineNo}"]`).click();
    await page.locator('[data-test=step-form]').waitFor();
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/inbox');
    await shows();
    expect(new URL(page.url()).searchParams.get('scope')).toBe('mine');
    // The other case is in the group inbox: the scope really narrowed the list.
    await page.click('[data-test=scope-group]');
    await page.locator('input[data-test=filter-text]').fill(otherNo.slice(-6));
    await inboxLoaded(page);
    await row(page, otherNo).waitFor();
    expect(new URL(page.url()).searchParams.get('scope')).toBeNull();
    await screenshot(page, 'casework-inbox-address');
    await page.context().close();
  });
});
