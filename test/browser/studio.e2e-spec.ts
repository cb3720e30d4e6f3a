import { BrowserHarness, screenshot } from '../support/browser';

/** The legal officer edits the 低保 model, is stopped by the lint, fixes it, deploys and compares. */
describe('legal officer studio (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await BrowserHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => {
    // bpmn-js, the template preview frame and Element Plus all run under the app's CSP.
    expect(h.cspViolations).toEqual([]);
  });

  it('lints an edited model, links errors to the canvas, deploys a fixed version and compares it', async () => {
    const page = await h.signIn('legal');
    await page.locator('[data-test=open-dibao-application-1]').waitFor();
    await page.locator('.el-loading-mask').waitFor({ state: 'detached' });
    await screenshot(page, 'studio-list');
    await page.click('[data-test=open-dibao-application-1]');

    const homeVisit = page.locator('g.djs-element[data-element-id=Task_HomeVisit]');
    await homeVisit.click();
    // 办理时限 is a number of days and a unit, not the raw `10WD`.
    const due = page.locator('input[data-test=prop-due-amount], [data-test=prop-due-amount] input');
    await expect(due.inputValue()).resolves.toBe('10');
    await page.locator('[data-test=prop-due]').getByText('工作日').waitFor();
    await due.fill('0');
    await due.press('Tab');

    await page.click('[data-test=lint]');
    const issue = page.locator('[data-test=lint-issue-Task_HomeVisit].error');
    await issue.waitFor();
    await expect(issue.textContent()).resolves.toContain('为 0，任务一开始即逾期');
    await page.locator('g.djs-element.lint-error[data-element-id=Task_HomeVisit]').waitFor();
    await screenshot(page, 'studio-lint-error');

    // Clicking the error selects its element (and scrolls to it) after looking elsewhere.
    await page.locator('g.djs-element[data-element-id=Task_AcceptanceReview]').click();
    await page.locator('[data-test=properties]').getByText('Task_AcceptanceReview').waitFor();
    await issue.click();
    await page.locator('[data-test=properties]').getByText('Task_HomeVisit').waitFor();
    await page.locator('g.djs-element.selected[data-element-id=Task_HomeVisit]').waitFor();

    await page.click('[data-test=open-deploy]');
    await page.locator('textarea[data-test=change-note]').fill('入户调查时限调整为15个工作日，增加见证人');
    await page.click('[data-test=confirm-deploy]');
    await page.locator('[data-test=deploy-blocked]').getByText('为 0，任务一开始即逾期').waitFor();
    await screenshot(page, 'studio-deploy-refused');
    await page.locator('[data-test=deploy-dialog]').getByRole('button', { name: '取消' }).click();

    await due.fill('15');
    await due.press('Tab');
    const name = page.locator('input[data-test=prop-name]');
    await name.fill('入户调查（两人以上）');
    await name.press('Tab');
    // A new required form field on the task.
    const before = await page.locator('input[data-test^=field-id-]').count();
    await page.click('[data-test=field-add]');
    const fieldId = page.locator(`input[data-test=field-id-${before}]`);
    await fieldId.fill('witness');
    await fieldId.press('Tab');
    const fieldLabel = page.locator(`input[data-test=field-label-${before}]`);
    await fieldLabel.fill('见证人');
    await fieldLabel.press('Tab');
    await page.click(`[data-test=field-required-${before}]`);
    await page.locator('[data-test=form-fields]').getByText('见证人').first().waitFor();
    await screenshot(page, 'studio-form-field');

    await page.click('[data-test=lint]');
    await page.locator('[data-test=lint-results]').getByText('检查通过').waitFor();
    expect(await page.locator('g.djs-element.lint-error').count()).toBe(0);

    await page.click('[data-test=open-deploy]');
    await page.locator('textarea[data-test=change-note]').fill('入户调查时限调整为15个工作日，增加见证人');
    await page.click('[data-test=confirm-deploy]');
    await page.waitForURL((url) => url.pathname === '/studio');
    await page.locator('[data-test=open-dibao-application-2]').waitFor();
    await page.locator('.el-loading-mask').waitFor({ state: 'detached' });
    await screenshot(page, 'studio-list-v2');

    const [v2] = await h.t.query(
      `SELECT source, effective_from FROM process_definition WHERE key = 'dibao-application' AND version = 2`,
    );
    expect(v2.source).toMatch(/id="Task_HomeVisit" name="入户调查（两人以上）"[^>]*sa:due="15WD"/);
    // The modeler keeps the forms and the legal attributes it does not show on the canvas.
    expect(v2.source).toContain('<camunda:formField id="visitDate"');
    expect(v2.source).toMatch(
      /<camunda:formField id="witness" label="见证人" type="string">\s*<camunda:validation>\s*<camunda:constraint name="required" \/>/,
    );
    expect(v2.source).toContain('sa:template="non-confirmation-decision"');

    const rows = page.locator('[data-test=versions-dibao-application] .el-table__body tr');
    await rows.nth(0).locator('.el-checkbox').click();
    await rows.nth(1).locator('.el-checkbox').click();
    await page.click('[data-test=compare-selected]');
    await page.locator('[data-test=diff-list]').getByText('Task_HomeVisit').waitFor();
    await page.locator('[data-test=compare-left] g.diff-changed[data-element-id=Task_HomeVisit]').waitFor();
    await page.locator('[data-test=compare-right] g.diff-changed[data-element-id=Task_HomeVisit]').waitFor();
    await page.locator('.el-loading-mask').waitFor({ state: 'detached' });
    const diffText = await page.locator('[data-test=diff-list]').textContent();
    expect(diffText).toMatch(/10WD\s*→\s*15WD/);
    expect(diffText).toMatch(/入户调查\s*→\s*入户调查（两人以上）/);
    // Untouched tasks whose forms share field ids with others are not reported as changed.
    expect(diffText).not.toContain('Task_AcceptanceReview');
    await screenshot(page, 'studio-compare');
    await page.context().close();
  });

  it('previews a template live and names the line of a Handlebars error', async () => {
    const page = await h.signIn('legal');
    await page.goto(`${h.baseUrl}/studio/templates?id=non-acceptance-notice`);
    await page.locator('[data-test=template-preview]').waitFor();
    await screenshot(page, 'studio-template-preview');
    const body = page.locator('textarea[data-test=template-body]');
    await body.fill('> {{applicant.name}}：\n\n正文\n{{#if form.reasons}}未闭合\n');
    await page
      .locator('[data-test=preview-error]')
      .getByText(/第 \d+ 行/)
      .waitFor();
    await screenshot(page, 'studio-template-error');
    await page.context().close();
  });

  it('lets the administrator publish policy parameters with errors next to the field', async () => {
    const page = await h.signIn('admin');
    await page.goto(`${h.baseUrl}/studio/policy`);
    await page.locator('[data-test=policy-resolved]').waitFor();
    await page.click('[data-test=policy-edit]');
    const urban = page.locator('input[data-test=policy-urban]');
    await urban.fill('八百');
    await page.click('[data-test=policy-publish]');
    await page.locator('.el-form-item.is-error').getByText('请输入金额，最多两位小数').waitFor();
    await screenshot(page, 'studio-policy-error');
    await urban.fill('880.50');
    await page.click('[data-test=policy-publish]');
    await page.locator('[data-test=policy-history]').getByText('880.50').waitFor();
    await screenshot(page, 'studio-policy-published');
    await page.context().close();
  });
});
