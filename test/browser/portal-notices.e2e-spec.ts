import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NotificationDispatcher } from '@app/notifications';
import { BrowserHarness, screenshot } from '../support/browser';
import { APPLICATION, CONFIRM_PATH, drive, openTasks } from '../support/case-driver';
import { seriousViolations } from '../support/axe';
import { tinyPdf } from '../support/sample-files';

/**
 * Issue 18 "done when": an applicant on a phone receives a 补正 message, uploads the material from
 * the phone, and later sees the road map with the 公示 end date; the portal pages pass axe-core
 * (no serious or critical violation) and its buttons are at least 44 px tall.
 */
describe('the applicant is told, uploads, and sees the road ahead (Chromium, phone)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await BrowserHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('receives the 补正 message, uploads the material, then sees the 公示 end date', async () => {
    const t = h.t;
    const api = await t.as('applicant');
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
    const [task] = await openTasks(t, caseId);
    await (
      await t.as('clerk')
    )
      .post(`/api/tasks/${task.id}/complete`, {
        data: { decision: 'supplement', missingMaterials: ['户口簿复印件'] },
      })
      .expect(200);
    await t.app.get(NotificationDispatcher).poll();

    const page = await h.signIn('applicant', 'phone');
    await page.goto(`${h.baseUrl}/portal/messages`);
    await page.waitForURL(/\/portal\/messages/);
    const message = page.locator('[data-test=message]').filter({ hasText: '请补充申请材料' });
    await message.getByText('户口簿复印件').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'portal-phone-messages');

    await message.getByRole('button', { name: /查看申请/ }).click();
    await page.waitForURL(/\/portal\/cases\//);
    // The case page's checklist marks what the 补正 asked for.
    await page
      .locator('[data-test=materials] [data-test=material-item]')
      .filter({ hasText: '户口簿复印件' })
      .getByText('需补正')
      .waitFor();
    const materials = page.locator('[data-test=own-materials]');
    await page.fill('#material-name', '户口簿复印件');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hukou-')), '户口簿.pdf');
    fs.writeFileSync(file, tinyPdf('hukou'));
    await materials.locator('[data-test=material-file]').setInputFiles(file);
    await materials.locator('[data-test=own-material]').getByText('户口簿复印件').waitFor();
    const box = await materials.locator('.file-button').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    // Every button of the page is a finger's tap target on the phone.
    const small = await page.$$eval('.case-page .el-button, .case-page .file-button', (els) =>
      els
        .filter((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().height < 44)
        .map((e) => `${e.textContent?.trim()} (${Math.round(e.getBoundingClientRect().height)} px)`),
    );
    expect(small).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'portal-phone-uploaded');

    // The window registers the material; the case goes on to the 公示.
    await drive(t, caseId, { ...CONFIRM_PATH, suppliedMaterials: ['户口簿复印件'] }, /公示结果/);
    const [{ due }] = await t.query<{ due: Date }>(
      `SELECT t.due_at AS due FROM timer t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE c.id = $1 AND t.status = 'pending'`,
      [caseId],
    );
    const end = new Date(new Date(due).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const [y, m, d] = end.split('-').map(Number);
    await page.reload();
    const road = page.locator('[data-test=road-map]');
    await road.locator('[data-test=public-notice]').getByText(`${y}年${m}月${d}日`).waitFor();
    await road.getByText('县民政局审核确认').waitFor();
    const shown = await page.locator('.case-page').innerText();
    for (const internal of ['确认测算不符合条件', 'SHA-256', '日期待核'])
      expect(shown).not.toContain(internal);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'portal-phone-road-map');
  });
});
