import type { Page } from 'playwright-core';
import { BrowserHarness } from '../support/browser';
import { apply } from '../support/case-driver';
import { AxeFinding, seriousViolations } from '../support/axe';

/**
 * Accessibility of the staff pages (issue 18 §11): axe-core finds no serious or critical
 * violation on the inbox, the case page and the studio; the inbox loads without Element Plus
 * deprecation warnings.
 */
describe('accessibility of the staff pages (Chromium)', () => {
  let h: BrowserHarness;
  let caseId: string;
  beforeAll(async () => {
    h = await BrowserHarness.start();
    caseId = await apply(h.t);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const report = (found: AxeFinding[]) => found.map((f) => `${f.id}: ${f.targets.join(', ')}`);

  async function watched(username: string): Promise<{ page: Page; warnings: string[] }> {
    const page = await h.signIn(username);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || /deprecated/i.test(m.text())) warnings.push(m.text());
    });
    return { page, warnings };
  }

  it('inbox: no serious violation and no deprecation warning on load', async () => {
    const { page, warnings } = await watched('clerk');
    await page.goto(`${h.baseUrl}/inbox`);
    await page.locator('.el-table__row').first().waitFor();
    expect(report(await seriousViolations(page))).toEqual([]);
    expect(warnings.filter((w) => /ElementPlus|deprecated/i.test(w))).toEqual([]);
  });

  it('case page: no serious violation', async () => {
    const { page } = await watched('clerk');
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    await page.getByText('受理审查').first().waitFor();
    expect(report(await seriousViolations(page))).toEqual([]);
  });

  it('studio: no serious violation', async () => {
    const { page } = await watched('legal');
    await page.goto(`${h.baseUrl}/studio`);
    await page.locator('.page').first().waitFor();
    expect(report(await seriousViolations(page))).toEqual([]);
  });
});
