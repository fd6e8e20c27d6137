/**
 * The results view, the journey map and the outbox in Chromium on the local platform, with a test
 * clock: an experiment starts, a first trickle of traffic whose windows are still open reads "too
 * early" (raw counts, no interval, no confident 50 %), then matured traffic moves the results
 * view on its next poll (the sentence of what to do next, an interval per channel, the traffic
 * share over two allocator runs) and the journey map; a second experiment delivers email and
 * in-app messages shown in the outbox and inbox without loading anything remote. Each view: no
 * serious axe-core violation, no horizontal scrolling at phone width, screenshots under reports/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import type { TouchpointCell } from '../../../shared/domain/insights/touchpoint-map';
import type { ExperimentResults } from '../../../shared/domain/results/results-schema';
import { nextStep } from '../../../web/src/views/results/next-step';
import { slotEntry } from '../../../web/src/views/journey/journey-grid';
import { defaultResponder, HOUR_MS } from '../../functions/api/results-fixtures';
import { checkAndShoot, launchChromium, POLL, seriousAxeViolations, watchedPage } from '../../support/browser';
import { surveyExperiment } from '../../support/experiments';
import { call, startTestPlatform, TestClock } from '../../support/local-api';

const clock = new TestClock(new Date('2026-03-02T09:00:00.000Z'));
let platform: LocalPlatform;
let browser: Browser;
let survey: string;
let welcome: string;
/** Anything the page fetched outside the API and the app's own files (must stay empty: no pixel, no remote image). */
const probeHits: string[] = [];

/** Sends to `customers` customers (alternating over and under 50), answers per the default responder, and reallocates. */
async function round(prefix: string, customers: number, options: { readonly mature: boolean }): Promise<void> {
  const recipients = Array.from({ length: customers }, (_, index) => ({
    customerId: `${prefix}-${index}`,
    attributes: { age: index % 2 === 0 ? 60 : 30 },
    contact: { email: `${prefix}${index}@example.com`, phone: `+1415777${String(1000 + index).padStart(4, '0')}`, timezone: 'Europe/Paris' },
    consents: { sms: true, email: true },
    variables: { firstName: `C${index}`, surveyUrl: 'https://example.com/s' },
  }));
  const sent = await call(platform, 'POST', `/v1/experiments/${survey}/sends`, { recipients });
  expect(sent.status).toBe(200);
  await platform.queue.drain();
  clock.advance(10 * 60_000);
  const events = (sent.body.results as { status: string; segment: string; channel: string | null; assignmentId: string }[]).flatMap((result, index) =>
    result.status === 'queued' && result.channel !== null && defaultResponder(index, result.segment, result.channel)
      ? [{ eventId: `${prefix}-ev-${index}`, type: 'survey_completed', occurredAt: clock.now().toISOString(), assignmentId: result.assignmentId }]
      : [],
  );
  if (events.length > 0) expect((await call(platform, 'POST', '/v1/events', { events })).status).toBe(200);
  if (options.mature) clock.advance(3 * HOUR_MS); // past the one-hour window: every send matured
  expect((await call(platform, 'POST', `/v1/experiments/${survey}/reallocate`)).status).toBe(200);
}

async function apiResults(id: string): Promise<ExperimentResults> {
  const answer = await call(platform, 'GET', `/v1/experiments/${id}/results`);
  expect(answer.status).toBe(200);
  return answer.body as ExperimentResults;
}

async function apiCells(): Promise<TouchpointCell[]> {
  const answer = await call(platform, 'GET', '/v1/insights/touchpoints');
  expect(answer.status).toBe(200);
  return answer.body.cells as TouchpointCell[];
}

/** The results view shows, per segment, the sentence the wording gives for the API's figures, and per arm its row. */
async function expectResultsShow(page: Page, results: ExperimentResults): Promise<void> {
  await page.locator(`.results-view[data-allocation-version="${results.allocationVersion}"]`).waitFor({ timeout: 15_000 });
  for (const segment of results.segments) {
    const section = page.locator(`section.segment-results[data-segment="${segment.segment}"]`);
    await expect(section.locator('[data-field="next-step"]').textContent()).resolves.toBe(nextStep(segment).sentence);
    const plot = section.locator(`svg.interval-plot[data-segment="${segment.segment}"]`);
    for (const arm of segment.arms) {
      const row = section.locator(`table.arms tr[data-channel="${arm.channel}"]`);
      await expect(row.locator('[data-field="sends"]').textContent()).resolves.toBe(`${arm.sends.toLocaleString('en-US')} (${arm.maturedSends.toLocaleString('en-US')})`);
      const early = (await row.getAttribute('class')) === 'too-early';
      const rate = (await row.locator('[data-field="rate"]').textContent()) ?? '';
      if (early) {
        expect(rate).toBe(arm.summary.charAt(0).toUpperCase() + arm.summary.slice(1));
        expect(arm.summary).toMatch(/^(too early to say|no sends yet)/);
        await expect(row.locator('[data-field="probability-best"]').count()).resolves.toBe(0);
        await expect(plot.locator(`g.arm[data-channel="${arm.channel}"] .interval`).count()).resolves.toBe(0);
        await expect(plot.locator(`g.arm[data-channel="${arm.channel}"] .too-early-note`).textContent()).resolves.toContain('Too early to say');
      } else {
        expect(rate.startsWith(`${(arm.rate * 100).toFixed(1)} %`)).toBe(true);
        await expect(plot.locator(`g.arm[data-channel="${arm.channel}"] .interval`).count()).resolves.toBe(1);
        await expect(plot.locator(`g.arm[data-channel="${arm.channel}"] .rate-marker`).count()).resolves.toBe(1);
      }
    }
    const runs = results.history.filter((point) => point.segment === segment.segment).length;
    if (runs > 0) {
      for (const arm of segment.arms) {
        await expect(section.locator(`svg.share-chart g.line[data-channel="${arm.channel}"] .run-marker`).count()).resolves.toBe(runs);
      }
    }
  }
}

beforeAll(async () => {
  platform = await startTestPlatform('webviews', { clock });
  const created = await call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: 'Post-purchase survey', goal: { event: 'survey_completed', windowHours: 1 }, policy: { holdout: 0.1, burnIn: 10 } }));
  expect(created.status).toBe(201);
  survey = created.body.id as string;
  expect((await call(platform, 'POST', `/v1/experiments/${survey}/start`)).status).toBe(200);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the results view and the journey map follow the experiment', () => {
  it('reads "too early" on open windows, then shows the matured figures, the next step and the split moving; the journey map fills in', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${platform.url}/?poll=1#/journey`);
    await page.locator('.journey-view[data-cells="0"]').waitFor();
    await expect(page.locator('[data-field="empty"]').textContent()).resolves.toContain('every stage is a gap to test');
    await expect(page.locator('th[data-stage="post_purchase"]').textContent()).resolves.toContain('awaiting results: Post-purchase survey (running)');

    await page.goto(`${platform.url}/?poll=1#/experiments/${survey}`);
    const before = await apiResults(survey);
    expect(before.allocationVersion).toBe(0);
    await expectResultsShow(page, before);
    await expect(page.locator('section.segment-results [data-kind="no_sends"]').count()).resolves.toBe(before.segments.length);

    await round('early', 16, { mature: false });
    const early = await apiResults(survey);
    expect(early.segments.flatMap((segment) => segment.arms).every((arm) => arm.maturedSends === 0)).toBe(true);
    await expectResultsShow(page, early);
    await expect(page.locator('section.segment-results [data-kind="too_early"]').count()).resolves.toBe(early.segments.length);
    await expect(page.locator('table.arms td[data-field="probability-best"]').count()).resolves.toBe(0); // no confident-looking 50 %

    // The journey map already has its cells, too early to say; it must not be served from the browser's
    // cache (max-age 60 s) when the next visit comes sooner than that.
    await page.goto(`${platform.url}/?poll=1#/journey`);
    const earlyCells = await apiCells();
    await page.locator(`.journey-view[data-cells="${earlyCells.length}"]`).waitFor();
    for (const cell of earlyCells) {
      await expect(page.locator(`tr[data-segment="${cell.segment}"] td[data-stage="${cell.stage}"] [data-field="headline"]`).textContent()).resolves.toBe(slotEntry(cell).headline);
    }
    await page.goto(`${platform.url}/?poll=1#/experiments/${survey}`);

    await round('late', 160, { mature: true });
    const late = await apiResults(survey);
    expect(late.allocationVersion).toBe(2);
    await expectResultsShow(page, late);
    await expect(page.locator('[data-field="updated-at"]').textContent()).resolves.toContain('allocator run 2');
    await expect(page.locator('section.segment-results[data-segment="over_50"] [data-field="next-step"]').textContent()).resolves.toMatch(/^sms (wins|leads) for over_50/);
    await expect(page.locator('[data-field="holdout"]').first().textContent()).resolves.toMatch(/held out/);
    await checkAndShoot(page, 'results');

    await page.goto(`${platform.url}/?poll=1#/journey`);
    const cells = await apiCells();
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.map((cell) => slotEntry(cell).headline)).not.toEqual(earlyCells.map((cell) => slotEntry(cell).headline));
    await page.locator(`.journey-view[data-cells="${cells.length}"]`).waitFor();
    for (const cell of cells) {
      const slot = page.locator(`tr[data-segment="${cell.segment}"] td[data-stage="${cell.stage}"]`);
      await expect(slot.locator('[data-field="headline"]').textContent()).resolves.toBe(slotEntry(cell).headline);
      await expect(slot.locator(`a[href="#/experiments/${survey}"]`).count()).resolves.toBe(1);
    }
    await expect(page.locator('tr[data-segment="over_50"] td[data-stage="awareness"] .gap').textContent()).resolves.toContain('Gap: nothing tested yet');
    await expect(page.locator('th[data-stage="loyalty"]').textContent()).resolves.toContain('gap to test');
    await checkAndShoot(page, 'journey');

    // A gap's "test it" opens the editor at that stage, for that segment, its rule copied from the survey.
    await page.locator('tr[data-segment="over_50"] td[data-stage="awareness"] a[data-field="test-gap"]').click();
    await page.locator('main[data-route="new"] form').waitFor();
    await expect(page.locator('main h1').textContent()).resolves.toBe('New experiment: Awareness for over_50');
    await expect(page.getByLabel('Journey stage').inputValue()).resolves.toBe('awareness');
    await expect(page.getByLabel('Segment 1 name').inputValue()).resolves.toBe('over_50');
    await expect(page.locator('#f-segments-0-rule-all-0-attribute').inputValue()).resolves.toBe('age');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('runs the experiment from its results page: pause and resume, each asking first', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${platform.url}/?poll=1#/experiments/${survey}`);
    const pause = page.locator('.results-actions button[data-action="pause"]');
    await pause.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain('Pause');
    await dialog.getByRole('button', { name: /now$/ }).click();
    await expect.poll(() => page.locator('[data-field="status"]').textContent(), POLL).toBe('paused');
    expect((await call(platform, 'GET', `/v1/experiments/${survey}`)).body.status).toBe('paused');
    await page.locator('.results-actions button[data-action="resume"]').click();
    await page.getByRole('dialog').getByRole('button', { name: /now$/ }).click();
    await expect.poll(() => page.locator('[data-field="status"]').textContent(), POLL).toBe('running');
    expect((await call(platform, 'GET', `/v1/experiments/${survey}`)).body.status).toBe('running');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('the outbox and the in-app inbox', () => {
  beforeAll(async () => {
    const created = await call(platform, 'POST', '/v1/experiments', {
      name: 'Welcome',
      stage: 'awareness',
      channels: [
        { channel: 'email', subject: 'Welcome, {{firstName}}', html: `<p>Hello <strong>{{firstName}}</strong>.</p><img alt="" src="${'{{probeUrl}}'}" width="1" height="1">` },
        { channel: 'in_app', title: 'Welcome aboard', body: 'Two tips to start', callToAction: { label: 'See the tips', url: 'https://example.com/tips' } },
        { channel: 'sms', text: 'Welcome {{firstName}}: reply STOP to opt out' },
      ],
      variables: ['firstName', 'probeUrl'],
      goal: { event: 'clicked', windowHours: 24 },
    });
    expect(created.status).toBe(201);
    welcome = created.body.id as string;
    expect((await call(platform, 'POST', `/v1/experiments/${welcome}/start`)).status).toBe(200);
    const recipients = Array.from({ length: 12 }, (_, index) => ({
      customerId: `welcome-${index}`,
      attributes: { age: 40 },
      // Each third may get one channel only (in-app, email, SMS): each channel is sure to carry some.
      ...[
        { contact: {}, consents: { in_app: true } },
        { contact: { email: `w${index}@example.com` }, consents: { email: true } },
        { contact: { phone: `+1415888${String(1000 + index).padStart(4, '0')}`, timezone: 'Europe/Paris' }, consents: { sms: true } },
      ][Math.floor(index / 4)],
      variables: { firstName: `W${index}`, probeUrl: `${platform.url}/probe/pixel-${index}.gif` },
    }));
    const sent = await call(platform, 'POST', `/v1/experiments/${welcome}/sends`, { recipients });
    expect(sent.status).toBe(200);
    await platform.queue.drain();
  });

  it('lists what was delivered, renders the email in a sandboxed frame that loads nothing, and shows an inbox', async () => {
    const { page, problems } = await watchedPage(browser);
    page.on('request', (request) => {
      if (request.url().includes('/probe/')) probeHits.push(request.url());
    });
    const outbox = (await call(platform, 'GET', '/v1/outbox?limit=50')).body.items as { channel: string; message: { to?: string } }[];
    const emails = outbox.filter((entry) => entry.channel === 'email');
    expect(emails.length).toBeGreaterThan(0);
    await page.goto(`${platform.url}/#/outbox`);
    await page.locator(`.outbox[data-count="${outbox.length}"]`).waitFor();
    const welcomeEmail = page.locator('article[aria-label^="Email to w"]').first(); // one may be held out
    const frame = welcomeEmail.locator('iframe.email-frame');
    await frame.scrollIntoViewIfNeeded();
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    await expect(welcomeEmail.frameLocator('iframe.email-frame').locator('strong').textContent()).resolves.toMatch(/^W[4-7]$/);
    await expect(page.locator('article[aria-label^="SMS to +1415888"] .sms-bubble').first().textContent()).resolves.toMatch(/^Welcome W(8|9|10|11): reply STOP to opt out$/);
    await expect(page.locator('article[aria-label^="SMS to +1415888"] [data-field="sms-size"]').first().textContent()).resolves.toMatch(/^GSM-7, 3[34] characters, 1 segment$/);

    await page.getByLabel('Channel').selectOption('email');
    await page.locator(`.outbox[data-count="${emails.length}"]`).waitFor();

    const withInApp = await (async () => {
      for (let index = 0; index < 8; index += 1) {
        const inbox = await call(platform, 'GET', `/v1/customers/welcome-${index}/inbox`);
        if ((inbox.body.items as unknown[]).length > 0) return `welcome-${index}`;
      }
      throw new Error('no in-app message delivered');
    })();
    await page.getByLabel('Customer id').fill(withInApp);
    await page.getByRole('button', { name: 'Show inbox' }).click();
    await page.locator('.inbox[data-count="1"]').waitFor();
    await expect(page.locator('.inbox article[data-channel="in_app"] .card-title').textContent()).resolves.toBe('Welcome aboard');
    await expect(page.locator('.inbox .cta-label').textContent()).resolves.toBe('See the tips');
    const stillPending = await call(platform, 'GET', `/v1/customers/${withInApp}/inbox`);
    expect((stillPending.body.items as unknown[]).length).toBe(1); // reading it here did not mark it read

    await page.getByLabel('Channel').selectOption('');
    await checkAndShoot(page, 'outbox');
    expect(probeHits).toEqual([]);
    await expect(welcomeEmail.locator('[data-field="images-not-loaded"]').textContent()).resolves.toMatch(/^\d+ images? not loaded/);
    expect(problems).toEqual([]); // nothing was even attempted: no CSP refusal either
    await page.close();
  }, 60_000);
});

