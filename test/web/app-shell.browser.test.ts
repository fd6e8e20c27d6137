/**
 * The web app's shell in Chromium on the local platform: served at `/` with its security headers,
 * every hash route reachable from the navigation, keyboard focus on each page's heading, no
 * console error, and no serious accessibility violation.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../local/platform';
import { WEB_CONTENT_SECURITY_POLICY } from '../../web/hosting';
import { launchChromium, POLL, seriousAxeViolations, watchedPage } from '../support/browser';
import { startTestPlatform } from '../support/local-api';

let platform: LocalPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startTestPlatform('web-shell');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the app shell', () => {
  it('is served at / with its Content-Security-Policy and opens on the experiments list', async () => {
    const { page, problems } = await watchedPage(browser);
    const response = await page.goto(`${platform.url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(WEB_CONTENT_SECURITY_POLICY);
    await expect(page.locator('main[data-route="experiments"] h1').textContent()).resolves.toBe('Experiments');
    await expect.poll(() => page.getByTestId('access').textContent(), POLL).toBe('No key needed (local platform)'); // 'Checking access…' until the session is read
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['Journey map', 'journey', 'Journey map'],
    ['Outbox', 'outbox', 'Outbox'],
    ['Experiments', 'experiments', 'Experiments'],
  ])('navigates to %s by its link, marks it current and focuses its heading', async (label, route, heading) => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${platform.url}/#/experiments/new`);
    await page.locator('main[data-route="new"]').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
    await page.locator(`main[data-route="${route}"]`).waitFor();
    await expect(page.locator('main h1').textContent()).resolves.toBe(heading);
    await expect(page.getByRole('link', { name: label }).getAttribute('aria-current')).resolves.toBe('page');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document.activeElement?.tagName), POLL).toBe('H1');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says so when a route does not exist', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(`${platform.url}/#/nowhere`);
    await expect(page.locator('main h1').textContent()).resolves.toBe('Page not found');
    await page.close();
  });
});
