import type { Page } from 'playwright-core';
import { BrowserHarness, chooseOption, screenshot } from '../support/browser';
import { CONFIRM_PATH, apply, drive } from '../support/case-driver';

/**
 * Every program through the same screens: a window clerk takes a 临时救助 application whose start
 * form comes from the model, a township reviewer starts a procedure on a confirmed 低保 case, and
 * each supervision, warning, cohort and report page opens for the roles that use it.
 */
describe('programs, procedures and supervision pages (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await BrowserHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const pick = (page: Page, select: string, option: string) =>
    chooseOption(page, page.locator(`.el-select[data-test=${select}]`), option);

  it('takes a 临时救助 application at the window with the questions its model asks', async () => {
    const page = await h.signIn('clerk');
    await page.goto(`${h.baseUrl}/apply`);
    await page.click('[data-test=program-linshi]');
    await page.getByRole('heading', { name: '窗口受理临时救助' }).waitFor();
    // The start form of temporary-assistance.bpmn: category, urgency, hardship.
    const step = page.locator('[data-test=step-applicant]');
    await step.locator('[data-field=category]').waitFor();
    await page.fill('[data-test=applicant-name]', '王建国');
    await page.fill('[data-test=applicant-id]', '410799198103050012');
    await page.fill('[data-test=applicant-address]', '平安县城关镇东关村3组12号');
    await page.click('[data-test=next]');
    // Required start-form answers are missing: the step stays and says which.
    await step.locator('[data-field=hardship] .el-form-item__error').waitFor();
    await page.click('[data-test=option-category-emergency]');
    await page.click('[data-test=option-urgency-red]');
    await page.fill('[data-field=hardship] textarea', '家中突发火灾，房屋及生活用品损毁。');
    await screenshot(page, 'window-apply-linshi');
    await page.click('[data-test=next]');

    await page.locator('[data-test=step-members]').waitFor();
    await page.click('[data-test=next]');
    await page.locator('[data-test=step-region]').waitFor();
    await pick(page, 'region-village', '东关村');
    await page.click('[data-test=near-relative-no]');
    await page.click('[data-test=next]');
    await page.locator('[data-test=authorization-text]').waitFor();
    await page.click('[data-test=paper-authorization]');
    await page.click('[data-test=next]');
    await page.locator('[data-test=step-confirm]').getByText('已收存纸质').waitFor();
    await page.click('[data-test=submit]');

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /LS-\d{4}-\d{6}/ }).waitFor();
    await page.locator('.case-head').getByText('临时救助').first().waitFor();
    await page.locator('.case-head').getByText('红色').first().waitFor();
    await screenshot(page, 'window-apply-linshi-case');
  });

  it('starts a periodic review on a confirmed 低保 case from the case page', async () => {
    const caseId = await apply(h.t);
    await drive(h.t, caseId, CONFIRM_PATH);
    await h.t.advanceDays(8);
    await drive(h.t, caseId, CONFIRM_PATH);

    const page = await h.signIn('reviewer');
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    await page.getByRole('tab', { name: /关联程序/ }).click();
    const panel = page.locator('[data-test=procedures]');
    await panel.locator('[data-test=start-dibao-review]').click();
    const dialog = page.locator('.el-dialog', { hasText: '发起：' });
    await dialog.locator('[data-test=start-confirm]').click();
    // The start form is the model's: a required answer left out is named, and nothing starts.
    await dialog.locator('.el-form-item__error').first().waitFor();
    await dialog.locator('[data-test=option-trigger-change-report]').click();
    await dialog
      .locator('[data-field=reportedChange] textarea')
      .fill('申请人配偶已在县城务工，月收入约2600元。');
    await screenshot(page, 'procedure-start');
    await dialog.locator('[data-test=start-confirm]').click();

    await page.waitForURL((url) => !url.pathname.endsWith(caseId));
    await page.getByRole('heading', { name: /DBHC-\d{4}-\d{6}/ }).waitFor();
    await page.locator('[data-test=parent-case]').waitFor();
    await screenshot(page, 'procedure-child-case');
  });

  it('opens the supervision, warning, cohort, report and calendar pages for their roles', async () => {
    const pages: [string, string, string][] = [
      ['approver', '/review-cohorts', 'review-cohorts'],
      ['approver', '/monitoring', 'monitoring'],
      ['approver', '/supervision/listing', 'supervision-listing'],
      ['approver', '/supervision/rechecks', 'supervision-rechecks'],
      ['approver', '/supervision/near-relatives', 'supervision-near-relatives'],
      ['approver', '/reports/overdue', 'reports-overdue'],
      ['admin', '/admin/calendar', 'admin-calendar'],
    ];
    const signedIn = new Map<string, Page>();
    for (const [user, path, name] of pages) {
      const page = signedIn.get(user) ?? (await h.signIn(user));
      signedIn.set(user, page);
      await page.goto(`${h.baseUrl}${path}`);
      await page.locator('.page-title').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.el-alert--error').count()).toBe(0);
      await screenshot(page, `page-${name}`);
    }
  });
});
