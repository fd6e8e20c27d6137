/**
 * Browser tests' helpers: Debian's Chromium driven by playwright-core (nothing downloaded), a page
 * that records console errors and page errors, the axe-core accessibility check injected from
 * npm's axe-core, and screenshots under reports/.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Flags of every browser test. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'];
/** Folder of the screenshots (test output, git-ignored). */
export const REPORTS_DIR = 'reports';
/** Options of `expect.poll` in browser tests: the machine may be busy, so wait up to 10 s. */
export const POLL = { timeout: 10_000, interval: 100 } as const;

/** Desktop and phone viewports. */
export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

/** Launches Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A page and the problems it reported (console errors and warnings, uncaught errors). */
export interface WatchedPage {
  readonly page: Page;
  readonly problems: string[];
}

/** A new page that records its console errors/warnings and uncaught errors. */
export async function watchedPage(browser: Browser, viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { page, problems };
}

/** One axe-core violation, as far as tests report it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

let axeSource: string | undefined;

/** axe-core's browser script, from the installed npm package. */
async function axeScript(): Promise<string> {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url);
    axeSource = await readFile(join(dirname(require.resolve('axe-core/package.json')), 'axe.min.js'), 'utf8');
  }
  return axeSource;
}

/** Runs axe-core (WCAG 2.1 A/AA rules and best practices) on the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not block.
  await page.evaluate(await axeScript());
  const violations = await page.evaluate(async () => {
    const scope = globalThis as unknown as { document: unknown; axe: { run: (context: unknown, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } };
    const result = await scope.axe.run(scope.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => String(node.target)) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Saves a full-page screenshot as reports/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(REPORTS_DIR, { recursive: true });
  const path = join(REPORTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Neither the document nor anything in it is wider than the phone's screen. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const widths = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })')) as { scroll: number; client: number };
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

/** axe-core, then desktop and phone screenshots of the current view (`reports/web-<name>.png`, `-phone.png`), with no sideways scroll at phone width. */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
  await screenshot(page, `web-${name}`);
  await page.setViewportSize(VIEWPORTS.phone);
  await page.waitForTimeout(100);
  await expectNoHorizontalScroll(page);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await screenshot(page, `web-${name}-phone`);
  await page.setViewportSize(VIEWPORTS.desktop);
}
