import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, BrowserContext, Locator, Page, chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/reference-data';
import { TestApp } from './test-app';
import { buildWebApp } from './web-build';

export { buildWebApp } from './web-build';

/** Screenshots of every browser test land here (kept as CI artifacts). */
export const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR || 'test-artifacts/screenshots');

/** A real API with the built web app, listening on a local port, and Debian's Chromium. */
export class BrowserHarness {
  /**
   * Every Content-Security-Policy violation any page of this harness reported, as
   * `<page address>: <what was refused>`; tests expect none (the app must run under its own CSP).
   */
  readonly cspViolations: string[] = [];

  private constructor(
    readonly t: TestApp,
    readonly baseUrl: string,
    readonly browser: Browser,
  ) {}

  static async start(): Promise<BrowserHarness> {
    buildWebApp();
    const t = await TestApp.start();
    const baseUrl = await t.listen();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    return new BrowserHarness(t, baseUrl, browser);
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.t.stop();
  }

  /** A fresh browser context (own storage) at a desktop clerk's 1366×768 or a phone's size. */
  async context(kind: 'desktop' | 'phone' = 'desktop'): Promise<BrowserContext> {
    const ctx = await this.browser.newContext(
      kind === 'phone'
        ? {
            viewport: { width: 390, height: 844 },
            deviceScaleFactor: 2,
            isMobile: true,
            hasTouch: true,
            locale: 'zh-CN',
          }
        : { viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true },
    );
    ctx.setDefaultTimeout(30_000); // generous: CI machines are shared and slow
    // The page reports each refusal as an event (and Chromium also logs it to the console).
    await ctx.exposeFunction('__cspViolation', (text: string) => this.cspViolations.push(text));
    await ctx.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { __cspViolation: (text: string) => void }).__cspViolation;
        void report(
          `${location.pathname}: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
        );
      });
    });
    // No CSS transitions or animations: a dialog, list or mask is in its final place at once, so a
    // click never waits for (or lands in) a motion, and Chromium draws no frames in between. The
    // page's CSP allows inline styles (Element Plus sets them), so this adds no violation.
    await ctx.addInitScript(() => {
      const still = () => {
        const style = document.createElement('style');
        style.dataset.test = 'no-motion';
        style.textContent =
          '*,*::before,*::after{transition:none!important;animation:none!important;scroll-behavior:auto!important}';
        (document.head ?? document.documentElement).appendChild(style);
      };
      if (document.documentElement) still();
      else document.addEventListener('DOMContentLoaded', still, { once: true });
    });
    ctx.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) this.cspViolations.push(message.text());
    });
    return ctx;
  }

  /** Opens a page signed in as a demo user, by the login form as a person would. */
  async signIn(username: string, kind: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
    const page = await (await this.context(kind)).newPage();
    page.on('pageerror', (err) => console.error(`[browser:${username}] ${err.message}`));
    await page.goto(`${this.baseUrl}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('[data-test=login]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  }
}

/** Saves a full-page screenshot as `<name>.png` in the artifacts directory. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Picks an option of a single Element Plus select (`select` is its root) and waits until the
 * select shows it. On a loaded machine a click can land while the list is still opening or
 * closing, so a pick that did not take is tried again.
 */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  const chosen = select.locator('.el-select__placeholder').getByText(option, { exact: true });
  for (let attempt = 1; ; attempt++) {
    await select.click();
    // Only this select's own list: a closing neighbour's list may still show the same words.
    const list = await select.locator('input[role=combobox]').getAttribute('aria-controls');
    await page.locator(`[id="${list}"]`).getByRole('option', { name: option, exact: true }).click();
    try {
      await chosen.waitFor({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}
