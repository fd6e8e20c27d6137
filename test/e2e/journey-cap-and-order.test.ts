import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../local/platform';
import type { OutboxEntry } from '../../shared/adapters/dynamodb/outbox-sender';
import { call, startTestPlatform, TestClock } from '../support/local-api';

/**
 * A journey of three stages, end to end on the local platform with the test clock: customer
 * events trigger sends of the journey's experiments; the journey's per-customer cap holds across
 * experiments (also when two sends of one customer come due in the same run); a customer who
 * entered a later stage leaves the earlier stage's pending sends (exited `later_stage`); the
 * journey's live counts equal what happened, send by send.
 */

const MINUTE = 60_000;
const T0 = new Date('2026-11-03T09:00:00Z'); // 10:00 in Paris

let platform: LocalPlatform;
const clock = new TestClock(T0);

beforeAll(async () => {
  platform = await startTestPlatform('journey-cap', { clock });
});
afterAll(async () => platform.stop());

/** A running experiment of `stage` triggered by `event` after `delayMinutes`. */
async function triggered(name: string, stage: string, event: string, delayMinutes: number): Promise<string> {
  const created = await call(platform, 'POST', '/v1/experiments', {
    name,
    stage,
    channels: [
      { channel: 'sms', text: `${name} {{firstName}}` },
      { channel: 'email', subject: name, text: `${name} {{firstName}}` },
    ],
    variables: ['firstName'],
    goal: { event: 'clicked', windowHours: 72 },
    policy: { holdout: 0 },
    trigger: { event, delay: { minutes: delayMinutes }, variables: { firstName: 'firstName' } },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await call(platform, 'POST', `/v1/experiments/${created.body.id}/start`)).status).toBe(200);
  return created.body.id as string;
}

async function profile(customerId: string): Promise<void> {
  const saved = await call(platform, 'PUT', `/v1/customers/${customerId}`, {
    attributes: {},
    contact: { email: `${customerId}@example.com`, phone: '+33612345678', timezone: 'Europe/Paris' },
    consents: { email: true, sms: true },
  });
  expect(saved.status).toBe(200);
}

const event = (customerId: string, name: string, minutes: number) => ({
  kind: 'customer',
  eventId: `${name}-${customerId}-${minutes}`,
  name,
  customerId,
  occurredAt: new Date(T0.getTime() + minutes * MINUTE).toISOString(),
  properties: { firstName: 'Sam' },
});

/** Posts customer events at their time. */
async function post(...events: ReturnType<typeof event>[]) {
  for (const item of events) {
    clock.set(new Date(item.occurredAt));
    const answer = await call(platform, 'POST', '/v1/events', item);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
}

/** Moves the clock, runs the one-minute schedule and delivers what it queued. */
async function runAt(minutes: number) {
  clock.set(new Date(T0.getTime() + minutes * MINUTE));
  const report = await platform.runSchedule();
  await platform.queue.drain();
  return report;
}

async function pending(customerId: string): Promise<{ experimentId: string; status: string; exitReason?: string }[]> {
  return (await call(platform, 'GET', `/v1/customers/${customerId}/pending-sends`)).body.items;
}

describe('a journey browse → cart → order with a cap of one message a week', () => {
  it('holds the cap across experiments, lets a later stage supersede an earlier one, and counts it all', async () => {
    const browse = await triggered('Still looking?', 'awareness', 'product_viewed', 60);
    const welcome = await triggered('Welcome', 'awareness', 'newsletter_joined', 60);
    const cart = await triggered('Your cart', 'consideration', 'cart_abandoned', 60);
    const order = await triggered('Thanks for your order', 'purchase', 'order_placed', 10);
    platform.clearCaches();
    const created = await call(platform, 'POST', '/v1/journeys', {
      name: 'Browse to buy',
      stages: [
        { stage: 'awareness', experimentIds: [browse, welcome] },
        { stage: 'consideration', experimentIds: [cart] },
        { stage: 'purchase', experimentIds: [order] },
      ],
      cap: { messages: 1, perDays: 7 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const journeyId = created.body.id as string;

    const customers = ['browser', 'capped', 'buyer', 'twin'];
    await Promise.all(customers.map(profile));
    // browser: only views a product → the browse reminder at +60.
    // capped: views (reminder at +60, sent), abandons a cart at +70 (reminder at +130): over the cap.
    // buyer: views at 0, orders at +20 (confirmation at +30): the browse reminder due at +60 is superseded.
    // twin: views and joins the newsletter at once: two awareness sends due in the same run, cap of one.
    await post(event('browser', 'product_viewed', 0), event('capped', 'product_viewed', 0), event('buyer', 'product_viewed', 0), event('twin', 'product_viewed', 0), event('twin', 'newsletter_joined', 0));
    await post(event('buyer', 'order_placed', 20));

    const before = await call(platform, 'GET', `/v1/journeys/${journeyId}/counts`);
    expect(before.body.counts).toMatchObject({ triggered: 6, waiting: 6, sent: 0, exited: { total: 0 } });

    expect((await runAt(30)).fired).toBe(1); // the buyer's order confirmation
    expect(await runAt(60)).toMatchObject({ fired: 3, exitedWhenDue: 2 }); // browser, capped, one of twin's; buyer's superseded, twin's other capped
    await post(event('capped', 'cart_abandoned', 70));
    expect(await runAt(130)).toMatchObject({ fired: 0, exitedWhenDue: 1 }); // capped's cart reminder: over the cap
    expect(await runAt(24 * 60)).toMatchObject({ fired: 0, exitedWhenDue: 0 });

    // What each customer got: never more than the cap of one in the week.
    const outbox = (await call(platform, 'GET', '/v1/outbox?limit=1000')).body.items as OutboxEntry[];
    const experiments = new Set([browse, welcome, cart, order]);
    const byCustomer = new Map<string, string[]>();
    for (const entry of outbox) {
      const decision = await platform.deps.assignments.get(entry.assignmentId);
      if (!decision || !experiments.has(decision.experimentId)) continue;
      byCustomer.set(decision.customerId, [...(byCustomer.get(decision.customerId) ?? []), decision.experimentId]);
    }
    expect(Object.fromEntries([...byCustomer].map(([customer, sent]) => [customer, sent.length]))).toEqual({ browser: 1, capped: 1, buyer: 1, twin: 1 });
    expect(byCustomer.get('browser')).toEqual([browse]);
    expect(byCustomer.get('capped')).toEqual([browse]);
    expect(byCustomer.get('buyer')).toEqual([order]);

    // Each pending send ended as the journey decided.
    expect(await pending('capped')).toEqual(expect.arrayContaining([expect.objectContaining({ experimentId: cart, status: 'exited', exitReason: 'journey_cap' })]));
    expect(await pending('buyer')).toEqual(expect.arrayContaining([expect.objectContaining({ experimentId: browse, status: 'exited', exitReason: 'later_stage' })]));
    const twin = await pending('twin');
    expect(twin.map((item) => item.status).sort()).toEqual(['exited', 'sent']);
    expect(twin.find((item) => item.status === 'exited')?.exitReason).toBe('journey_cap');
    // A refused send never became a decision.
    expect((await platform.deps.assignments.listForCustomer('capped')).map((decision) => decision.experimentId)).toEqual([browse]);

    // The live counts equal what happened.
    const counts = (await call(platform, 'GET', `/v1/journeys/${journeyId}/counts`)).body;
    expect(counts.counts).toEqual({ triggered: 7, waiting: 0, sent: 4, suppressed: 0, exited: { total: 3, byReason: { journey_cap: 2, later_stage: 1 } } });
    const stage = (name: string) => counts.stages.find((entry: { stage: string }) => entry.stage === name);
    expect(stage('awareness').counts).toMatchObject({ triggered: 5, sent: 3, exited: { total: 2, byReason: { later_stage: 1, journey_cap: 1 } } });
    expect(stage('consideration').experiments).toEqual([{ experimentId: cart, counts: { triggered: 1, waiting: 0, sent: 0, suppressed: 0, exited: { total: 1, byReason: { journey_cap: 1 } } } }]);
    expect(stage('purchase').counts).toMatchObject({ triggered: 1, sent: 1, exited: { total: 0 } });

    // A week later the cap has room again.
    await post(event('capped', 'cart_abandoned', 7 * 24 * 60 + 30));
    await runAt(7 * 24 * 60 + 90);
    expect(await pending('capped')).toEqual(expect.arrayContaining([expect.objectContaining({ experimentId: cart, status: 'sent' })]));
  }, 180_000);
});
