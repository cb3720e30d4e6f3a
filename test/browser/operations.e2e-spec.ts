import * as fs from 'node:fs';
import * as path from 'node:path';
import { BrowserHarness, screenshot } from '../support/browser';
import { apply, openTasks } from '../support/case-driver';
import { installUnchecked } from '../support/unchecked-model';

/**
 * 流程故障 in the browser: a step that failed on real data shows on the clerk's case page in plain
 * words; the legal officer finds it in the operations view, sees the failing gateway highlighted
 * on the diagram, and resolves it with a reason.
 */
describe('流程故障 (Chromium)', () => {
  let h: BrowserHarness;
  let caseId: string;
  beforeAll(async () => {
    h = await BrowserHarness.start();
    const v1 = fs.readFileSync(path.join(__dirname, '../../processes/dibao-application.bpmn'), 'utf8');
    await installUnchecked(
      h.t,
      v1.replace('${decision == &quot;refuse&quot;}', '${decision == &quot;reject&quot;}'),
    );
    caseId = await apply(h.t);
    const [task] = await openTasks(h.t, caseId);
    await (
      await h.t.as('clerk')
    )
      .post(`/api/tasks/${task.id}/complete`, {
        data: { decision: 'refuse', reasons: '申请人户籍不在本乡镇，应向户籍所在地申请' },
      })
      .expect(409);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('the clerk sees the incident on the case page in plain words', async () => {
    const page = await h.signIn('clerk');
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    await page.locator('[data-test=case-incident]').getByText('本案在“受理决定”环节遇到流程故障').waitFor();
    await screenshot(page, 'case-incident-clerk');
    await page.context().close();
  });

  it('the legal officer sees it highlighted on the diagram and resolves it with a reason', async () => {
    const page = await h.signIn('legal');
    await page.getByRole('menuitem', { name: '流程故障' }).click();
    await page.waitForURL(/\/operations$/);
    const table = page.locator('[data-test=incidents-table]');
    await table.getByText('受理决定').click();
    const detail = page.locator('[data-test=incident-detail]');
    await detail.getByText('没有任何一个分支的条件成立').waitFor();
    await detail
      .locator('.djs-element.sa-path-active[data-element-id="Gateway_AcceptanceDecision"]')
      .waitFor();
    await screenshot(page, 'operations-incident');
    await detail.locator('[data-test=incident-resolve]').click();
    await page.locator('textarea[data-test=incident-reason]').fill('已告知申请人向户籍所在地申请，线下办结');
    await page.locator('[data-test=incident-resolve-submit]').click();
    await detail.getByText('解除原因：已告知申请人向户籍所在地申请，线下办结').waitFor();
    await table.getByText('受理决定').waitFor({ state: 'detached' }); // the list shows open ones
    expect(h.cspViolations).toEqual([]);
    await page.context().close();
  });
});
