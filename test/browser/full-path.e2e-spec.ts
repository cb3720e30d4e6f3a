import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { answersFor, servedToday } from '../../apps/api/src/demo/drive';
import { BrowserHarness, chooseOption, screenshot } from '../support/browser';
import {
  APPLICATION,
  CONFIRM_PATH,
  USER_FOR_ROLE,
  WORKED_EXAMPLE,
  openTasks,
  signAtWindow,
} from '../support/case-driver';

type Field = { id: string; type: string; label: string; options: { id: string; name: string }[] };

/**
 * One 低保 case through every role in the browser: whatever steps the deployed model opens, each
 * clerk takes the task from the inbox and fills the generated form as a person would; 公示 runs
 * on the application clock; the applicant downloads the decision and anyone verifies it.
 */
describe('the whole 低保 path in the browser, every role', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await BrowserHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Fills one generated form control the way its type is operated by hand. */
  async function fill(page: Page, field: Field, value: unknown) {
    const input = page.locator(`[data-field=${field.id}]`).locator('input, textarea').first();
    if (field.type === 'boolean' || (field.type === 'enum' && field.options.length <= 4)) {
      await page.click(`[data-test=option-${field.id}-${String(value)}]`);
    } else if (field.type === 'enum') {
      const label = field.options.find((o) => o.id === value)!.name;
      await chooseOption(page, page.locator(`.el-select[data-test=field-${field.id}]`), label);
    } else if (field.type === 'list') {
      for (const item of value as string[]) {
        await input.fill(item);
        await page.locator('.el-select-dropdown__item:visible', { hasText: item }).click();
        await page.locator(`[data-field=${field.id}] .el-tag`, { hasText: item }).waitFor();
      }
      await page.keyboard.press('Escape'); // closes the emptied suggestion list
    } else if (field.type === 'date') {
      await input.fill(String(value));
      await page.keyboard.press('Enter');
    } else {
      await input.fill(String(value));
    }
  }

  /** Completes one open task in the browser as the user of its role; returns the task name. */
  async function completeInBrowser(task: { id: string; name: string; candidateGroups: string[] }) {
    const username = USER_FOR_ROLE[task.candidateGroups[0]];
    const page = await h.signIn(username);
    await page.locator('[data-test=inbox-table] .el-loading-mask').waitFor({ state: 'hidden' });
    const row = page.locator('[data-test=inbox-table] .el-table__body tr', { hasText: task.name }).first();
    await row.getByText(task.name, { exact: true }).click();
    await page.waitForURL(new RegExp(`/tasks/${task.id}$`));
    await page.locator('[data-test=step-form]').getByText(`办理：${task.name}`).waitFor();
    const detail = (await (await h.t.as(username)).get(`/api/tasks/${task.id}`).expect(200)).body;
    const fields = detail.form as Field[];
    const data = answersFor(fields, servedToday(CONFIRM_PATH, h.t.clock.today()));
    // What the server prefills (the assessment's amount and persons, the proposal) is kept as a clerk would.
    const prefilled = (detail.prefill ?? {}) as Record<string, unknown>;
    for (const field of fields) {
      // A field the model shows only under a condition (reasons only when refusing) is not there to fill.
      if (!(await page.locator(`[data-field=${field.id}]`).count())) continue;
      if (field.id in data && !(field.id in prefilled)) await fill(page, field, data[field.id]);
    }
    await screenshot(page, `full-${task.name}`);
    await page.click('[data-test=submit]');
    await page
      .locator('[data-test=step-form]')
      .getByText(`办理：${task.name}`)
      .waitFor({ state: 'detached' });
    await page.context().close();
    const [stored] = await h.t.query(`SELECT status FROM task WHERE id = $1`, [task.id]);
    expect(stored.status).toBe('completed');
    return task.name;
  }

  it('applies, is decided by every clerk in the browser, and the applicant verifies the decision', async () => {
    // The online application itself is clicked through in portal.e2e-spec.ts; here it is signed by API.
    const applicant = await h.t.as('applicant');
    const { program, regionCode, applicant: person, members } = APPLICATION;
    const draft = { program, regionCode, applicant: person, members };
    const text = await applicant.post('/api/portal/authorization-text', draft).expect(200);
    const applied = await applicant
      .post('/api/cases', {
        ...APPLICATION,
        authorization: {
          signerName: APPLICATION.applicant.name,
          accepted: true,
          textHash: text.body.textHash,
        },
      })
      .expect(201);
    const caseId: string = applied.body.id;

    // The applicant signed the 授权书 on the phone; the other adults sign on paper at the window.
    await signAtWindow(h.t, caseId);
    const done: string[] = [];
    let economicsRecorded = false;
    let noticePeriodWaited = false;
    for (let i = 0; i < 20; i++) {
      const open = await openTasks(h.t, caseId);
      if (!open.length) {
        const [kase] = await h.t.query(`SELECT status FROM assistance_case WHERE id = $1`, [caseId]);
        if (kase.status === 'closed') break;
        // Nothing to do but wait: the 公示 runs its 7 days on the application clock.
        expect(noticePeriodWaited).toBe(false);
        expect(await h.t.advanceDays(8)).toBeGreaterThanOrEqual(1);
        noticePeriodWaited = true;
        continue;
      }
      if (!economicsRecorded && open[0].candidateGroups.includes('investigator')) {
        await (
          await h.t.as('investigator')
        )
          .put(`/api/cases/${caseId}/economics`, { household: WORKED_EXAMPLE })
          .expect(200);
        economicsRecorded = true;
      }
      done.push(await completeInBrowser(open[0]));
    }
    expect(noticePeriodWaited).toBe(true);
    expect(done).toEqual(expect.arrayContaining(['受理审查', '乡镇初审']));
    const [kase] = await h.t.query(
      `SELECT status, outcome, benefit_amount_fen FROM assistance_case WHERE id = $1`,
      [caseId],
    );
    // WORKED_EXAMPLE's assessment: 562 元 plus the 65 元 increment for the minor (分类施保).
    expect(kase).toEqual({ status: 'closed', outcome: 'confirmed', benefit_amount_fen: 62700 });

    // The county approver sees the whole path taken on the diagram.
    const approver = await h.signIn('approver');
    await approver.goto(`${h.baseUrl}/cases/${caseId}`);
    const completed: { element_id: string }[] = await h.t.query(
      `SELECT DISTINCT t.element_id FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE c.id = $1 AND t.status = 'completed'`,
      [caseId],
    );
    expect(completed.length).toBe(new Set(done).size);
    for (const { element_id } of completed) {
      await approver
        .locator(`[data-test=bpmn-diagram] .djs-element.sa-path-done[data-element-id=${element_id}]`)
        .waitFor();
    }
    await screenshot(approver, 'full-approver-case-closed');
    await approver.context().close();

    // The applicant downloads the decision on the phone; a visitor verifies it with no login.
    const phone = await h.signIn('applicant', 'phone');
    await phone.locator('.case .el-tag', { hasText: '已审核确认' }).click();
    await phone.waitForURL(new RegExp(`/portal/cases/${caseId}$`));
    const [download] = await Promise.all([
      phone.waitForEvent('download'),
      phone.click('[data-test=download-confirmation-notice]'),
    ]);
    const pdfPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'full-dl-')), 'decision.pdf');
    await download.saveAs(pdfPath);
    const [doc] = await h.t.query(
      `SELECT verify_code, pdf_sha256 FROM document WHERE case_id = $1 AND template_id = 'confirmation-notice'`,
      [caseId],
    );
    expect(createHash('sha256').update(fs.readFileSync(pdfPath)).digest('hex')).toBe(doc.pdf_sha256);
    await screenshot(phone, 'full-applicant-case');

    const visitor = await (await h.context('phone')).newPage();
    await visitor.goto(`${h.baseUrl}/verify/${doc.verify_code}`);
    await visitor.locator('[data-test=verify-verdict]').getByText('真实有效').waitFor();
    await visitor.setInputFiles('[data-test=verify-result] input[type=file]', pdfPath);
    await visitor.locator('[data-test=verify-file-verdict]').getByText('一致').waitFor();
    await screenshot(visitor, 'full-verified');
  }, 300_000); // a whole lifecycle through the pages: beside the other tiers it can outlast the default
});
