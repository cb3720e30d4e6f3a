import { BrowserHarness, screenshot } from '../support/browser';
import { CONFIRM_PATH, apply, drive } from '../support/case-driver';

/** The county's morning view: workload, and the 红色预警 for steps past their legal deadline. */
describe('统计概览 (Chromium)', () => {
  let h: BrowserHarness;
  let overdueCaseId: string;
  let overdueCaseNo: string;
  beforeAll(async () => {
    h = await BrowserHarness.start();
    // One case through 受理 (so a step has a measured duration), then left at 信息核对.
    const moving = await apply(h.t);
    await drive(h.t, moving, CONFIRM_PATH, /入户调查/);
    overdueCaseId = await apply(h.t);
    [{ case_no: overdueCaseNo }] = await h.t.query(`SELECT case_no FROM assistance_case WHERE id = $1`, [
      overdueCaseId,
    ]);
    // 受理审查 has 5 working days; three calendar weeks later it is overdue whatever the holidays.
    await h.t.advanceDays(21);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('shows the county approver the red warning with a link to the overdue case', async () => {
    const page = await h.signIn('approver');
    await page.goto(`${h.baseUrl}/overview`);
    const overdue = page.locator('[data-test=overdue-table]');
    await overdue.getByText(overdueCaseNo).waitFor();
    const row = overdue.locator('.el-table__row', { hasText: overdueCaseNo });
    await row.getByText('受理审查').waitFor();
    await row.getByText('城关镇').waitFor();
    await row.getByText(/\d+ 天/).waitFor();
    expect(await page.locator('[data-test=card-overdue] .value').innerText()).not.toBe('0');
    await page.getByText('各环节平均办理用时（天）').waitFor();
    await screenshot(page, 'overview-approver');

    await row.locator('[data-test=overdue-case]').click();
    await page.waitForURL(new RegExp(`/cases/${overdueCaseId}$`));
    await page.context().close();
  });

  it('is in the menu for the township reviewer and shows only their township', async () => {
    const page = await h.signIn('reviewer');
    await page.getByRole('menuitem', { name: '统计概览' }).click();
    await page.waitForURL(/\/overview$/);
    await page.locator('[data-test=overdue-table]').getByText(overdueCaseNo).waitFor();
    await page.getByText('河西镇').waitFor({ state: 'detached' });
    await screenshot(page, 'overview-reviewer');
    await page.context().close();
  });
});
