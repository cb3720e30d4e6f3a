import { Page } from 'playwright-core';
import { BrowserHarness, screenshot } from '../support/browser';
import { pdfText } from '../support/test-app';
import { APPLICATION, CONFIRM_PATH, apply, drive, openTasks, workedExampleOf } from '../support/case-driver';

/**
 * Issue 16 in the browser: an assessment made stale after the economics changed is flagged in the
 * step form; saving the economics re-runs it and the flag goes; the 初审 form starts from the
 * assessment and the county decision form from the township's proposal.
 */
describe('one current assessment, carried through the steps (Chromium)', () => {
  let h: BrowserHarness;
  let caseId: string;

  beforeAll(async () => {
    h = await BrowserHarness.start();
    caseId = await apply(h.t);
    await drive(h.t, caseId, CONFIRM_PATH, /入户调查/);
    const economics = await workedExampleOf(h.t, caseId);
    await (
      await h.t.as('investigator')
    )
      .put(`/api/cases/${caseId}/economics`, { household: economics })
      .expect(200);
    await drive(h.t, caseId, CONFIRM_PATH, /乡镇初审/);
    // Figures the case does not have are filed as its assessment: the steps may not rely on them.
    await (
      await h.t.as('investigator')
    )
      .post('/api/assessments', {
        regionCode: APPLICATION.regionCode,
        caseId,
        household: { ...economics, rigidExpenditures: [] },
      })
      .expect(201);
  });
  afterAll(async () => {
    await h?.stop();
  });

  function control(page: Page, field: string) {
    return page.locator(`[data-field=${field}]`).locator('input, textarea').first();
  }

  async function taskOf(name: RegExp): Promise<string> {
    const task = (await openTasks(h.t, caseId)).find((x: { name: string }) => name.test(x.name));
    if (!task) throw new Error(`no open task ${name}`);
    return task.id;
  }

  it('flags the stale assessment, re-runs it when the economics are saved, and starts the 初审 from it', async () => {
    const page = await h.signIn('reviewer');
    await page.goto(`${h.baseUrl}/tasks/${await taskOf(/乡镇初审/)}`);
    const form = page.locator('[data-test=step-form]');
    await form.getByText('办理：乡镇初审').waitFor();
    await form.locator('[data-test=assessment-stale]').waitFor();
    await screenshot(page, 'case-facts-stale');

    // The reviewer corrects the household's deposits and saves: the assessment re-runs.
    await page.getByRole('tab', { name: '经济状况测算' }).click();
    await page.locator('[data-test=case-assessment-stale]').waitFor();
    const editor = page.locator('[data-test=economics-editor]');
    await editor.getByText('已录入').waitFor();
    const assets = editor.locator('[data-test=economics-assets]');
    await assets.locator('.el-collapse-item__header').click();
    // Until the opening transition ends the section's content moves: wait it out.
    const wrap = await assets.locator('.el-collapse-item__wrap:visible').elementHandle();
    await page.waitForFunction((el) => (el as HTMLElement).style.maxHeight === '', wrap);
    await editor
      .locator('input[data-test=assets-deposits], [data-test=assets-deposits] input')
      .first()
      .fill('1000');
    await editor.locator('[data-test=economics-dirty]').waitFor();
    await page.click('[data-test=economics-save]');
    await page.locator('.el-message--success').getByText('家庭经济状况已保存').waitFor();
    await form.locator('[data-test=assessment-stale]').waitFor({ state: 'detached' });
    await page.locator('[data-test=case-assessment-stale]').waitFor({ state: 'detached' });
    await form.locator('[data-test=assessment-basis]').getByText('627.00').waitFor();
    await page.locator('[data-test=case-assessment-current]').getByText('已被取代').waitFor();
    await screenshot(page, 'case-facts-current');

    // The 初审 form starts from the assessment.
    expect(await control(page, 'proposedAmount').inputValue()).toBe('627.00');
    expect(await control(page, 'coveredPersons').inputValue()).toBe('3');
    expect(await control(page, 'reasons').inputValue()).toContain('家庭月人均收入462.67元');
    expect(await page.locator('[data-test=option-opinion-eligible] input').isChecked()).toBe(true);
    await control(page, 'reasons').fill(
      '经入户调查核实，家庭成员一人患慢性病，家庭月人均收入462.67元，低于标准。',
    );
    await form.locator('[data-test=submit]').click();
    await page.locator('.el-message--success').getByText('“乡镇初审”已提交').waitFor();
    await page.context().close();
  });

  it('starts the county decision from the township proposal', async () => {
    await h.t.advanceDays(8);
    await drive(h.t, caseId, CONFIRM_PATH, /县级审核确认/);
    const page = await h.signIn('approver');
    await page.goto(`${h.baseUrl}/tasks/${await taskOf(/县级审核确认/)}`);
    const form = page.locator('[data-test=step-form]');
    await form.getByText('办理：县级审核确认').waitFor();
    await form.locator('[data-test=assessment-basis]').waitFor();
    expect(await control(page, 'amount').inputValue()).toBe('627.00');
    expect(await control(page, 'coveredPersons').inputValue()).toBe('3');
    expect(await control(page, 'facts').inputValue()).toContain('家庭月人均收入462.67元');
    expect(await control(page, 'reasons').inputValue()).toContain('家庭成员一人患慢性病');
    expect(await control(page, 'legalBasis').inputValue()).toContain('最低生活保障审核确认办法');
    expect(await page.locator('[data-test=option-decision-confirm] input').isChecked()).toBe(true);
    await screenshot(page, 'case-facts-county-prefilled');
    await form.locator('[data-test=submit]').click();
    await page.locator('.el-message--success').getByText('“县级审核确认”已提交').waitFor();
    await page.context().close();
  });

  it('issues papers that agree with themselves: 初审意见, 公示 and 确认通知书 state one verdict, amount and persons', async () => {
    const text = async (templateId: string) => {
      const [doc] = await h.t.query<{ id: string }>(
        `SELECT id FROM document WHERE case_id = $1 AND template_id = $2 ORDER BY issued_at DESC LIMIT 1`,
        [caseId, templateId],
      );
      const pdf = await h.t.download('approver', `/api/documents/${doc.id}/pdf`);
      expect(pdf.status).toBe(200);
      return pdfText(pdf.body);
    };
    const notice = await text('confirmation-notice');
    const decided = /保障人数为(\d+)人，月保障金额为([\d,]+\.\d{2})元/.exec(notice);
    expect(decided).not.toBeNull();
    const [, persons, amount] = decided!;
    expect([persons, amount]).toEqual(['3', '627.00']);
    expect(notice).toContain('你家庭符合最低生活保障条件');
    expect(notice).toContain(`测算结论为符合，测算月保障金额${amount}元`);

    const opinion = await text('first-instance-opinion');
    expect(opinion).toContain('申请人家庭符合最低生活保障条件');
    expect(opinion).toContain(`拟保障人数${persons}人，拟月保障金额${amount}元`);
    expect(opinion).toContain(`测算结论为符合，测算月保障金额${amount}元`);

    const posted = await text('public-notice');
    // The table's headings may interleave with its row in the text layer: the row read without them.
    const row = posted.replace(/户主姓名|初审意见|保障人数|拟月保障金额（元）/g, '');
    expect(row).toContain(`${APPLICATION.applicant.name}符合条件${persons}${amount}`);
    for (const paper of [notice, opinion, posted]) {
      expect(paper).not.toContain('不符合最低生活保障');
      expect(paper).not.toContain('测算结论为不符合');
      expect(paper).not.toContain('不一致');
    }
  });
});
