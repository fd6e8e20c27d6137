/**
 * The dashboard in a real browser (Debian's chromium, driven by playwright-core): the local
 * platform, an experiment with simulated sends, responses and a reallocation, then what a person
 * sees — a row per segment × channel with the API's figures, the leader or winner in words, a
 * chart with one line per channel — and the page catching up on its next poll after more traffic.
 */
import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../local/platform';
import type { ExperimentResults } from '../../shared/domain/results/results-schema';
import { defaultResponder, HOUR_MS, runSurvey } from '../functions/api/results-fixtures';
import { call, startTestPlatform, TestClock } from '../support/local-api';

const CHROMIUM = '/usr/bin/chromium';
const clock = new TestClock(new Date('2026-03-02T09:00:00.000Z'));
let platform: LocalPlatform;
let browser: Browser;
let page: Page;
let id: string;
const problems: string[] = [];

/** One more round on the same experiment: sends, deliveries, answers inside the window, reallocation. */
async function anotherRound(prefix: string, customers: number): Promise<void> {
  const recipients = Array.from({ length: customers }, (_, index) => ({
    customerId: `${prefix}-${index}`,
    attributes: { age: index % 2 === 0 ? 60 : 30 },
    contact: { email: `${prefix}${index}@example.com`, phone: `+1415666${String(1000 + index).padStart(4, '0')}`, timezone: 'Europe/Paris' },
    consents: { sms: true, email: true },
    variables: { firstName: `C${index}`, surveyUrl: 'https://example.com/s' },
  }));
  const sent = await call(platform, 'POST', `/v1/experiments/${id}/sends`, { recipients });
  expect(sent.status).toBe(200);
  await platform.queue.drain();
  clock.advance(10 * 60_000);
  const events = (sent.body.results as { status: string; segment: string; channel: string | null; assignmentId: string }[]).flatMap((result, index) =>
    result.status === 'queued' && result.channel !== null && defaultResponder(index, result.segment, result.channel)
      ? [{ eventId: `${prefix}-ev-${index}`, type: 'survey_completed', occurredAt: clock.now().toISOString(), assignmentId: result.assignmentId }]
      : [],
  );
  expect((await call(platform, 'POST', '/v1/events', { events })).status).toBe(200);
  clock.advance(3 * HOUR_MS);
  expect((await call(platform, 'POST', `/v1/experiments/${id}/reallocate`)).status).toBe(200);
}

async function apiResults(): Promise<ExperimentResults> {
  const answer = await call(platform, 'GET', `/v1/experiments/${id}/results`);
  expect(answer.status).toBe(200);
  return answer.body as ExperimentResults;
}

/** The page shows, per segment × channel, the API's sends and responses, the verdict in words, and one line per channel. */
async function expectPageShows(results: ExperimentResults): Promise<void> {
  await page.locator(`#results[data-allocation-version="${results.allocationVersion}"]`).waitFor();
  await expect(page.locator('#experiment-name').textContent()).resolves.toBe(results.name);
  for (const segment of results.segments) {
    const section = page.locator(`section.segment[data-segment="${segment.segment}"]`);
    await expect(section.locator('h3').textContent()).resolves.toBe(`Segment: ${segment.segment}`);
    const verdict = (await section.locator('[data-field="verdict"]').textContent()) ?? '';
    if (segment.winner) expect(verdict).toContain(`Winner: ${segment.winner}`);
    else expect(verdict).toContain(`Leader: ${segment.leader}`);
    const marked = segment.winner ?? segment.leader;
    for (const arm of segment.arms) {
      const row = section.locator(`table.arms tr[data-channel="${arm.channel}"]`);
      await expect(row.locator('th[scope="row"]').textContent()).resolves.toBe(arm.channel);
      await expect(row.locator('[data-field="sends"]').textContent()).resolves.toBe(arm.sends.toLocaleString('en-US'));
      await expect(row.locator('[data-field="responses"]').textContent()).resolves.toBe(arm.responses.toLocaleString('en-US'));
      await expect(row.locator('[data-field="weight"]').textContent()).resolves.toBe(`${(arm.weight * 100).toFixed(1)} %`);
      const rate = (await row.locator('[data-field="rate"]').textContent()) ?? '';
      expect(rate).toMatch(/^\d+\.\d % \(\d+\.\d–\d+\.\d\)$/);
      expect(rate.startsWith(`${(arm.rate * 100).toFixed(1)} %`)).toBe(true);
      await expect(row.locator('[data-field="status"]').textContent()).resolves.toBe(arm.channel === marked ? (segment.winner ? 'Winner' : 'Leader') : '');
    }
    await expect(section.locator('table.arms tbody tr').count()).resolves.toBe(segment.arms.length);
    const chart = section.locator(`svg.chart[data-segment="${segment.segment}"]`);
    await expect(chart.locator('path').count()).resolves.toBe(segment.arms.length);
    const points = results.history.filter((point) => point.segment === segment.segment).length;
    for (const arm of segment.arms) {
      await expect(chart.locator(`g.line[data-channel="${arm.channel}"] circle`).count()).resolves.toBe(points);
    }
    await expect(section.locator('[data-field="holdout"]').textContent()).resolves.toContain(`Holdout: ${segment.holdout.sends} held out`);
  }
}

beforeAll(async () => {
  platform = await startTestPlatform('dashboard', { clock });
  ({ id } = await runSurvey(platform, clock, { customers: 120, prefix: 'dash', overrides: { name: 'Post-purchase survey (dashboard)', policy: { holdout: 0.1, burnIn: 10 } } }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the dashboard in chromium', () => {
  it('shows each segment × channel with the API figures, the leader in words and the split history, then follows the next allocation on its next poll', async () => {
    const response = await page.goto(`${platform.url}/dashboard?poll=1`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
    await expect(page.title()).resolves.toBe('Channel Lab dashboard');

    await page.locator(`#experiment option[value="${id}"]`).waitFor({ state: 'attached' });
    await page.getByLabel('Experiment').selectOption(id);
    const first = await apiResults();
    expect(first.allocationVersion).toBe(1);
    expect(first.totals.sends).toBeGreaterThan(0);
    await expectPageShows(first);
    await expect(page.locator('#summary').textContent()).resolves.toContain(`${first.totals.sends} sends`);

    await anotherRound('dash2', 120);
    const second = await apiResults();
    expect(second.allocationVersion).toBe(2);
    expect(second.totals.sends).toBeGreaterThan(first.totals.sends);
    await page.locator('#results[data-allocation-version="2"]').waitFor({ timeout: 10_000 });
    await expectPageShows(second);

    await mkdir('reports', { recursive: true });
    await page.screenshot({ path: 'reports/dashboard.png', fullPage: true });
    await expect(page.locator('#status').getAttribute('class')).resolves.not.toBe('error');
    expect(problems).toEqual([]);
  }, 40_000);
});
