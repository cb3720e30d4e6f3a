import { Page } from 'playwright-core';
import { BrowserHarness, chooseOption, screenshot } from '../support/browser';
import { APPLICATION, CONFIRM_PATH, apply, drive, openTasks } from '../support/case-driver';

/**
 * The investigator records the verified household economics in the case page's editor: an inline
 * error before anything is sent, a server error shown next to its input, and a save whose stored
 * household is exactly what was typed (yuan → integer fen); the assessment the model runs later
 * shows up in the same tab, with the editor prefilled from the recorded economics.
 */
const [husband, wife, son] = APPLICATION.members;

describe('household economics editor (Chromium)', () => {
  let h: BrowserHarness;
  let caseId: string;
  let homeVisitTaskId: string;

  beforeAll(async () => {
    h = await BrowserHarness.start();
    caseId = await apply(h.t);
    await drive(h.t, caseId, CONFIRM_PATH, /入户调查/);
    const [task] = await openTasks(h.t, caseId);
    expect(task.name).toBe('入户调查');
    homeVisitTaskId = task.id;
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Element Plus puts a control's attributes on the input itself or on its wrapper. */
  function input(page: Page, test: string) {
    return page.locator(`input[data-test="${test}"], [data-test="${test}"] input`).first();
  }

  const choose = (page: Page, test: string, option: string) =>
    chooseOption(page, page.locator(`.el-select[data-test="${test}"]`), option);

  function section(page: Page, name: string) {
    return page.locator(`[data-test="economics-${name}"]`);
  }

  async function expand(page: Page, name: string) {
    await section(page, name).locator('.el-collapse-item__header').click();
    // Until the opening transition ends the section's content moves and clips: wait it out.
    const wrap = await section(page, name).locator('.el-collapse-item__wrap:visible').elementHandle();
    await page.waitForFunction((el) => (el as HTMLElement).style.maxHeight === '', wrap);
  }

  it('records what the investigator typed, with inline and server errors on the way', async () => {
    const page = await h.signIn('investigator');
    await page.goto(`${h.baseUrl}/tasks/${homeVisitTaskId}`);
    await page.locator('[data-test=step-form]').getByText('办理：入户调查').waitFor();
    await page.getByRole('tab', { name: '经济状况测算' }).click();
    const editor = page.locator('[data-test=economics-editor]');
    await editor.getByText('尚未录入').waitFor();
    // Prefilled from the application: one section per member, the applicant's open.
    for (const [i, m] of [husband, wife, son].entries())
      await section(page, `member-${i}`).locator('.el-collapse-item__header').getByText(m.name).waitFor();
    await page.locator('[data-test=assessment]').getByText('尚未测算').waitFor();
    await screenshot(page, 'economics-open');

    // The applicant's wage: a negative amount is refused next to the input when leaving it.
    await page.click('[data-test=income-0-add]');
    await input(page, 'income-0-0-amount').fill('-120');
    await input(page, 'income-0-0-amount').blur();
    const memberErrors = section(page, 'member-0').locator('.el-form-item__error');
    await memberErrors.getByText('金额不能为负数').waitFor();
    await screenshot(page, 'economics-inline-error');
    await input(page, 'income-0-0-amount').fill('6000.5');
    await memberErrors.getByText('金额不能为负数').waitFor({ state: 'detached' });
    await choose(page, 'member-0-work', '务工');

    await expand(page, 'member-1');
    await choose(page, 'member-1-health', '慢性病');
    await choose(page, 'member-1-work', '务农');
    await expand(page, 'member-2');
    await choose(page, 'member-2-work', '无');

    // Saving with the property section still empty: nothing is sent, the section opens with its errors.
    await page.click('[data-test=economics-save]');
    await page
      .locator('[data-test=economics-error]')
      .getByText(/处需要修改/)
      .waitFor();
    await section(page, 'assets').getByText('请填写金额').first().waitFor();
    await input(page, 'assets-deposits').fill('3000');
    await input(page, 'assets-securities').fill('0');
    await input(page, 'assets-homes').fill('1');

    await expand(page, 'expenditures');
    await page.click('[data-test=expenditure-add]');
    await input(page, 'expenditure-0-amount').fill('3600.00');

    // The server's own check (an applicant in prison is no household member) lands on that input.
    await choose(page, 'member-0-custody', '服刑');
    await page.click('[data-test=economics-save]');
    await memberErrors.getByText('申请人本人不属于共同生活家庭成员').waitFor();
    await page.locator('[data-test=economics-error]').getByText('申请人本人不属于共同生活家庭成员').waitFor();
    await screenshot(page, 'economics-server-error');
    const before = await (await h.t.as('investigator')).get(`/api/cases/${caseId}`).expect(200);
    expect(before.body.case.economics).toBeNull();

    await choose(page, 'member-0-custody', '无');
    await memberErrors.first().waitFor({ state: 'detached' });
    await page.click('[data-test=economics-save-bottom]');
    await page.locator('.el-message--success').getByText('家庭经济状况已保存').waitFor();
    await editor.getByText('已录入').waitFor();
    await screenshot(page, 'economics-saved');

    const res = await (await h.t.as('investigator')).get(`/api/cases/${caseId}`).expect(200);
    const member = (m: { name: string; idNumber: string }, relation: string) => ({
      name: m.name,
      idNumber: m.idNumber,
      relation,
      cohabitation: { livesTogetherLongTerm: true },
    });
    expect(res.body.case.economics).toEqual({
      members: [
        {
          ...member(husband, 'applicant'),
          health: 'healthy',
          workType: 'odd_jobs',
          incomes: [{ kind: 'wage', annualFen: 600_050 }],
        },
        { ...member(wife, 'spouse'), health: 'chronic_illness', workType: 'farming', incomes: [] },
        { ...member(son, 'child'), health: 'healthy', workType: 'none', incomes: [] },
      ],
      supporters: [],
      assets: {
        depositsFen: 300_000,
        securitiesFen: 0,
        vehicles: [],
        homes: { count: 1, luxury: false },
        businesses: [],
      },
      exclusionFacts: {},
      rigidExpenditures: [{ kind: 'medical', annualFen: 360_000 }],
    });
    await page.context().close();
  });

  it('shows the assessment the model runs later, with the editor prefilled from the record', async () => {
    await drive(h.t, caseId, CONFIRM_PATH, /乡镇初审/);
    const page = await h.signIn('investigator');
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    await page.getByRole('tab', { name: '经济状况测算' }).click();
    await page.locator('[data-test=assessment]').getByText('测算结论').waitFor();
    await page.locator('[data-test=economics-editor]').getByText('已录入').waitFor();
    expect(await input(page, 'income-0-0-amount').inputValue()).toBe('6000.50');
    await expand(page, 'assets');
    expect(await input(page, 'assets-deposits').inputValue()).toBe('3000.00');
    await screenshot(page, 'economics-assessed');
    await page.context().close();
  });
});
