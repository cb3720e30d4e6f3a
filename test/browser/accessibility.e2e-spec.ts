import type { Page } from 'playwright-core';
import { BrowserHarness } from '../support/browser';
import { apply } from '../support/case-driver';
import { AxeFinding, seriousViolations } from '../support/axe';

/**
 * Accessibility of the staff pages (issue 18 §11): axe-core finds no serious or critical
 * violation on the inbox, the case page and the studio; no page of the inbox, the case page, the
 * portal or the studio logs an Element Plus deprecation warning; the inbox rows are reached and
 * opened with the keyboard alone.
 */
describe('accessibility of the staff pages (Chromium)', () => {
  let h: BrowserHarness;
  let caseId: string;
  beforeAll(async () => {
    h = await BrowserHarness.start();
    caseId = await apply(h.t);
    await apply(h.t);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const report = (found: AxeFinding[]) => found.map((f) => `${f.id}: ${f.targets.join(', ')}`);

  /**
   * A signed-in page with every console warning it logs from then on. Element Plus warns through
   * console.warn with an ElementPlusError (“[el-link] … is about to be deprecated …”).
   */
  async function watched(username: string): Promise<{ page: Page; deprecations: () => string[] }> {
    const page = await h.signIn(username);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
    });
    // The first line names the component and the option; the stack of the minified bundle does not.
    const deprecations = () =>
      warnings.filter((w) => /ElementPlus|deprecated/i.test(w)).map((w) => w.split('\n')[0]);
    return { page, deprecations };
  }

  it('inbox: no serious violation and no deprecation warning on load', async () => {
    const { page, deprecations } = await watched('clerk');
    await page.goto(`${h.baseUrl}/inbox`);
    await page.locator('.el-table__row').first().waitFor();
    expect(report(await seriousViolations(page))).toEqual([]);
    // The filters' lists and the date picker are made when first opened: open each once.
    for (const filter of ['filter-program', 'filter-township', 'filter-urgency']) {
      await page.click(`[data-test=${filter}]`);
      await page.keyboard.press('Escape');
    }
    await page.click('input[aria-label=到期日不晚于]');
    await page.locator('.el-picker-panel:visible').waitFor();
    await page.keyboard.press('Escape');
    await page.click('[data-test=open-delegations]');
    await page.locator('.el-dialog:visible').first().waitFor();
    expect(deprecations()).toEqual([]);
  });

  it('case page: no serious violation and no deprecation warning', async () => {
    const { page, deprecations } = await watched('clerk');
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    await page.getByText('受理审查').first().waitFor();
    expect(report(await seriousViolations(page))).toEqual([]);
    for (const tab of await page.locator('.el-tabs__item').all()) await tab.click();
    expect(deprecations()).toEqual([]);
  });

  it('portal: no deprecation warning on the home, the messages and the application form', async () => {
    const { page, deprecations } = await watched('applicant');
    for (const path of ['/portal', '/portal/messages', '/portal/apply']) {
      await page.goto(`${h.baseUrl}${path}`);
      await page.locator('.page, .el-card').first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(deprecations()).toEqual([]);
  });

  it('studio: no serious violation and no deprecation warning', async () => {
    const { page, deprecations } = await watched('legal');
    await page.goto(`${h.baseUrl}/studio`);
    await page.locator('.page').first().waitFor();
    expect(report(await seriousViolations(page))).toEqual([]);
    await page.waitForLoadState('networkidle');
    expect(deprecations()).toEqual([]);
  });

  it('inbox rows by keyboard: one Tab stop for the list, none in a hidden calendar; ↓ moves, Enter opens', async () => {
    const page = await h.signIn('clerk');
    await page.goto(`${h.baseUrl}/inbox`);
    const rows = page.locator('[data-test=inbox-table] .el-table__body tr.el-table__row');
    await rows.nth(1).waitFor();
    /** Where focus is: in which row of the list, in a picker's panel, and whether it is seen. */
    const focus = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const trs = Array.from(
          document.querySelectorAll('[data-test=inbox-table] .el-table__body tr.el-table__row'),
        );
        const tr = el?.closest('tr.el-table__row');
        return {
          what: el ? `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80) : 'none',
          row: tr ? trs.indexOf(tr) : -1,
          isRow: !!el && el === tr,
          inPicker: !!el?.closest('.el-picker-panel, .el-popper'),
          seen: !!el && el.checkVisibility({ checkVisibilityCSS: true }) && !el.closest('[aria-hidden=true]'),
        };
      });
    // From the search box (`/`) back to the due-date field, then forward through the page.
    await page.keyboard.press('/');
    expect((await focus()).what).toMatch(/^input/);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    const stops: Awaited<ReturnType<typeof focus>>[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const at = await focus();
      stops.push(at);
      if (at.isRow) break;
    }
    expect(stops.filter((s) => s.inPicker || !s.seen)).toEqual([]);
    const reached = stops.at(-1)!;
    expect(reached).toMatchObject({ isRow: true, row: 0 });
    // Tab from the row goes through that row's own controls only, then out of the list; Shift+Tab
    // comes back the same way.
    const after: Awaited<ReturnType<typeof focus>>[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const at = await focus();
      after.push(at);
      if (at.row === -1) break;
    }
    expect({ left: after.at(-1)!.row === -1, otherRows: after.filter((s) => s.row > 0) }).toEqual({
      left: true,
      otherRows: [],
    });
    for (let i = 0; i < after.length; i++) await page.keyboard.press('Shift+Tab');
    expect({ back: await focus(), after }).toMatchObject({ back: { isRow: true, row: 0 } });
    // ↓ moves focus and the selection to the next task; Enter opens it.
    await page.keyboard.press('ArrowDown');
    expect(await focus()).toMatchObject({ isRow: true, row: 1 });
    expect(await rows.nth(1).getAttribute('class')).toContain('current-row');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tasks\//);
  });
});
