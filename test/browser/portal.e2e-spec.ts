import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { BrowserHarness, chooseOption, screenshot } from '../support/browser';
import { APPLICATION, CONFIRM_PATH, drive } from '../support/case-driver';

/**
 * An applicant on a phone applies online, follows the case to its decision, downloads the
 * 确认通知书, and anyone can verify it by the code printed on it, without signing in.
 */
describe('applicant portal and public verification (Chromium, phone)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await BrowserHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const pick = (page: Page, select: string, option: string) =>
    chooseOption(page, page.locator(`.el-select[data-test=${select}]`), option);
  /** Waits until an input shows `value` (the portal fills it in once the account's identity is read). */
  const waitForValue = (page: Page, test: string, value: string) =>
    page.waitForFunction(
      ([t, v]) => (document.querySelector(`input[data-test=${t}]`) as HTMLInputElement | null)?.value === v,
      [test, value] as const,
    );
  const fieldError = (page: Page, within: string) => page.locator(`${within} .el-form-item__error`);

  it('fits a desktop screen: list, case page and the stepper at 1366×768', async () => {
    const empty = await h.signIn('applicant');
    await empty.getByText('您还没有提交过申请').waitFor();
    await screenshot(empty, 'portal-empty');
    // Before its first application the account has a name and no ID yet: the name is locked.
    await empty.goto(`${h.baseUrl}/portal/apply`);
    await waitForValue(empty, 'applicant-name', '王建国');
    expect(await empty.locator('[data-test=applicant-name]').isDisabled()).toBe(true);
    expect(await empty.locator('[data-test=applicant-id]').isDisabled()).toBe(false);
    await empty.click('[data-test=next]');
    await empty.getByText('请填写身份证号码').waitFor();
    await screenshot(empty, 'portal-desktop-apply');
    // A mistyped check digit is reported next to the field as soon as 18 characters are in.
    await empty.fill('[data-test=applicant-id]', '410799198103050013');
    await fieldError(empty, '[data-test=step-applicant] .el-form-item:has([data-test=applicant-id])')
      .getByText('校验码错误')
      .waitFor();
    await screenshot(empty, 'portal-apply-id-error');
    await empty.context().close();
    const applicant = await h.t.as('applicant');
    const { program, regionCode, applicant: person, members } = APPLICATION;
    const text = await applicant
      .post('/api/portal/authorization-text', { program, regionCode, applicant: person, members })
      .expect(200);
    const created = await applicant
      .post('/api/cases', {
        ...APPLICATION,
        authorization: { signerName: person.name, accepted: true, textHash: text.body.textHash },
      })
      .expect(201);

    const page = await h.signIn('applicant');
    await page.locator(`[data-test=case-${created.body.caseNo}]`).waitFor();
    await screenshot(page, 'portal-desktop-list');
    await page.click(`[data-test=case-${created.body.caseNo}]`);
    await page.locator('[data-test=progress]').getByText('受理申请').waitFor();
    await page
      .locator('[data-test=plain-status]')
      .getByText(/当前环节“受理申请”/)
      .waitFor();
    await screenshot(page, 'portal-desktop-case');
    // Once it has applied, the account applies as the same person: name and ID filled in and locked.
    await page.goto(`${h.baseUrl}/portal/apply`);
    await waitForValue(page, 'applicant-id', person.idNumber);
    expect(await page.locator('[data-test=applicant-id]').isDisabled()).toBe(true);
    expect(await page.locator('[data-test=applicant-name]').isDisabled()).toBe(true);
    // One open application per account: this one is refused at acceptance before the phone test applies.
    await drive(h.t, created.body.id, {
      ...CONFIRM_PATH,
      decision: ['refuse'],
      reasons: '申请人户籍不在本乡镇',
    });
  });

  it('applies online, follows the case to its decision, and verifies the notice', async () => {
    const page = await h.signIn('applicant', 'phone');
    await page.click('[data-test=apply]');
    await page.waitForURL(/\/portal\/apply$/);

    // 1 申请人: the account's own name and ID, locked; the applicant adds the address.
    await waitForValue(page, 'applicant-id', '410799198103050012');
    expect(await page.locator('[data-test=applicant-name]').inputValue()).toBe('王建国');
    await page.fill('[data-test=applicant-address]', '平安县城关镇东关村3组12号');
    await page.fill('[data-test=applicant-phone]', '13800000000');
    await screenshot(page, 'portal-apply-applicant');
    await page.click('[data-test=next]');

    // 2 家庭成员: the applicant is member 1; add the spouse.
    await page.locator('[data-test=step-members]').waitFor();
    await page.click('[data-test=member-add]');
    await page.fill('[data-test=member-name-1]', '刘秀英');
    await page.fill('[data-test=member-id-1]', '41079919830611002X');
    await pick(page, 'member-relation-1', '配偶');
    await screenshot(page, 'portal-apply-members');
    await page.click('[data-test=next]');

    // 3 村（社区）: an applicant registered in a village finds it already chosen.
    await page.locator('[data-test=step-region]').waitFor();
    await page.locator('[data-test=step-region] .el-select', { hasText: '东关村' }).waitFor();
    await page.click('[data-test=near-relative-no]');
    await screenshot(page, 'portal-apply-region');
    await page.click('[data-test=next]');

    // 4 核对授权: read the text printed for this household, agree, sign with the applicant's name.
    const authText = page.locator('[data-test=authorization-text]');
    await authText.getByText('刘秀英').waitFor();
    await authText.getByText(/自愿授权平安县民政局/).waitFor();
    await page.click('[data-test=authorization-accept]');
    await page.fill('[data-test=authorization-signer]', '王建');
    await page.click('[data-test=next]');
    await page.getByText('签名应与申请人姓名“王建国”一致').waitFor();
    await page.fill('[data-test=authorization-signer]', '王建国');
    await screenshot(page, 'portal-apply-authorization');
    await page.click('[data-test=next]');

    // 5 确认提交
    await page.locator('[data-test=step-confirm]').getByText('410799********002X').waitFor();
    await screenshot(page, 'portal-apply-confirm');
    await page.click('[data-test=submit]');
    await page.waitForURL(/\/portal$/);
    // The desktop check's application is listed too, refused; this one is in progress.
    const card = page.locator('.case', { hasText: '办理中' });
    await card.getByText('受理申请').waitFor();
    await card.getByText('办理中').waitFor();
    await screenshot(page, 'portal-list');

    const mine = (await (await h.t.as('applicant')).get('/api/portal/cases').expect(200)).body.find(
      (c: { status: string }) => c.status === 'in_progress',
    );
    const [signature] = await h.t.query(
      `SELECT signer_name FROM authorization_signature WHERE case_id = $1`,
      [mine.id],
    );
    expect(signature).toEqual({ signer_name: '王建国' });

    // The county decides; 公示 takes 7 days, after which the applicant signs in again.
    await drive(h.t, mine.id, CONFIRM_PATH);
    expect(await h.t.advanceDays(8)).toBeGreaterThanOrEqual(1);
    await drive(h.t, mine.id, CONFIRM_PATH);
    await page.context().close();

    const phone = await h.signIn('applicant', 'phone');
    const decided = phone.locator('.case', { hasText: '已审核确认' });
    await decided.locator('.el-tag', { hasText: '已审核确认' }).waitFor();
    await decided.getByText('每月 562.00 元').waitFor();
    await decided.click();
    await phone.waitForURL(new RegExp(`/portal/cases/${mine.id}$`));
    await phone.locator('[data-test=plain-status]').getByText('已办结').waitFor();
    // Citizens see the model's public names (sa:publicName), not the internal step names.
    await phone.locator('[data-test=progress]').getByText('县民政局审核确认').first().waitFor();
    await phone
      .locator('[data-test=authorization]')
      .getByText(/在线签署，签名：王建国/)
      .waitFor();
    await screenshot(phone, 'portal-case');

    const [download] = await Promise.all([
      phone.waitForEvent('download'),
      phone.click('[data-test=download-confirmation-notice]'),
    ]);
    const pdfPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'portal-dl-')), 'notice.pdf');
    await download.saveAs(pdfPath);
    expect(download.suggestedFilename()).toContain('最低生活保障确认通知书');
    const pdf = fs.readFileSync(pdfPath);
    const [doc] = await h.t.query<{ verify_code: string; pdf_sha256: string }>(
      `SELECT verify_code, pdf_sha256 FROM document WHERE case_id = $1 AND template_id = 'confirmation-notice'`,
      [mine.id],
    );
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(doc.pdf_sha256);

    // Anyone, without signing in, from the link in the QR code.
    const visitor = await (await h.context('phone')).newPage();
    await visitor.goto(`${h.baseUrl}/verify/${doc.verify_code}`);
    await visitor.locator('[data-test=verify-verdict]').getByText('真实有效').waitFor();
    await visitor.locator('[data-test=verify-result]').getByText('平民低确〔2026〕1号').waitFor();
    await visitor.locator('[data-test=verify-hash]').getByText(doc.pdf_sha256).waitFor();
    await screenshot(visitor, 'verify-genuine');

    await visitor.setInputFiles('[data-test=verify-result] input[type=file]', pdfPath);
    await visitor.locator('[data-test=verify-file-verdict]').getByText('一致：与归档件完全一致').waitFor();
    await screenshot(visitor, 'verify-file-matches');

    const altered = Buffer.from(pdf);
    altered[altered.length - 100] ^= 0x20;
    await visitor.setInputFiles('[data-test=verify-result] input[type=file]', {
      name: 'notice-edited.pdf',
      mimeType: 'application/pdf',
      buffer: altered,
    });
    await visitor.locator('[data-test=verify-file-verdict]').getByText('不一致：文件已被修改').waitFor();
    await screenshot(visitor, 'verify-file-altered');
  });

  it('looks a code up from the verification page and says when it is unknown (desktop)', async () => {
    const page = await (await h.context()).newPage();
    await page.goto(`${h.baseUrl}/verify`);
    await page.fill('[data-test=verify-code]', '12ab');
    await page.click('[data-test=verify-submit]');
    await page.getByText('验证码应为16位数字或字母A–F').waitFor();
    await page.fill('[data-test=verify-code]', '00000000000000AA');
    await page.click('[data-test=verify-submit]');
    await page.locator('[data-test=verify-not-found]').getByText('未找到').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/verify/00000000000000AA');
    await screenshot(page, 'verify-not-found');
  });
});
