/**
 * Triggered journeys in Chromium on the local platform, with a test clock: in the editor a marketer
 * defines a trigger (event, delay in days, the customer's next 10:00, a variable from the event) and
 * an exit, meets the API's error beside the trigger's field, fixes it and saves; on the Journeys page
 * creates a journey of two stages with a per-customer cap (the API's errors beside their fields
 * first); then customer events come in and the journey map shows each stage's trigger and its live
 * counts (triggered, waiting, sent, exited) as the API counts them, following the next events on its
 * next poll. A read-only key sees no edit control. axe-core at desktop and phone width; screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../local/platform';
import type { JourneyCountsResponse } from '../../shared/contracts/journeys';
import type { TriggerCountsResponse } from '../../shared/contracts/triggers';
import { countFigures } from '../../web/src/views/journey/journey-counts-words';
import { checkAndShoot, launchChromium, POLL, screenshot, seriousAxeViolations, watchedPage } from '../support/browser';
import { cartReminderExperiment, surveyExperiment } from '../support/experiments';
import { call, startTestPlatform, TestClock } from '../support/local-api';

const MINUTE = 60_000;
const T0 = new Date('2026-11-03T09:00:00Z');
const clock = new TestClock(T0);
let platform: LocalPlatform;
let secured: LocalPlatform;
let browser: Browser;
let survey: string;
let cart: string;
let journey: string;

/** A customer event at `minutes` after T0 (the clock is moved there first). */
async function customerEvent(customerId: string, name: string, minutes: number): Promise<void> {
  const occurredAt = new Date(T0.getTime() + minutes * MINUTE);
  clock.set(occurredAt);
  const answer = await call(platform, 'POST', '/v1/events', { kind: 'customer', eventId: `${name}-${customerId}-${minutes}`, name, customerId, occurredAt: occurredAt.toISOString(), properties: { firstName: 'Sam' } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

async function apiCounts(): Promise<JourneyCountsResponse> {
  const answer = await call(platform, 'GET', `/v1/journeys/${journey}/counts`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as JourneyCountsResponse;
}

/** Each stage's figures on the page are the API's. */
async function expectCountsShow(page: Page, counts: JourneyCountsResponse): Promise<void> {
  for (const stage of counts.stages) {
    for (const figure of countFigures(stage.counts)) {
      await expect.poll(() => page.locator(`.journey-flow li[data-stage="${stage.stage}"] [data-count="${figure.key}"]`).textContent(), POLL).toBe(figure.text);
    }
  }
}

beforeAll(async () => {
  [platform, secured] = await Promise.all([startTestPlatform('web-journeys', { clock }), startTestPlatform('web-journeys-keys', { auth: true })]);
  for (const id of ['c-1', 'c-2', 'c-3']) {
    const saved = await call(platform, 'PUT', `/v1/customers/${id}`, { attributes: {}, contact: { email: `${id}@example.com`, phone: '+33612345678', timezone: 'Europe/Paris' }, consents: { email: true, sms: true } });
    expect(saved.status).toBe(200);
  }
  const created = await call(platform, 'POST', '/v1/experiments', cartReminderExperiment());
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  cart = created.body.id as string;
  expect((await call(platform, 'POST', `/v1/experiments/${cart}/start`)).status).toBe(200);
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([platform?.stop(), secured?.stop()]);
});

describe('triggers, exits and journeys in the web app', () => {
  it('defines a trigger and an exit in the editor, with the API’s error beside the trigger’s field', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${platform.url}/#/experiments/new`);
    await page.locator('main[data-route="new"] form').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Post-delivery survey');
    await page.getByLabel('Goal: the response that counts').selectOption('survey_completed');
    await page.getByLabel('Holdout share').fill('0');
    await page.getByLabel('Send when a customer event happens').check();
    await page.getByLabel('Event name').fill('order delivered');
    await page.getByLabel('Delay', { exact: true }).fill('2');
    await page.getByLabel('Unit').selectOption('days');
    await page.getByLabel("Then at the customer's next local time").check();
    await expect(page.getByLabel('Local time (HH:MM)').inputValue()).resolves.toBe('10:00');
    await page.getByRole('button', { name: 'Fill firstName from the event' }).click();
    await page.getByLabel('Event property for firstName').fill('firstName');
    await page.getByRole('button', { name: 'Add exit' }).click();
    await page.getByLabel('Exit event 1').fill('order_returned');
    await expect(page.locator('[data-field="trigger-summary"]').textContent()).resolves.toBe("In words: 2 days after order delivered, at 10:00 the customer's time.");

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByTestId('error-summary').waitFor();
    await expect(page.locator('[data-error-for="f-trigger-event"]').textContent()).resolves.toContain('event names start with a letter');
    await expect(page.getByLabel('Event name').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Exit event 1').inputValue()).resolves.toBe('order_returned'); // nothing typed is lost
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'web-editor-trigger-error');

    await page.getByLabel('Event name').fill('order_delivered');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect.poll(() => page.locator('.saved').textContent(), POLL).toMatch(/^Saved as a draft/);
    survey = /#\/experiments\/([^/]+)\/edit/.exec(page.url())?.[1] ?? '';
    const stored = (await call(platform, 'GET', `/v1/experiments/${survey}`)).body as { definition: { trigger: unknown; exits: unknown } };
    expect(stored.definition.trigger).toEqual({ event: 'order_delivered', delay: { minutes: 2880, atLocalTime: '10:00' }, variables: { firstName: 'firstName' } });
    expect(stored.definition.exits).toEqual([{ event: 'order_returned' }]);
    await page.locator('fieldset.trigger').scrollIntoViewIfNeeded();
    await checkAndShoot(page, 'editor-trigger');
    expect((await call(platform, 'POST', `/v1/experiments/${survey}/start`)).status).toBe(200);
    expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
    await page.close();
  }, 90_000);

  it('creates a journey of two stages with a cap on the Journeys page, its errors beside their fields first', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${platform.url}/#/journeys`);
    await expect(page.locator('[data-field="empty"]').textContent()).resolves.toContain('No journey yet');
    await page.getByRole('link', { name: 'New journey' }).click();
    await page.locator('main[data-route="journey_new"] form').waitFor();
    await page.getByRole('button', { name: 'Create journey' }).click();
    await page.getByTestId('error-summary').waitFor();
    await expect(page.locator('[data-error-for="f-name"]').textContent()).resolves.toContain('name is required');
    await expect(page.locator('[data-error-for="f-stages"]').textContent()).resolves.toContain('at least one stage');

    await page.getByLabel('Name', { exact: true }).fill('After the order');
    for (const stage of ['Post-purchase', 'Purchase']) {
      await page.getByLabel('Add a stage').selectOption({ label: stage });
      await page.getByRole('button', { name: 'Add stage' }).click();
    }
    await expect(page.locator('.stage-entries > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-stage')))).resolves.toEqual(['purchase', 'post_purchase']);
    await page.getByLabel(/Cart reminder \(running, after cart_abandoned \+ 1 h\)$/).check();
    await page.getByLabel(/Post-delivery survey \(running, after order_delivered \+ 2 d, at 10:00 local\)$/).check();
    await page.getByLabel("Limit the journey's messages per customer").check();
    await page.getByRole('button', { name: 'Create journey' }).click();
    await expect.poll(() => page.locator('.saved').textContent(), POLL).toBe('Saved (version 1).');
    const listed = (await call(platform, 'GET', '/v1/journeys')).body.items as { id: string; stages: unknown; cap: unknown }[];
    expect(listed).toHaveLength(1);
    journey = listed[0]?.id ?? '';
    expect(listed[0]?.stages).toEqual([{ stage: 'purchase', experimentIds: [cart] }, { stage: 'post_purchase', experimentIds: [survey] }]);
    expect(listed[0]?.cap).toEqual({ messages: 3, perDays: 7 });
    await checkAndShoot(page, 'journey-editor');

    await page.goto(`${platform.url}/#/journeys`);
    const card = page.locator(`li[data-journey="${journey}"]`);
    await expect(card.locator('[data-field="cap"]').textContent()).resolves.toBe('Limit: at most 3 messages per customer in any 7 days.');
    await expect.poll(() => card.locator('li[data-stage="purchase"]').textContent(), POLL).toContain('after cart_abandoned + 1 h'); // the experiments' names and triggers come with their own request
    await checkAndShoot(page, 'journeys');
    expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows each stage’s trigger and live counts on the journey map after events, and follows the next ones', async () => {
    await customerEvent('c-1', 'cart_abandoned', 0);
    await customerEvent('c-2', 'cart_abandoned', 1);
    await customerEvent('c-2', 'order_placed', 5); // exits c-2's reminder
    await customerEvent('c-3', 'order_delivered', 10); // the survey waits two days, then 10:00 Paris
    clock.set(new Date(T0.getTime() + 62 * MINUTE));
    await platform.runSchedule();
    await platform.queue.drain();
    const counts = await apiCounts();
    expect(counts.stages.map((stage) => [stage.stage, stage.counts.triggered, stage.counts.waiting, stage.counts.sent, stage.counts.exited.total])).toEqual([
      ['purchase', 2, 0, 1, 1],
      ['post_purchase', 1, 1, 0, 0],
    ]);

    const { page, problems } = await watchedPage(browser);
    await page.goto(`${platform.url}/?poll=1#/journey?journey=${journey}`);
    await page.locator(`.journey-flow[data-journey="${journey}"]`).waitFor();
    await expect.poll(() => page.locator('.journey-flow li[data-stage="purchase"] [data-field="trigger"]').textContent(), POLL).toBe('after cart_abandoned + 1 h');
    await expect(page.locator('.journey-flow li[data-stage="purchase"] [data-field="exits"]').textContent()).resolves.toBe('exits on order_placed');
    await expect(page.locator('.journey-flow li[data-stage="post_purchase"] [data-field="trigger"]').textContent()).resolves.toBe('after order_delivered + 2 d, at 10:00 local');
    await expectCountsShow(page, counts);
    await expect(page.locator('.journey-flow li[data-stage="purchase"] [data-field="exit-note"]').textContent()).resolves.toBe('1 by an exit event');
    await expect(page.locator('th[data-stage="purchase"] [data-field="stage-trigger"]').textContent()).resolves.toContain('Cart reminder: after cart_abandoned + 1 h');
    await checkAndShoot(page, 'journey-counts');

    await customerEvent('c-3', 'cart_abandoned', 70); // the page is open: the next poll shows it
    const later = await apiCounts();
    expect(later.stages[0]?.counts.triggered).toBe(3);
    await expectCountsShow(page, later);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows an experiment’s triggered sends on its results page, as the API counts them', async () => {
    const answer = await call(platform, 'GET', `/v1/experiments/${cart}/trigger-counts`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const counts = answer.body as TriggerCountsResponse;
    expect([counts.triggered, counts.sent, counts.exited.total]).toEqual([3, 1, 1]);

    const { page, problems } = await watchedPage(browser);
    await page.goto(`${platform.url}/#/experiments/${cart}`);
    const panel = page.locator('[data-field="triggered-sends"]');
    await panel.waitFor();
    await expect(panel.locator('[data-field="trigger"]').textContent()).resolves.toBe('Sent 1 hour after cart_abandoned. It exits on order_placed.');
    for (const figure of countFigures(counts)) {
      await expect.poll(() => panel.locator(`[data-count="${figure.key}"]`).textContent(), POLL).toBe(figure.text);
    }
    await expect(panel.locator('[data-field="exit-note"]').textContent()).resolves.toBe('1 by an exit event');
    await checkAndShoot(page, 'results-triggered');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('deletes a journey only once asked, after which its experiment is free to join another journey', async () => {
    const welcome = await call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: 'Welcome', stage: 'awareness' }));
    expect(welcome.status, JSON.stringify(welcome.body)).toBe(201);
    const series = await call(platform, 'POST', '/v1/journeys', { name: 'Welcome series', stages: [{ stage: 'awareness', experimentIds: [welcome.body.id] }] });
    expect(series.status, JSON.stringify(series.body)).toBe(201);
    const id = series.body.id as string;

    const { page, problems } = await watchedPage(browser);
    await page.goto(`${platform.url}/#/journeys/${id}`);
    await page.getByRole('button', { name: 'Delete journey' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Welcome series”?' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('free to join another journey');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'web-journey-delete-confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await call(platform, 'GET', `/v1/journeys/${id}`)).status).toBe(200);

    await page.getByRole('button', { name: 'Delete journey' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete journey' }).click();
    await page.locator('main[data-route="journeys"] section.journeys[data-count]').waitFor();
    await expect(page.locator(`li[data-journey="${id}"]`).count()).resolves.toBe(0);
    await expect(page.locator(`li[data-journey="${journey}"]`).count()).resolves.toBe(1);
    expect((await call(platform, 'GET', `/v1/journeys/${id}`)).status).toBe(404);
    const again = await call(platform, 'POST', '/v1/journeys', { name: 'Welcome again', stages: [{ stage: 'awareness', experimentIds: [welcome.body.id] }] });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});

describe('with a read-only key', () => {
  it('shows journeys and their counts without any edit control', async () => {
    const admin = { 'x-api-key': secured.adminKey ?? '' };
    const experiment = await call(
      secured,
      'POST',
      '/v1/experiments',
      {
        name: 'Welcome',
        stage: 'awareness',
        channels: [
          { channel: 'sms', text: 'Welcome' },
          { channel: 'email', subject: 'Welcome', text: 'Welcome' },
        ],
        goal: { event: 'clicked', windowHours: 24 },
        trigger: { event: 'signed_up' },
      },
      admin,
    );
    expect(experiment.status).toBe(201);
    const created = await call(secured, 'POST', '/v1/journeys', { name: 'Welcome series', stages: [{ stage: 'awareness', experimentIds: [experiment.body.id] }] }, admin);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const readKey = (await call(secured, 'POST', '/v1/api-keys', { name: 'analyst', scopes: ['read'] }, admin)).body.key as string;

    const { page } = await watchedPage(browser);
    await page.goto(`${secured.url}/#/journeys`);
    await page.getByLabel('API key').fill(readKey);
    await page.getByRole('button', { name: 'Use key' }).click();
    await expect.poll(() => page.getByTestId('access').textContent(), POLL).toBe('Key "analyst": read-only');
    await page.locator('.journey-list li[data-journey]').waitFor();
    await expect(page.locator('main').getByRole('button').count()).resolves.toBe(0);
    for (const name of ['New journey', /^Edit/]) await expect(page.locator('main').getByRole('link', { name }).count()).resolves.toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'web-journeys-read-only');

    await page.goto(`${secured.url}/#/journeys/new`);
    await expect(page.getByTestId('read-only').textContent()).resolves.toContain('needs a key with the “admin” scope');
    await expect(page.locator('main form').count()).resolves.toBe(0);

    await page.goto(`${secured.url}/#/journey?journey=${created.body.id as string}`);
    await page.locator('.journey-flow > dl.counts [data-count="triggered"]').waitFor();
    await expect(page.locator('main').getByRole('button').count()).resolves.toBe(0);
    await page.close();
  }, 60_000);
});
