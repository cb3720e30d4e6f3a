import { BrowserHarness, screenshot } from '../support/browser';
import { CONFIRM_PATH, apply, drive } from '../support/case-driver';

/** The auditor's desk: who did and read what, from where, and whether the record is intact. */
describe('执法全过程记录 (Chromium)', () => {
  let h: BrowserHarness;
  let caseId: string;
  beforeAll(async () => {
    h = await BrowserHarness.start();
    caseId = await apply(h.t);
    await drive(h.t, caseId, CONFIRM_PATH, /入户调查/);
    await (await h.t.as('approver')).get(`/api/cases/${caseId}`).expect(200);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('lands the auditor on the record, verifies the chain and follows one case', async () => {
    const page = await h.signIn('auditor');
    await page.waitForURL(/\/audit$/);
    const table = page.locator('[data-test=audit-table]');
    await table.getByText('查看案件').first().waitFor();
    await table.getByText('孙审批').first().waitFor();
    await table.getByText('办理步骤').first().waitFor();
    await page.locator('[data-test=verify]').click();
    await page.locator('[data-test=integrity-result]').getByText('未发现篡改').waitFor();
    await page
      .locator('[data-test=integrity-attachments]')
      .getByText(/齐全（\d+ 个文件与哈希相符）/)
      .waitFor();
    await page.locator('input[data-test=case-id]').fill(caseId);
    await page.locator('[data-test=search]').click();
    await table.getByText('登录', { exact: true }).first().waitFor({ state: 'detached' }); // sign-ins have no case
    await screenshot(page, 'audit-auditor');
    // The case itself opens read-only and masked for the auditor.
    const [{ case_no: caseNo }] = await h.t.query(`SELECT case_no FROM assistance_case WHERE id = $1`, [
      caseId,
    ]);
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    await page.getByText(caseNo).first().waitFor();
    await page.locator('.case-page > .el-loading-mask').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '申请人与家庭' }).click();
    await page.getByText('平安县城关镇东关村****').waitFor(); // the house number withheld
    await screenshot(page, 'case-auditor');
    await page.goto(`${h.baseUrl}/audit`);
    await page.getByRole('menuitem', { name: '职责分离' }).click();
    await page.locator('[data-test=in-force]').getByText('调查员 与 乡镇审核员 不得由同一人担任').waitFor();
    await page.locator('[data-test=publish]').waitFor({ state: 'detached' }); // only the administrator publishes
    await screenshot(page, 'duty-rules-auditor');
    await page.context().close();
  });

  it('lets the administrator publish a township’s own rules', async () => {
    const page = await h.signIn('admin');
    await page.goto(`${h.baseUrl}/admin/duty-rules`);
    await page.locator('[data-test=in-force]').getByText('现行规则（全国默认').waitFor();
    await page.locator('[data-test=publish]').click();
    await page.getByText('生效日期应为 YYYY-MM-DD').waitFor();
    await screenshot(page, 'duty-rules-admin-error');
    await page.context().close();
  });
});
