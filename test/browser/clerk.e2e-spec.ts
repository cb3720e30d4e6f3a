import { Locator, Page } from 'playwright-core';
import { tinyPdf } from '../../apps/api/src/demo/tiny-pdf';
import { BrowserHarness, screenshot } from '../support/browser';
import { APPLICATION, WORKED_EXAMPLE, openTasks } from '../support/case-driver';

/**
 * The clerk workbench in Chromium: inbox with filters and keyboard, the case page with its
 * diagram, a generated step form with inline errors, the document preview, and the next clerks
 * picking the case up from their inboxes.
 */
describe('clerk workbench (Chromium)', () => {
  let h: BrowserHarness;
  let caseId: string;

  beforeAll(async () => {
    h = await BrowserHarness.start();
    const clerk = await h.t.as('clerk');
    const res = await clerk.post('/api/cases', APPLICATION).expect(201);
    caseId = res.body.id;
    await clerk
      .post('/api/cases', {
        ...APPLICATION,
        regionCode: '410799100202',
        applicant: { ...APPLICATION.applicant, name: '赵春梅', idNumber: '410799197208150023' },
        members: [{ name: '赵春梅', idNumber: '410799197208150023', relation: '本人' }],
      })
      .expect(201);
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => {
    // The case diagram, the PDF preview frame and the attachment thumbnails run under the CSP.
    expect(h.cspViolations).toEqual([]);
  });

  /** Rows of the inbox once it has loaded. */
  async function inboxRows(page: Page) {
    await page.locator('[data-test=inbox-table] .el-loading-mask').waitFor({ state: 'hidden' });
    return page.locator('[data-test=inbox-table] .el-table__body tr');
  }

  function fieldError(page: Page, field: string) {
    return page.locator(`[data-field=${field}] .el-form-item__error`);
  }

  /** The input of a generated form field (Element Plus puts our attributes on varying elements). */
  function control(page: Page, field: string) {
    return page.locator(`[data-field=${field}]`).locator('input, textarea').first();
  }

  /** Waits until exactly n elements match. */
  async function count(locator: Locator, n: number) {
    if (n > 0) await locator.nth(n - 1).waitFor();
    await locator.nth(n).waitFor({ state: 'detached' });
  }

  it('takes the 受理审查 from the inbox through an inline error and a preview to submission', async () => {
    const page = await h.signIn('clerk');
    expect(new URL(page.url()).pathname).toBe('/inbox');
    const rows = await inboxRows(page);
    await count(rows, 2);
    await page.locator('[data-test=inbox-table] [data-urgency=green]').first().waitFor();
    await screenshot(page, 'clerk-inbox');

    // `/` focuses the search box; filtering by the applicant leaves one row.
    await page.keyboard.press('/');
    await page.keyboard.type('王建国');
    await count(rows, 1);
    await page.locator('input[data-test=filter-text]').blur();
    await screenshot(page, 'clerk-inbox-filtered');

    // The township filter asks the server.
    await page.click('[data-test=filter-township]');
    await page.locator('.el-select-dropdown__item', { hasText: '城关镇' }).click();
    await count(await inboxRows(page), 1);

    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tasks\//);
    await page.locator('[data-test=step-form]').getByText('办理：受理审查').waitFor();
    // The page opens on the step form, with the household beside it; the diagram waits for its tab.
    expect(await page.locator('[data-test=bpmn-diagram]').count()).toBe(0);
    await page.locator('[data-test=members]').waitFor();
    await page.getByRole('tab', { name: '流程图' }).click();
    await page
      .locator('[data-test=bpmn-diagram] .djs-element.sa-path-active[data-element-id=Task_AcceptanceReview]')
      .waitFor();
    await page
      .locator('[data-test=bpmn-diagram] .djs-element.sa-path-done[data-element-id=Task_IssueAuthorization]')
      .waitFor();
    await screenshot(page, 'clerk-task-diagram');
    // 全图: every shape of the model inside the frame (it opens on the current step, too small otherwise).
    await page.click('[data-test=diagram-fit]');
    const outside = await page.evaluate(() => {
      const frame = document.querySelector('[data-test=bpmn-diagram]')!.getBoundingClientRect();
      return Array.from(document.querySelectorAll('[data-test=bpmn-diagram] .djs-shape'))
        .map((el) => ({ id: el.getAttribute('data-element-id'), box: el.getBoundingClientRect() }))
        .filter(
          ({ box }) =>
            box.left < frame.left - 1 ||
            box.right > frame.right + 1 ||
            box.top < frame.top - 1 ||
            box.bottom > frame.bottom + 1,
        )
        .map(({ id }) => id);
    });
    expect(outside).toEqual([]);

    // Submitting without the required decision: the error appears next to the field, nothing is sent.
    await page.click('[data-test=submit]');
    await fieldError(page, 'decision').getByText('“受理决定”为必填项').waitFor();
    await screenshot(page, 'clerk-form-error');

    // Reasons only when refusing, the materials list only for 补正 (conditions declared in the model).
    expect(await page.locator('[data-field=reasons]').count()).toBe(0);
    await page.click('[data-test=option-decision-refuse]');
    await page.locator('[data-field=reasons]').waitFor();
    expect(await page.locator('[data-field=missingMaterials]').count()).toBe(0);
    await page.click('[data-test=option-decision-accept]');
    await fieldError(page, 'decision').waitFor({ state: 'detached' });
    await page.locator('[data-field=reasons]').waitFor({ state: 'detached' });
    await page.click('[data-test=preview]');
    await page.locator('[data-test=preview-frame]').waitFor();
    await page.locator('.el-dialog').getByText('预览 非正式文书').waitFor();
    await screenshot(page, 'clerk-preview');
    await page.keyboard.press('Escape');
    await page.locator('[data-test=preview-frame]').waitFor({ state: 'detached' });
    const [{ n }] = await h.t.query(
      `SELECT count(*)::int AS n FROM document WHERE template_id = 'acceptance-notice'`,
    );
    expect(n).toBe(0);

    // Ctrl+Enter submits even with the focus on a tab; the next step is the investigator's, so the case page stays.
    await page.getByRole('tab', { name: '申请人与家庭' }).focus();
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(new RegExp(`/cases/${caseId}$`));
    // Nothing more here for the clerk: the next task of the inbox is offered; the clerk stays.
    const offer = page.getByRole('dialog', { name: '继续办理' });
    await expect(offer.textContent()).resolves.toContain('下一个待办');
    await offer.getByRole('button', { name: '留在本案' }).click();
    await offer.waitFor({ state: 'hidden' });
    // The documents open inline, in a PDF viewer.
    await page.getByRole('tab', { name: /文书/ }).click();
    await page.locator('[data-test=documents] [data-test^=view-]').first().click();
    await page.locator('[data-test=pdf-viewer]').waitFor();
    await screenshot(page, 'clerk-document-viewer');
    await page.keyboard.press('Escape');
    await page.locator('[data-test=pdf-viewer]').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '办理经过' }).click();
    await page.locator('[data-test=timeline]').getByText('出具《受理通知书》').waitFor();
    await page.locator('[data-test=timeline]').getByText('待办“家庭经济状况信息核对”').waitFor();
    await screenshot(page, 'clerk-after-acceptance');
    await page.context().close();
  });

  it('records the other adults’ paper signatures of the 授权书 at the window, and 信息核对 may then go ahead', async () => {
    const [check] = (await openTasks(h.t, caseId)).filter(
      (x: { name: string }) => x.name === '家庭经济状况信息核对',
    );
    const investigator = await h.t.as('investigator');
    // 信息核对 waits for every adult's signature (sa:requires="authorization").
    const waiting = await investigator.post(`/api/tasks/${check.id}/complete`, { data: {} });
    expect(waiting.status).toBe(409);
    expect(waiting.body.code).toBe('PREREQUISITE_UNMET');
    const page = await h.signIn('clerk');
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    await page.getByRole('tab', { name: '核对授权书' }).click();
    const sheet = page.locator('[data-test=authorization-sheet]');
    await sheet.locator('[data-test=authorization-missing]').waitFor();
    const missing = (await sheet.locator('[data-test=authorization-missing]').innerText()).replace(
      /\s+/g,
      '',
    );
    expect(missing).toContain('刘秀英');
    // The child does not sign in person.
    await sheet.locator('[data-test="authorization-state-王小明"]').getByText('由监护人代为签署').waitFor();
    expect(await sheet.locator('[data-test="record-signature-王小明"]').count()).toBe(0);
    const buttons = sheet.locator('[data-test^=record-signature-]');
    await buttons.first().waitFor();
    const dialog = page.locator('[data-test=window-signature-dialog]');
    let first = true;
    while ((await buttons.count()) > 0) {
      const name = ((await buttons.first().getAttribute('data-test')) ?? '').replace('record-signature-', '');
      await buttons.first().click();
      await dialog.getByText(`登记${name}的窗口签署`).waitFor();
      if (first) {
        // Without the ID card checked and the signed sheet's scan, nothing is recorded.
        await dialog.locator('[data-test=window-signature-save]').click();
        await dialog.locator('.el-form-item__error', { hasText: `请先核对${name}本人的身份证件` }).waitFor();
        await dialog.locator('.el-form-item__error', { hasText: '请选择或上传签字的授权书扫描件' }).waitFor();
        await dialog.locator('input[data-test=authorization-scan-file]').setInputFiles({
          name: '核对授权书（签字）.pdf',
          mimeType: 'application/pdf',
          buffer: tinyPdf('signed authorization'),
        });
        await dialog.locator('.el-select__placeholder', { hasText: '核对授权书（签字）.pdf' }).waitFor();
        await screenshot(page, 'clerk-window-signature');
        first = false;
      }
      await dialog.locator('[data-test=identity-checked]').click();
      await dialog.locator('[data-test=window-signature-save]').click();
      await dialog.waitFor({ state: 'hidden' });
      await sheet.locator(`[data-test="authorization-state-${name}"]`).getByText('窗口纸质签署').waitFor();
    }
    await sheet.locator('[data-test=authorization-complete]').waitFor();
    await screenshot(page, 'clerk-authorization-signed');
    const rows = await h.t.query<{ signer_name: string; method: string }>(
      `SELECT signer_name, method FROM authorization_signature WHERE case_id = $1 AND method = 'window'`,
      [caseId],
    );
    expect(rows.map((r) => r.signer_name)).toContain('刘秀英');
    const { prerequisites } = (await investigator.get(`/api/tasks/${check.id}`).expect(200)).body;
    expect(prerequisites.filter((p: { met: boolean }) => !p.met)).toEqual([]);
    await page.context().close();
  });

  it('lets the investigator continue from their inbox', async () => {
    const page = await h.signIn('investigator');
    const rows = await inboxRows(page);
    await count(rows, 1);
    await rows.first().getByText('家庭经济状况信息核对').click();
    await page.waitForURL(/\/tasks\//);
    await page.locator('[data-test=step-form]').getByText('办理：家庭经济状况信息核对').waitFor();
    await control(page, 'checkReportNo').fill('HD-2026-0457');
    await control(page, 'checkFindings').fill('核对中心反馈：无机动车辆、无商品房。');
    await page.click('[data-test=option-cooperation-cooperative]');
    await page.click('[data-test=submit]');

    // The home visit is the investigator's too: it opens at once.
    await page.locator('[data-test=step-form]').getByText('办理：入户调查').waitFor();
    await page.getByRole('tab', { name: '流程图' }).click();
    await page
      .locator('[data-test=bpmn-diagram] .djs-element.sa-path-active[data-element-id=Task_HomeVisit]')
      .waitFor();
    // The investigator checks the ID numbers against the cards: the full number, on request.
    await page.getByRole('tab', { name: '申请人与家庭' }).click();
    await page.click('[data-test=show-identity]');
    await page.locator('[data-test=applicant-id]').getByText(APPLICATION.applicant.idNumber).waitFor();
    // The investigators are picked from the staff holding the duty where the case is, not typed.
    await page.locator('[data-field=investigators] .el-select__wrapper').click();
    for (const name of ['赵调查', '冯协理']) {
      await page.locator('.el-select-dropdown__item:visible', { hasText: name }).click();
      await page.locator('[data-field=investigators] .el-tag', { hasText: name }).waitFor();
    }
    expect(await page.locator('.el-select-dropdown__item:visible', { hasText: '褚兼办' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await control(page, 'visitDate').fill(h.t.clock.today());
    await page.keyboard.press('Enter');
    await control(page, 'findings').fill('家中房屋为砖木结构，无机动车，生活困难属实。');
    await page.click('[data-test=option-cooperation-cooperative]');
    await page.click('[data-test=preview]');
    await page.locator('[data-test=preview-frame]').waitFor();
    await screenshot(page, 'clerk-investigator-preview');
    await page.keyboard.press('Escape');
    await page.click('[data-test=submit]');
    await page.locator('[data-test=step-form]').getByText('办理：邻里访问').waitFor();
    await screenshot(page, 'clerk-investigator-next');

    // The verified household economics (recorded through the API here), then the neighbour visit:
    // the model assesses the household and hands the case to the township reviewer.
    await (
      await h.t.as('investigator')
    )
      .put(`/api/cases/${caseId}/economics`, { household: WORKED_EXAMPLE })
      .expect(200);
    await control(page, 'neighbourVisit').fill('走访邻居张某、李某，反映情况属实。');
    // The visit is dated and made by two staff, picked like the 入户调查's.
    await page.locator('[data-field=neighbourVisitors] .el-select__wrapper').click();
    for (const name of ['赵调查', '冯协理']) {
      await page.locator('.el-select-dropdown__item:visible', { hasText: name }).click();
      await page.locator('[data-field=neighbourVisitors] .el-tag', { hasText: name }).waitFor();
    }
    await page.keyboard.press('Escape');
    await control(page, 'neighbourVisitDate').fill(h.t.clock.today());
    await page.keyboard.press('Enter');
    await page.click('[data-test=submit]');
    await page.waitForURL(new RegExp(`/cases/${caseId}$`));
    await page.getByRole('tab', { name: '经济状况测算' }).click();
    await page.locator('[data-test=assessment]').getByText('符合低保条件').waitFor();
    // The economics recorded meanwhile (through the API) show in the editor, not a stale empty form.
    await page.locator('[data-test=economics-editor] .el-tag', { hasText: '已录入' }).waitFor();
    await page.locator('[data-test=assessment-lines] .el-table__body tr').first().waitFor();
    await screenshot(page, 'clerk-assessment');
    await page.context().close();
  });

  it('shows the township reviewer the hardship index and takes the first-instance opinion', async () => {
    const page = await h.signIn('reviewer');
    const rows = await inboxRows(page);
    await count(rows, 1);
    await rows.first().locator('.money').waitFor(); // the hardship index, once assessed
    await screenshot(page, 'clerk-reviewer-inbox');
    await rows.first().getByText('乡镇初审').click();
    await page.locator('[data-test=step-form]').getByText('办理：乡镇初审').waitFor();
    await page.click('[data-test=option-opinion-eligible]');
    await control(page, 'proposedAmount').fill('56.2.1');
    await control(page, 'reasons').fill('家庭人均收入低于当地最低生活保障标准。');
    await page.click('[data-test=submit]');
    await fieldError(page, 'proposedAmount').getByText('“拟保障金额（元/月）”不是有效的金额').waitFor();
    await control(page, 'proposedAmount').fill('627');
    await control(page, 'coveredPersons').fill('3');
    await page.click('[data-test=preview]');
    await page.locator('[data-test=preview-frame]').waitFor();
    await screenshot(page, 'clerk-reviewer-preview');
    await page.keyboard.press('Escape');
    await page.click('[data-test=submit]');
    await page.waitForURL(new RegExp(`/cases/${caseId}$`));
    await page
      .locator('[data-test=bpmn-diagram] .djs-element.sa-path-done[data-element-id=Task_TownshipReview]')
      .waitFor();
    await screenshot(page, 'clerk-reviewer-done');
    await page.context().close();
  });

  it('tells the clerk when someone else completed the task first, and reloads', async () => {
    const page = await h.signIn('clerk');
    const rows = await inboxRows(page);
    await count(rows, 1);
    await rows.first().getByText('受理审查').click();
    await page.locator('[data-test=step-form]').getByText('办理：受理审查').waitFor();
    const taskId = new URL(page.url()).pathname.split('/').pop();
    await (
      await h.t.as('clerk')
    )
      .post(`/api/tasks/${taskId}/complete`, { data: { decision: 'accept' } })
      .expect(200);

    await page.click('[data-test=option-decision-accept]');
    await page.click('[data-test=submit]');
    await page.locator('[data-test=conflict]').getByText('案件已被他人更新，请刷新').waitFor();
    await screenshot(page, 'clerk-conflict');
    await page.click('[data-test=reload]');
    await page.locator('[data-test=step-form]').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '办理经过' }).click();
    await page.locator('[data-test=timeline]').getByText('办理“受理审查”').waitFor();
    await page.context().close();
  });
});
