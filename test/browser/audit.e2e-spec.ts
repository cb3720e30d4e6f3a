import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
    const [{ case_no: caseNo }] = await h.t.query<{ case_no: string }>(
      `SELECT case_no FROM assistance_case WHERE id = $1`,
      [caseId],
    );
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
    // Next to the field (the same words may also be in the toast, depending on timing).
    await page.locator('.el-form-item__error').getByText('生效日期应为 YYYY-MM-DD').waitFor();
    await screenshot(page, 'duty-rules-admin-error');
    await page.context().close();
  });

  it('a relaxation one administrator submits takes effect only when a second approves it', async () => {
    const first = await h.signIn('admin');
    await first.goto(`${h.baseUrl}/admin/duty-rules`);
    await first.locator('[data-test=in-force]').waitFor();
    await first.locator('[data-test=pairs]').getByText('调查员 与 乡镇审核员').click(); // unticked
    const date = first.locator('.el-form-item').filter({ hasText: '生效日期' }).locator('input').first();
    await date.fill(h.t.clock.today());
    await date.press('Enter');
    await first.locator('[data-test=publish]').click();
    const box = first.locator('.el-message-box');
    await box.getByText(/须由另一名管理员批准|须提交另一名管理员批准/).waitFor();
    await box.getByRole('button', { name: '提交审批' }).click();
    await first.locator('[data-test=proposals]').getByText('待批准').waitFor();
    await first.locator('[data-test=approve]').waitFor({ state: 'detached' }); // not by the one who asked
    await screenshot(first, 'duty-rules-proposed');
    await first.context().close();

    const second = await h.signIn('admin2');
    await second.goto(`${h.baseUrl}/admin/duty-rules`);
    await second.locator('[data-test=approve]').first().click();
    await second.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await second.locator('[data-test=proposals]').getByText('已批准').waitFor();
    await second
      .locator('[data-test=in-force]')
      .getByText('调查员 与 乡镇审核员 不得由同一人担任')
      .waitFor({ state: 'detached' });
    await screenshot(second, 'duty-rules-approved');
    await second.context().close();
  });

  it('a new account waits for a second administrator before it can work', async () => {
    const res = await (
      await h.t.as('admin')
    ).post('/api/users', {
      username: 'new.clerk',
      displayName: '新窗口',
      role: 'window_clerk',
      regionCode: '410799100',
      password: 'Demo-pass-2026',
    });
    expect(res.status).toBe(201);
    const second = await h.signIn('admin2');
    await second.goto(`${h.baseUrl}/admin/accounts`);
    await second.locator('[data-test=pending-new\\.clerk]').getByText('待另一名管理员确认').waitFor();
    await screenshot(second, 'accounts-pending');
    await second.locator('[data-test=confirm-new\\.clerk]').click();
    await second.locator('[data-test=pending-new\\.clerk]').waitFor({ state: 'detached' });
    await second.context().close();
  });

  it('lets the administrator back the system up while it runs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-browser-backups-'));
    process.env.BACKUP_DIR = dir;
    try {
      const page = await h.signIn('admin');
      await page.goto(`${h.baseUrl}/admin/backups`);
      await page.locator('[data-test=backup-files]').getByText('尚无在线备份').waitFor();
      await page.locator('[data-test=backup-now]').click();
      await page.locator('[data-test=backup-result]').getByText('备份完成：jiuzhu-').waitFor();
      const [file] = fs.readdirSync(dir);
      await page.locator('[data-test=backup-files]').getByText(file).waitFor();
      await screenshot(page, 'backups-admin');
      await page.context().close();
    } finally {
      delete process.env.BACKUP_DIR;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets the administrator create an account, see it locked out, unlock and disable it', async () => {
    const page = await h.signIn('admin');
    await page.getByRole('menuitem', { name: '账号管理' }).click();
    const table = page.locator('[data-test=accounts]');
    await table.getByText('hexi_staff').waitFor();
    await page.locator('[data-test=create]').click();
    const form = page.locator('[data-test=account-form]');
    await form.locator('input[data-test=username]').fill('liu.village');
    await form.locator('input[data-test=display-name]').fill('刘协理');
    await form.locator('[data-test=role]').click();
    await page.getByRole('option', { name: '村（社区）协理员' }).click();
    await form.locator('[data-test=region]').click();
    await page.getByRole('option', { name: '河西镇 / 柳树村' }).click();
    await form.locator('input[data-test=password]').fill('short');
    await page.locator('[data-test=save]').click();
    await form.getByText('密码长度应为8–72个字符').waitFor(); // the field's own message, under it
    await screenshot(page, 'accounts-create-error');
    await form.locator('input[data-test=password]').fill('Liushu-2026');
    await page.locator('[data-test=save]').click();
    await table.getByText('liu.village').waitFor();
    for (let i = 0; i < 5; i++)
      await h.t.http
        .post('/api/auth/login')
        .send({ username: 'liu.village', password: `wrong-${i}x` })
        .expect(401);
    // Five wrong passwords in a row lock the account, the right password included.
    await h.t.http
      .post('/api/auth/login')
      .send({ username: 'liu.village', password: 'Liushu-2026' })
      .expect(429);
    await page.reload();
    await table.locator('[data-test=locked]').getByText('已锁定至').waitFor();
    await screenshot(page, 'accounts-locked');
    await page.locator('[data-test="unlock-liu.village"]').click();
    await table.locator('[data-test=locked]').waitFor({ state: 'detached' });
    await h.t.http
      .post('/api/auth/login')
      .send({ username: 'liu.village', password: 'Liushu-2026' })
      .expect(200);
    await page.locator('[data-test="toggle-liu.village"]').click();
    await page.locator('.el-message-box').getByRole('button', { name: '停用', exact: true }).click();
    await table.getByText('已停用').waitFor();
    const [row] = await h.t.query(
      `SELECT region_code, disabled_at IS NOT NULL AS disabled FROM app_user WHERE username = 'liu.village'`,
    );
    expect(row).toEqual({ region_code: '410799101202', disabled: true });
    // Left unused for half an hour, the session ends; the sign-in page says why.
    h.t.clock.advance(31 * 60_000);
    await page.getByRole('menuitem', { name: '节假日日历' }).click();
    await page.waitForURL(/\/login\?next=.*reason=idle/);
    await page.locator('[data-test=idle-notice]').getByText('长时间未操作，已自动退出').waitFor();
    await screenshot(page, 'login-after-idle');
    await page.context().close();
  });
});
