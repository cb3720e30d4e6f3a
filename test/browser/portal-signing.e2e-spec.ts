import type { Page } from 'playwright-core';
import { BrowserHarness, screenshot } from '../support/browser';
import { APPLICATION } from '../support/case-driver';

/**
 * Issue 18 on a 390×844 phone: the household's adults sign the 核对授权书 one after another on the
 * applicant's phone, the signature column stays on screen, the materials checklist shows before and
 * during the application, and every control of the main portal pages is a ≥ 44 px tap target.
 */
describe('the household signs on one phone; portal tap targets (Chromium, 390×844)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await BrowserHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Controls of the page content shorter than 44 px: buttons, links and inputs by their tap area. */
  const smallTargets = (page: Page) =>
    page.$$eval('.portal-page button, .portal-page a, .portal-page input, .portal-page textarea', (els) =>
      els
        .map((e) => {
          // A form control is tapped on its visible box (Element Plus wraps the native input).
          const target =
            (e.closest(
              '.el-input__wrapper, .el-select__wrapper, .el-textarea, .el-checkbox, .el-radio, .file-button',
            ) as HTMLElement | null) ?? (e as HTMLElement);
          return {
            e: target,
            label: (target.textContent || (e as HTMLInputElement).placeholder || e.tagName).trim(),
          };
        })
        .filter(({ e }) => e.offsetParent !== null && e.getBoundingClientRect().width > 0)
        .filter(({ e }) => e.getBoundingClientRect().height < 44)
        .map(({ e, label }) => `${label.slice(0, 20)} (${Math.round(e.getBoundingClientRect().height)} px)`),
    );

  it('lets the spouse sign on the applicant phone, with the signature column inside the screen', async () => {
    const api = await h.t.as('applicant');
    const { program, regionCode, applicant: person, members } = APPLICATION;
    const text = await api
      .post('/api/portal/authorization-text', { program, regionCode, applicant: person, members })
      .expect(200);
    const { id: caseId } = (
      await api
        .post('/api/cases', {
          ...APPLICATION,
          authorization: { signerName: person.name, accepted: true, textHash: text.body.textHash },
        })
        .expect(201)
    ).body;

    const page = await h.signIn('applicant', 'phone');
    expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
    expect(await smallTargets(page)).toEqual([]);

    await page.goto(`${h.baseUrl}/portal/cases/${caseId}`);
    const signing = page.locator('[data-test=member-signing]');
    await signing.locator('[data-test=signing-missing]').getByText(members[1].name).waitFor();
    // The materials checklist of the region's parameters in force, on the case.
    await page.locator('[data-test=materials]').getByText('家庭经济状况核对授权书').waitFor();
    expect(await smallTargets(page)).toEqual([]);

    const cells = signing.locator('[data-test=signature-cell]');
    expect(await cells.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      await cells.nth(i).scrollIntoViewIfNeeded();
      const box = (await cells.nth(i).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    const button = signing.locator('[data-test=sign-member-1]');
    const buttonBox = (await button.boundingBox())!;
    expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(390);
    expect(buttonBox.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'portal-phone-signing');

    await button.click();
    const dialog = page.locator('.el-dialog').filter({ hasText: `${members[1].name}签署核对授权书` });
    await dialog.locator('[data-test=member-signer]').fill(members[0].name);
    await dialog.locator('[data-test=member-accept]').click();
    await dialog.locator('[data-test=member-submit]').click();
    await dialog.getByText(`签名应与家庭成员姓名“${members[1].name}”一致`).waitFor();
    await dialog.locator('[data-test=member-signer]').fill(members[1].name);
    await dialog.locator('[data-test=member-submit]').click();
    await signing.locator('[data-test=signing-complete]').waitFor();
    await cells.nth(1).getByText('已签署').waitFor();
    const signedBox = (await cells.nth(1).boundingBox())!;
    expect(signedBox.x + signedBox.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'portal-phone-signed');

    // Before applying: the checklist of what to bring, and the apply form's controls are tappable.
    await page.goto(`${h.baseUrl}/portal/apply`);
    await page.locator('[data-test=materials-checklist]').getByText('最低生活保障申请书').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'portal-phone-apply-materials');
    await page.goto(`${h.baseUrl}/portal/messages`);
    await page.locator('.page-title').getByText('消息').waitFor();
    expect(await smallTargets(page)).toEqual([]);
  });
});
