import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../local/platform';
import type { OutboxEntry } from '../../shared/adapters/dynamodb/outbox-sender';
import { createSeededRng } from '../../shared/domain/random';
import { call, startTestPlatform, TestClock } from '../support/local-api';

/**
 * Journeys that run themselves, end to end on the local platform with the test clock: customer
 * events in through /v1/events, sends out at the customer's local time after the delay, exits
 * cancelling, duplicates triggering once, and the bandit still learning per segment from sends
 * nobody called /sends for.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = new Date('2026-11-03T15:00:00Z'); // a Tuesday; Paris is UTC+1, New York UTC−5

let platform: LocalPlatform;
const clock = new TestClock(T0);

beforeAll(async () => {
  platform = await startTestPlatform('journey', { clock });
});
afterAll(async () => platform.stop());

async function profile(customerId: string, timezone: string | undefined, attributes: Record<string, unknown> = {}): Promise<void> {
  const contact = { email: `${customerId}@example.com`, phone: '+33612345678', ...(timezone ? { timezone } : {}) };
  const saved = await call(platform, 'PUT', `/v1/customers/${customerId}`, { attributes, contact, consents: { email: true, sms: true } });
  expect(saved.status).toBe(200);
}

function customerEvent(eventId: string, name: string, customerId: string, occurredAt: Date, properties: Record<string, unknown> = {}) {
  return { kind: 'customer', eventId, name, customerId, occurredAt: occurredAt.toISOString(), properties };
}

async function outbox(experimentId: string): Promise<OutboxEntry[]> {
  return (await call(platform, 'GET', `/v1/outbox?experimentId=${experimentId}&limit=1000`)).body.items as OutboxEntry[];
}

async function startExperiment(definition: Record<string, unknown>): Promise<string> {
  const created = await call(platform, 'POST', '/v1/experiments', definition);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const started = await call(platform, 'POST', `/v1/experiments/${created.body.id}/start`);
  expect(started.status).toBe(200);
  platform.clearCaches();
  return created.body.id as string;
}

/** Moves the clock, runs the one-minute schedule and delivers what it queued. */
async function runAt(at: Date) {
  clock.set(at);
  const report = await platform.runSchedule();
  await platform.queue.drain();
  return report;
}

describe('a survey two days after delivery, at 10:00 in the customer’s zone, unless the order is returned', () => {
  it('sends at the right local time, cancels on exit, triggers once per event, and counts it all', async () => {
    clock.set(T0);
    const experimentId = await startExperiment({
      name: 'Survey after delivery',
      stage: 'post_purchase',
      channels: [
        { channel: 'sms', text: 'How was order {{orderId}}? {{surveyUrl}}' },
        { channel: 'email', subject: 'Order {{orderId}}', text: 'Tell us: {{surveyUrl}}' },
      ],
      variables: ['orderId', 'surveyUrl'],
      goal: { event: 'clicked', windowHours: 72 },
      policy: { holdout: 0 },
      trigger: { event: 'order_delivered', delay: { minutes: 2 * 24 * 60, atLocalTime: '10:00' }, variables: { orderId: 'order.id', surveyUrl: 'survey' } },
      exits: [{ event: 'order_returned' }],
    });
    await profile('paris', 'Europe/Paris');
    await profile('newyork', 'America/New_York');
    await profile('nozone', undefined);
    await profile('returns', 'Europe/Paris');

    const delivered = (customerId: string) => customerEvent(`delivered-${customerId}`, 'order_delivered', customerId, T0, { order: { id: `o-${customerId}` }, survey: `https://example.com/s/${customerId}` });
    const posted = await call(platform, 'POST', '/v1/events', { events: ['paris', 'newyork', 'nozone', 'returns'].map(delivered) });
    expect(posted.status).toBe(200);
    const dueAt = Object.fromEntries((posted.body.results as { eventId: string; status: string; triggered: { dueAt: string }[] }[]).map((result) => [result.eventId, [result.status, result.triggered[0]?.dueAt]]));
    expect(dueAt).toEqual({
      'delivered-paris': ['triggered', '2026-11-06T09:00:00.000Z'], // two days later is 16:00 on Thursday in Paris: Friday 10:00
      'delivered-newyork': ['triggered', '2026-11-05T15:00:00.000Z'], // two days later is exactly 10:00 in New York
      'delivered-nozone': ['triggered', '2026-11-06T10:00:00.000Z'], // no zone: UTC
      'delivered-returns': ['triggered', '2026-11-06T09:00:00.000Z'],
    });

    // The same event again (at-least-once delivery): nothing new.
    const again = await call(platform, 'POST', '/v1/events', delivered('paris'));
    expect(again.body).toMatchObject({ kind: 'customer', status: 'duplicate', triggered: [{ experimentId, dueAt: '2026-11-06T09:00:00.000Z' }] });
    const parisPending = await call(platform, 'GET', '/v1/customers/paris/pending-sends');
    expect(parisPending.body.items).toHaveLength(1);
    expect(parisPending.body.items[0]).toMatchObject({ experimentId, eventId: 'delivered-paris', status: 'waiting', dueAt: '2026-11-06T09:00:00.000Z', variables: { orderId: 'o-paris', surveyUrl: 'https://example.com/s/paris' } });

    // One customer returns the order the next day: their survey is cancelled.
    clock.set(new Date(T0.getTime() + 24 * HOUR));
    const returned = await call(platform, 'POST', '/v1/events', customerEvent('returned-1', 'order_returned', 'returns', clock.now()));
    expect(returned.body).toMatchObject({ kind: 'customer', status: 'exited', exited: 1 });
    expect((await call(platform, 'GET', '/v1/customers/returns/pending-sends')).body.items[0]).toMatchObject({ status: 'exited', exitReason: 'exit_event', exitEventId: 'returned-1' });
    const unrelated = await call(platform, 'POST', '/v1/events', customerEvent('browsed-1', 'page_viewed', 'paris', clock.now()));
    expect(unrelated.body).toMatchObject({ status: 'recorded', message: expect.stringContaining('no running experiment') });

    // A minute before New York's 10:00: nothing yet.
    expect((await runAt(new Date('2026-11-05T14:59:00Z'))).fired).toBe(0);
    expect(await outbox(experimentId)).toHaveLength(0);
    // At 10:00 in New York: New York's survey, with the order's values.
    expect((await runAt(new Date('2026-11-05T15:00:30Z'))).fired).toBe(1);
    const first = await outbox(experimentId);
    expect(first).toHaveLength(1);
    expect(JSON.stringify(first[0]!.message)).toContain('o-newyork');
    // At 10:00 in Paris: Paris's (not the returned one); at 10:00 UTC: the customer without a zone.
    expect((await runAt(new Date('2026-11-06T09:00:00Z'))).fired).toBe(1);
    expect((await runAt(new Date('2026-11-06T10:00:00Z'))).fired).toBe(1);
    // A run later finds nothing to fire: a retried schedule sends nothing twice.
    expect((await runAt(new Date('2026-11-06T10:01:00Z'))).fired).toBe(0);
    const messages = await outbox(experimentId);
    expect(messages).toHaveLength(3);
    expect(new Set(messages.map((entry) => entry.assignmentId)).size).toBe(3);
    expect(messages.map((entry) => entry.sentAt).sort()).toEqual(['2026-11-05T15:00:30.000Z', '2026-11-06T09:00:00.000Z', '2026-11-06T10:00:00.000Z']);

    const sentPending = (await call(platform, 'GET', '/v1/customers/paris/pending-sends')).body.items[0];
    expect(sentPending).toMatchObject({ status: 'sent', assignmentId: expect.any(String) });
    const decision = await platform.deps.assignments.get(sentPending.assignmentId);
    expect(decision).toMatchObject({ experimentId, customerId: 'paris', step: 0, decidedAt: '2026-11-06T09:00:00.000Z', variables: { orderId: 'o-paris', surveyUrl: 'https://example.com/s/paris' } });
    // The cancelled send never became a decision: nothing was decided for that customer.
    expect(await platform.deps.assignments.listForCustomer('returns')).toEqual([]);

    const counts = await call(platform, 'GET', `/v1/experiments/${experimentId}/trigger-counts`);
    expect(counts.body).toEqual({ experimentId, triggered: 4, waiting: 0, sent: 3, suppressed: 0, exited: { total: 1, byReason: { exit_event: 1 } } });
    expect((await call(platform, 'GET', '/v1/experiments/missing/trigger-counts')).status).toBe(404);
  }, 120_000);

  it('triggers nothing from a value too long for a template, and refuses attributes too large to store (never a 5xx)', async () => {
    const long = await call(platform, 'POST', '/v1/events', customerEvent('delivered-long', 'order_delivered', 'paris', clock.now(), { order: { id: 'o-long' }, survey: `https://example.com/${'x'.repeat(20_000)}` }));
    expect(long.status).toBe(200);
    expect(long.body).toMatchObject({ status: 'recorded', message: expect.stringContaining('{{surveyUrl}} is over 10000 characters') });
    const huge = await call(platform, 'POST', '/v1/events', { ...customerEvent('delivered-huge', 'order_delivered', 'paris', clock.now(), { order: { id: 'o-huge' }, survey: 'https://example.com/s' }), attributes: { note: 'y'.repeat(500_000) } });
    expect(huge.status).toBe(400);
    expect(huge.body.error.details[0].path).toContain('attributes');
    expect((await call(platform, 'GET', '/v1/customers/paris/pending-sends')).body.items.map((item: { eventId: string }) => item.eventId)).not.toContain('delivered-huge');
  });

  it('refuses a bad customer event with a 4xx naming the field, alone in its batch', async () => {
    const bad = await call(platform, 'POST', '/v1/events', { kind: 'customer', eventId: 'x', name: 'order delivered', customerId: 'c', occurredAt: T0.toISOString() });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('name');
    const batch = await call(platform, 'POST', '/v1/events', { events: [{ kind: 'customer', eventId: 'y', name: 'ok', customerId: 'c' }, { kind: 'customer', eventId: 'z', name: 'ok', customerId: 'c', occurredAt: clock.now().toISOString() }] });
    expect(batch.status).toBe(200);
    expect(batch.body.results.map((result: { status: string }) => result.status)).toEqual(['rejected', 'recorded']);
    expect(batch.body.results[0].error.details[0].path).toBe('occurredAt');
  });
});

/** True response rates per segment and channel. */
const TRUE_RATES: Record<string, Record<string, number>> = {
  seniors: { sms: 0.4, email: 0.05 },
  default: { sms: 0.05, email: 0.4 },
};
const ROUNDS = 3;
const CUSTOMERS_PER_SEGMENT_PER_ROUND = 30;
const WINDOW_HOURS = 24;

describe('the bandit learns per segment from triggered sends', () => {
  it('moves each segment to its best channel, and its statistics equal the ground truth', async () => {
    const L0 = new Date('2026-11-10T11:00:00Z'); // 12:00 in Paris
    clock.set(L0);
    const experimentId = await startExperiment({
      name: 'Welcome after sign-up',
      stage: 'awareness',
      channels: [
        { channel: 'sms', text: 'Welcome {{firstName}}!' },
        { channel: 'email', subject: 'Welcome', text: 'Welcome {{firstName}}!' },
      ],
      variables: ['firstName'],
      segments: [{ name: 'seniors', rule: { attribute: 'age', op: 'gte', value: 50 } }],
      goal: { event: 'clicked', windowHours: WINDOW_HOURS },
      policy: { type: 'thompson', minShare: 0.02, burnIn: 0, holdout: 0, updateEveryMinutes: 60 },
      trigger: { event: 'signed_up', delay: { minutes: 30 }, variables: { firstName: 'firstName' } },
    });
    const rng = createSeededRng(20261129);
    const sends: Record<string, Record<string, number>> = { seniors: {}, default: {} };
    const responses: Record<string, Record<string, number>> = { seniors: {}, default: {} };
    let eventCounter = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const start = new Date(L0.getTime() + round * (WINDOW_HOURS + 2) * HOUR);
      clock.set(start);
      const events = [];
      for (const segment of ['seniors', 'default']) {
        for (let index = 0; index < CUSTOMERS_PER_SEGMENT_PER_ROUND; index += 1) {
          const customerId = `w${round}-${segment}-${index}`;
          events.push({ ...customerEvent(`signup-${customerId}`, 'signed_up', customerId, start, { firstName: 'Sam' }), age: segment === 'seniors' ? 70 : 30 });
        }
      }
      await Promise.all(events.map((event) => profile(event.customerId, 'Europe/Paris', { age: event.age })));
      const posted = await call(platform, 'POST', '/v1/events', { events: events.map(({ age: _age, ...event }) => event) });
      expect(posted.body.results.every((result: { status: string }) => result.status === 'triggered')).toBe(true);
      const report = await runAt(new Date(start.getTime() + 30 * MINUTE));
      expect(report.fired).toBe(2 * CUSTOMERS_PER_SEGMENT_PER_ROUND);
      clock.set(new Date(start.getTime() + 40 * MINUTE));
      const decisions = await Promise.all(
        events.map(async (event) => {
          const [pending] = await platform.deps.pendingSends.listForCustomer(event.customerId);
          return { event, decision: await platform.deps.assignments.get(pending!.assignmentId!) };
        }),
      );
      const answers = [];
      for (const { event, decision } of decisions) {
        expect(decision?.status).toBe('sent');
        const channel = decision!.channel!;
        const segment = decision!.segment;
        expect(segment).toBe(event.customerId.includes('seniors') ? 'seniors' : 'default');
        sends[segment]![channel] = (sends[segment]![channel] ?? 0) + 1;
        if (rng.next() >= TRUE_RATES[segment]![channel]!) continue;
        responses[segment]![channel] = (responses[segment]![channel] ?? 0) + 1;
        eventCounter += 1;
        answers.push({ eventId: `click-${eventCounter}`, type: 'clicked', occurredAt: clock.now().toISOString(), assignmentId: decision!.id });
      }
      const answered = await call(platform, 'POST', '/v1/events', { events: answers });
      expect(answered.body.results.every((result: { status: string }) => result.status === 'counted')).toBe(true);
      clock.set(new Date(start.getTime() + (WINDOW_HOURS + 1) * HOUR));
      expect((await call(platform, 'POST', `/v1/experiments/${experimentId}/reallocate`)).status).toBe(200);
      platform.clearCaches();
    }
    const snapshot = await platform.deps.allocationStore.snapshot(experimentId);
    for (const segment of snapshot!.segments) {
      const best = Object.entries(TRUE_RATES[segment.segment]!).sort(([, a], [, b]) => b - a)[0]![0];
      expect([...segment.arms].sort((a, b) => b.weight - a.weight)[0]!.channel, `largest weight in ${segment.segment}`).toBe(best);
      for (const arm of segment.arms) {
        expect(arm.sends, `${segment.segment}/${arm.channel} sends`).toBe(sends[segment.segment]![arm.channel] ?? 0);
        expect(arm.responses, `${segment.segment}/${arm.channel} responses`).toBe(responses[segment.segment]![arm.channel] ?? 0);
      }
    }
  }, 240_000);
});
