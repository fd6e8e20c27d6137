/**
 * The experiments list in Chromium on the local platform: each experiment with its status, stage,
 * segments, the leader or winner per segment in words and its sends and responses as the API
 * counts them; filters by status and stage; search; clone into a new draft; pause with a
 * confirmation. Then the same platform with API keys: a read-only key sees no edit control at all,
 * and a tab without a key is told which scope it needs. axe-core at each view; screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../local/platform';
import { runSurvey } from '../functions/api/results-fixtures';
import { launchChromium, POLL, screenshot, seriousAxeViolations, VIEWPORTS, watchedPage } from '../support/browser';
import { surveyExperiment } from '../support/experiments';
import { call, startTestPlatform, TestClock } from '../support/local-api';

const clock = new TestClock(new Date('2026-03-02T09:00:00.000Z'));
let platform: LocalPlatform;
let secured: LocalPlatform;
let browser: Browser;
let runningId: string;
let readKey: string;

beforeAll(async () => {
  [platform, secured] = await Promise.all([startTestPlatform('web-list', { clock }), startTestPlatform('web-list-keys', { auth: true })]);
  ({ id: runningId } = await runSurvey(platform, clock, { customers: 80, prefix: 'wl', overrides: { name: 'Post-purchase survey (running)', policy: { burnIn: 5 } } }));
  expect((await call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: 'Welcome email or push', stage: 'awareness' }))).status).toBe(201);
  expect((await call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: 'Cart reminder', stage: 'purchase' }))).status).toBe(201);
  const admin = { 'x-api-key': secured.adminKey ?? '' };
  expect((await call(secured, 'POST', '/v1/experiments', surveyExperiment({ name: 'Loyalty points nudge', stage: 'loyalty' }), admin)).status).toBe(201);
  readKey = (await call(secured, 'POST', '/v1/api-keys', { name: 'analyst', scopes: ['read'] }, admin)).body.key as string;
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([platform?.stop(), secured?.stop()]);
});

function row(page: Page, name: string) {
  return page.locator('li.experiment', { has: page.getByRole('link', { name, exact: true }) });
}

describe('the experiments list', () => {
  it('shows each experiment with its verdicts in words and the API figures; filters, searches, clones', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${platform.url}/#/experiments`);
    await expect.poll(() => page.getByTestId('list-count').textContent(), POLL).toBe('3 experiments');
    const listed = (await call(platform, 'GET', '/v1/experiments')).body.items as { id: string; summary: { sends: number; responses: number; segments: { segment: string; winner: string | null }[] } }[];
    const summary = listed.find((item) => item.id === runningId)?.summary;
    expect(summary?.sends).toBeGreaterThan(0);
    const running = row(page, 'Post-purchase survey (running)');
    await expect(running.locator('[data-field="status"]').textContent()).resolves.toBe('running');
    await expect(running.locator('[data-field="stage"]').textContent()).resolves.toBe('Post-purchase');
    await expect(running.locator('[data-field="segments"]').textContent()).resolves.toBe('over_50, default');
    await expect(running.locator('[data-field="sends"]').textContent()).resolves.toBe(String(summary?.sends));
    await expect(running.locator('[data-field="responses"]').textContent()).resolves.toBe(String(summary?.responses));
    const verdicts = await running.locator('[data-field="verdicts"] li').allTextContents();
    expect(verdicts).toHaveLength(2);
    for (const verdict of verdicts) expect(verdict).toMatch(/^(over_50|default): (Email|SMS) (wins|leads \(not sure yet\))$/);
    await expect(row(page, 'Cart reminder').locator('[data-field="verdicts"]').textContent()).resolves.toBe('Not started');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'web-experiments');

    await page.getByLabel('Status').selectOption('draft');
    await expect.poll(() => page.getByTestId('list-count').textContent(), POLL).toBe('2 experiments');
    await page.getByLabel('Stage').selectOption('purchase');
    await expect.poll(() => page.getByTestId('list-count').textContent(), POLL).toBe('1 experiment');
    await page.getByLabel('Stage').selectOption('');
    await page.getByLabel('Search').fill('welcome');
    await expect.poll(() => page.getByTestId('list-count').textContent(), POLL).toBe('1 of 2 experiments match “welcome”');

    await row(page, 'Welcome email or push').getByRole('link', { name: 'Clone Welcome email or push' }).click();
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Copy of Welcome email or push');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).textContent(), POLL).toBe('Saved as a draft (version 1).');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('pauses a running experiment after saying what happens to traffic', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${platform.url}/#/experiments`);
    await row(page, 'Post-purchase survey (running)').getByRole('button', { name: 'Pause' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain('Send requests are refused until you resume');
    await dialog.getByRole('button', { name: 'Pause now' }).click();
    await expect.poll(() => row(page, 'Post-purchase survey (running)').locator('[data-field="status"]').textContent(), POLL).toBe('paused');
    expect((await call(platform, 'GET', `/v1/experiments/${runningId}`)).body.status).toBe('paused');
    await expect(row(page, 'Post-purchase survey (running)').getByRole('button', { name: 'Resume' }).count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('works at phone width', async () => {
    const { page } = await watchedPage(browser, VIEWPORTS.phone);
    await page.goto(`${platform.url}/#/experiments`);
    await page.getByTestId('list-count').waitFor();
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'web-experiments-phone');
    await page.close();
  });
});

describe('with API keys required', () => {
  it('tells a tab without a key which scope it needs', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(`${secured.url}/#/experiments`);
    await expect.poll(() => page.getByRole('alert').first().textContent(), POLL).toContain('This needs an API key with the "read" scope');
    await expect(page.getByLabel('API key').count()).resolves.toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows a read-only key the list without any edit control, and no editor', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${secured.url}/#/experiments`);
    await page.getByLabel('API key').fill(readKey);
    await page.getByRole('button', { name: 'Use key' }).click();
    await expect.poll(() => page.getByTestId('access').textContent(), POLL).toBe('Key "analyst": read-only');
    await expect.poll(() => page.getByTestId('list-count').textContent(), POLL).toBe('1 experiment');
    await expect(page.locator('main').getByRole('button').count()).resolves.toBe(0);
    for (const name of ['New experiment', /^Edit/, /^Clone/]) await expect(page.locator('main').getByRole('link', { name }).count()).resolves.toBe(0);
    await expect(page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem: (key: string) => string | null } }).sessionStorage.getItem('channel-lab.api-key'))).resolves.toBe(readKey);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'web-experiments-read-only');

    await page.goto(`${secured.url}/#/experiments/new`);
    await expect(page.getByTestId('read-only').textContent()).resolves.toContain('needs a key with the “admin” scope');
    await expect(page.locator('main form').count()).resolves.toBe(0);
    // Chromium logs the first call made before the key was typed (the 401 the previous test shows).
    expect(problems).toEqual(['error: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    await page.close();
  });
});
