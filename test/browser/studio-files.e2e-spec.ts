import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BrowserHarness, screenshot } from '../support/browser';
import { apply } from '../support/case-driver';

const DIBAO = fs.readFileSync('processes/dibao-application.bpmn', 'utf8');

/** Lines of `a` and `b` that differ (longest common subsequence of lines). */
function changedLines(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  const dp = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      dp[i][j] = x[i] === y[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  return x.length + y.length - 2 * dp[0][0];
}

/**
 * Issue 15 §3: a legal officer creates a model from a template, imports a .bpmn file that fails
 * the checks, fixes it in the properties panel, deploys it with a note, and running cases keep
 * their version.
 */
describe('legal officer studio files (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await BrowserHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => {
    expect(h.cspViolations).toEqual([]);
  });

  async function caseVersion(caseId: string): Promise<number> {
    const [row] = await h.t.query<{ version: number }>(
      `SELECT d.version FROM assistance_case c JOIN process_instance i ON i.id = c.process_instance_id
       JOIN process_definition d ON d.id = i.definition_id WHERE c.id = $1`,
      [caseId],
    );
    return row.version;
  }

  it('new model from a template, import a failing file, fix it in the panel, deploy with a note', async () => {
    const running = await apply(h.t);
    expect(await caseVersion(running)).toBe(1);

    const page = await h.signIn('legal');
    await page.locator('[data-test=open-dibao-application-1]').waitFor();
    await page.locator('.el-loading-mask').waitFor({ state: 'detached' });

    // 新建模型: a blank template opens although it cannot deploy yet, its problems on the diagram.
    await page.click('[data-test=new-model]');
    await page.locator('input[data-test=new-name]').fill('乡镇困难补助');
    await page.locator('input[data-test=new-key]').fill('township-hardship');
    await page.click('[data-test=confirm-new]');
    await page.waitForURL((url) => url.pathname.startsWith('/studio/drafts/'));
    await page.locator('g.djs-element[data-element-id=Task_Handle]').waitFor();
    await page
      .locator('[data-test=lint-status]')
      .getByText(/\d+ 个错误/)
      .waitFor();
    await page.locator('.lint-badge').first().waitFor();
    // bpmn-js speaks Chinese: palette and context pad.
    await page.locator('.djs-palette [aria-label="新建任务"]').waitFor();
    await page.locator('g.djs-element[data-element-id=Task_Handle]').click();
    await page.locator('.djs-context-pad [title="追加任务"]').waitFor();
    await page.locator('[data-test=properties]').getByText('办理角色').waitFor();
    await screenshot(page, 'studio-new-blank');
    await page.click('[data-test=save-draft]');
    await page.getByText('草稿已保存').waitFor();
    await page.goto(`${h.baseUrl}/studio`);
    await page.locator('[data-test=drafts]').getByText('乡镇困难补助').waitFor();

    // 导入文件: a copy of the 低保 model whose home visit has a 0-day deadline.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-import-'));
    const file = path.join(dir, 'dibao-application.bpmn');
    const broken = DIBAO.replace(
      'id="Task_HomeVisit" name="入户调查" sa:publicName="入户调查" camunda:candidateGroups="investigator" sa:due="10WD"',
      'id="Task_HomeVisit" name="入户调查" sa:publicName="入户调查" camunda:candidateGroups="investigator" sa:due="0WD"',
    );
    expect(broken).not.toBe(DIBAO);
    fs.writeFileSync(file, broken);
    await page.locator('[data-test=import-input]').setInputFiles(file);
    await page.waitForURL((url) => url.pathname.startsWith('/studio/drafts/'));
    const issue = page.locator('[data-test=lint-issue-Task_HomeVisit].error');
    await issue.waitFor();
    await expect(issue.textContent()).resolves.toContain('为 0，任务一开始即逾期');
    await page.locator('[data-test=lint-badge-Task_HomeVisit]').waitFor();
    await page.locator('g.djs-element.lint-error[data-element-id=Task_HomeVisit]').waitFor();
    // Fit to view: the whole diagram is on screen, the last step included.
    const canvasBox = (await page.locator('[data-test=canvas]').boundingBox())!;
    for (const id of ['StartEvent_Submitted', 'Task_HomeVisit', 'EndEvent_Refused']) {
      const box = (await page.locator(`g.djs-element[data-element-id=${id}]`).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(canvasBox.x);
      expect(box.x + box.width).toBeLessThanOrEqual(canvasBox.x + canvasBox.width);
    }
    await screenshot(page, 'studio-import-lint');

    // Fixed in the properties panel; the lint runs again by itself.
    await issue.click();
    const due = page.locator('input[data-test=prop-due-amount], [data-test=prop-due-amount] input');
    await expect(due.inputValue()).resolves.toBe('0');
    await due.fill('15');
    await due.press('Tab');
    await page.locator('[data-test=lint-status]').getByText('检查通过').waitFor();
    expect(await page.locator('g.djs-element.lint-error').count()).toBe(0);

    // Deploy: the summary names what changes against version 1, and a note is required.
    await page.click('[data-test=open-deploy]');
    await page
      .locator('[data-test=change-summary]')
      .getByText('“入户调查”的办理时限：10 个工作日 → 15 个工作日')
      .waitFor();
    await page.click('[data-test=confirm-deploy]');
    await page.locator('[data-test=deploy-dialog]').getByText('请填写变更说明').waitFor();
    const note = '入户调查时限调整为15个工作日（省民政厅通知）';
    await page.locator('textarea[data-test=change-note]').fill(note);
    await screenshot(page, 'studio-deploy-summary');
    await page.click('[data-test=confirm-deploy]');
    await page.waitForURL((url) => url.pathname === '/studio');
    await page.locator('[data-test=note-dibao-application-2]').getByText(note).waitFor();
    await page
      .locator('[data-test=versions-dibao-application] [data-test=takes-applications-dibao-application]')
      .waitFor();
    await screenshot(page, 'studio-versions-note');

    const [v2] = await h.t.query<{ source: string; change_note: string; deployed_by: string }>(
      `SELECT source, change_note, deployed_by FROM process_definition WHERE key = 'dibao-application' AND version = 2`,
    );
    expect(v2.change_note).toBe(note);
    expect(v2.deployed_by).not.toBeNull();
    // Saving kept the file: the comment survives and one attribute is one changed line.
    expect(v2.source).toContain('<!-- 低保申请、受理、调查');
    expect(changedLines(DIBAO, v2.source)).toBe(2);
    // The running case keeps the version it started on.
    expect(await caseVersion(running)).toBe(1);
    await page.context().close();
  });
});
