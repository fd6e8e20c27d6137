import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { call, startTestPlatform, TestClock } from '../../support/local-api';
import { sendEmailTo, startClickExperiment } from '../../support/running-experiment';

const HOUR = 3_600_000;
let platform: LocalPlatform;
const clock = new TestClock(new Date('2026-11-10T09:00:00Z'));
let experimentId: string;

beforeAll(async () => {
  platform = await startTestPlatform('events', { clock });
  experimentId = await startClickExperiment(platform);
});
afterAll(async () => platform.stop());

async function emailSuccesses(): Promise<{ sends: number; responses: number }> {
  await call(platform, 'POST', `/v1/experiments/${experimentId}/reallocate`);
  const snapshot = await platform.deps.allocationStore.snapshot(experimentId);
  const arm = snapshot!.segments[0]!.arms.find((item) => item.channel === 'email')!;
  return { sends: arm.sends, responses: arm.responses };
}

const at = (offsetMs: number) => new Date(clock.now().getTime() + offsetMs).toISOString();

describe('POST /v1/events', () => {
  it('counts the goal once per decision, whatever duplicates arrive, even concurrently', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'dup');
    const before = await emailSuccesses();
    const event = { eventId: 'same-event', type: 'clicked', occurredAt: at(0), assignmentId };
    const results = await Promise.all(Array.from({ length: 8 }, () => call(platform, 'POST', '/v1/events', event)));
    expect(results.map((result) => result.body.status).sort()).toEqual(['counted', ...Array(7).fill('duplicate')]);
    // A second click with another id is recorded but the decision already has its success.
    const second = await call(platform, 'POST', '/v1/events', { ...event, eventId: 'other-click' });
    expect(second.body.status).toBe('recorded');
    const after = await emailSuccesses();
    expect(after.responses - before.responses).toBe(1);
  });

  it('records a late goal event without counting it', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'late');
    clock.advance(25 * HOUR);
    const late = await call(platform, 'POST', '/v1/events', { eventId: 'late-click', type: 'clicked', occurredAt: at(0), assignmentId });
    expect(late.body).toMatchObject({ status: 'recorded', attribution: 'late', counted: [] });
  });

  it('resolves the decision by experiment and customer', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'by-pair');
    const response = await call(platform, 'POST', '/v1/events', { eventId: 'pair-click', type: 'clicked', occurredAt: at(0), experimentId, customerId: 'by-pair' });
    expect(response.body).toMatchObject({ status: 'counted', assignmentId });
  });

  it.each([
    { name: 'an unknown assignment', body: { eventId: 'u1', type: 'clicked', occurredAt: '2026-11-10T09:00:00Z', assignmentId: 'nope' }, status: 404, code: 'not_found' },
    { name: 'an unknown type', body: { eventId: 'u2', type: 'liked', occurredAt: '2026-11-10T09:00:00Z', assignmentId: 'x' }, status: 400, code: 'validation_failed' },
    { name: 'no decision named', body: { eventId: 'u3', type: 'clicked', occurredAt: '2026-11-10T09:00:00Z' }, status: 400, code: 'validation_failed' },
    { name: 'an experiment without the customer', body: { eventId: 'u4', type: 'clicked', occurredAt: '2026-11-10T09:00:00Z', experimentId: 'e' }, status: 400, code: 'validation_failed' },
    { name: 'a date that is not ISO', body: { eventId: 'u5', type: 'clicked', occurredAt: 'yesterday', assignmentId: 'x' }, status: 400, code: 'validation_failed' },
    { name: 'an event in the future', body: { eventId: 'u6', type: 'clicked', occurredAt: '2030-01-01T00:00:00Z', assignmentId: 'x' }, status: 400, code: 'validation_failed' },
  ])('refuses $name with $status', async ({ body, status, code }) => {
    const response = await call(platform, 'POST', '/v1/events', body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  // Finding: event records kept the customer's id and the event's value (an order amount, a
  // survey score) for their whole 180-day TTL, though only the dedupe needs them kept. The
  // record now holds what the dedupe and the audit need: the decision, never the customer or the value.
  it('stores an event record without the customer id or the value (the counter and the decision hold what counts)', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'private-buyer');
    const response = await call(platform, 'POST', '/v1/events', { eventId: 'private-order', type: 'converted', occurredAt: at(0), experimentId, customerId: 'private-buyer', value: 1234.5 });
    expect(response.body).toMatchObject({ status: 'recorded', assignmentId });
    const { Item } = await platform.documents.send(new GetCommand({ TableName: platform.tableName, Key: { pk: 'EVENT#private-order', sk: 'META' } }));
    expect(Item).toMatchObject({ eventId: 'private-order', type: 'converted', assignmentId, experimentId, expiresAt: expect.any(Number) });
    expect(JSON.stringify(Item)).not.toContain('private-buyer');
    expect(JSON.stringify(Item)).not.toContain('1234.5');
  });

  it('answers a batch per event, one bad event rejected alone', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'batch');
    const response = await call(platform, 'POST', '/v1/events', {
      events: [
        { eventId: 'b1', type: 'opened', occurredAt: at(0), assignmentId },
        { eventId: 'b2', type: 'clicked', occurredAt: at(0), assignmentId: 'missing' },
        { eventId: 'b3', type: 'clicked', occurredAt: at(0), assignmentId, extra: true },
        { eventId: 'b4', type: 'clicked', occurredAt: at(0), assignmentId },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.results.map((result: { status: string }) => result.status)).toEqual(['recorded', 'rejected', 'rejected', 'counted']);
    expect(response.body.results[2].error.details).toContainEqual({ path: 'extra', message: 'unknown field "extra"' });
  });

  // Finding: an event nested deeper than 32 levels failed its whole batch with a 400 (the body guard ran first).
  it('a batch with one event carrying a field nested 40 deep: that one rejected naming the field, the others counted', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'deep-batch');
    let deep: unknown = 'leaf';
    for (let level = 0; level < 40; level += 1) deep = { next: deep };
    const response = await call(platform, 'POST', '/v1/events', {
      events: [
        { eventId: 'deep-1', type: 'opened', occurredAt: at(0), assignmentId },
        { eventId: 'deep-2', type: 'clicked', occurredAt: at(0), assignmentId, properties: deep },
        { eventId: 'deep-3', type: 'clicked', occurredAt: at(0), assignmentId },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.results.map((result: { status: string }) => result.status)).toEqual(['recorded', 'rejected', 'counted']);
    expect(response.body.results[1]).toMatchObject({ eventId: 'deep-2', error: { code: 'validation_failed' } });
    expect(JSON.stringify(response.body.results[1].error)).toContain('properties');
  });

  // The batch's wider depth limit must not let a customer event reach a write DynamoDB refuses (its
  // attributes are stored on the sends it triggers): one nested deeper than it stores is rejected alone.
  it('a batch with a customer event whose attributes nest 40 deep: that one rejected naming attributes, the other recorded', async () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 40; level += 1) deep = { next: deep };
    const customerEvent = (eventId: string, extra: Record<string, unknown> = {}) => ({ kind: 'customer', eventId, name: 'cart_abandoned', customerId: 'deep-shopper', occurredAt: at(0), ...extra });
    const response = await call(platform, 'POST', '/v1/events', { events: [customerEvent('deep-c1', { attributes: { tree: deep } }), customerEvent('deep-c2')] });
    expect(response.status).toBe(200);
    expect(response.body.results.map((result: { status: string }) => result.status)).toEqual(['rejected', 'recorded']);
    expect(response.body.results[0]).toMatchObject({ eventId: 'deep-c1', error: { code: 'validation_failed', details: [{ path: 'attributes', message: expect.stringContaining('levels deep') }] } });
  });

  it('a batch nested 3,000 deep → 400 naming the depth', async () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 3000; level += 1) deep = { next: deep };
    const response = await call(platform, 'POST', '/v1/events', { events: [{ eventId: 'abyss', type: 'clicked', occurredAt: at(0), assignmentId: 'x', properties: deep }] });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain('deeper than');
  });
});

describe('signed links', () => {
  async function linksOf(assignmentId: string): Promise<{ click: string; unsubscribe: string }> {
    const outbox = (await call(platform, 'GET', `/v1/outbox?experimentId=${experimentId}`)).body.items;
    const entry = outbox.find((item: { assignmentId: string }) => item.assignmentId === assignmentId);
    const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, platform.url);
    const html = entry.message.html as string;
    return { click: local(/href="([^"]*\/t\/[^"]+)"/.exec(html)![1]!), unsubscribe: local(entry.message.unsubscribeUrl as string) };
  }

  it('redirects a click only to the URL inside the token, and refuses forged ones', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'clicker');
    const { click } = await linksOf(assignmentId);
    const followed = await fetch(`${click}?next=https://evil.example.com`, { redirect: 'manual' });
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe('https://shop.example.com/offer');

    const token = click.split('/t/')[1]!;
    const [payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), url: 'https://evil.example.com' })).toString('base64url');
    for (const forged of [`${forgedPayload}.${signature}`, `${payload}.${signature!.slice(0, -2)}xx`, payload!, 'garbage']) {
      const response = await fetch(`${platform.url}/t/${forged}`, { redirect: 'manual' });
      expect(response.status).toBe(404);
      expect(response.headers.get('location')).toBeNull();
    }
    const { responses } = await emailSuccesses();
    const again = await fetch(click, { redirect: 'manual' });
    expect(again.status).toBe(302);
    expect((await emailSuccesses()).responses).toBe(responses);
  });

  it('shows a confirmation page on GET and unsubscribes on the one-click POST, for the next decision', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'leaver');
    const { unsubscribe } = await linksOf(assignmentId);
    const page = await fetch(unsubscribe);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    expect((await platform.deps.customers.get('leaver'))?.optOuts.email).toBeUndefined();

    for (let repeat = 0; repeat < 2; repeat += 1) {
      const posted = await fetch(unsubscribe, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click', redirect: 'manual' });
      expect(posted.status).toBe(200);
    }
    expect((await platform.deps.customers.get('leaver'))?.optOuts.email).toEqual(expect.any(String));

    const other = await startClickExperiment(platform);
    const next = await call(platform, 'POST', `/v1/experiments/${other}/sends`, { customerId: 'leaver', contact: { email: 'leaver@example.com' }, consents: { email: true } });
    expect(next.body).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
  });
});

describe('in-app inbox', () => {
  it('records an open once when the app reports a message read', async () => {
    const sent = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, { customerId: 'app-user', consents: { in_app: true } });
    expect(sent.body).toMatchObject({ status: 'queued', channel: 'in_app' });
    await platform.queue.drain();
    const [message] = (await call(platform, 'GET', '/v1/customers/app-user/inbox')).body.items;
    expect(message.assignmentId).toBe(sent.body.assignmentId);
    for (let repeat = 0; repeat < 2; repeat += 1) {
      const read = await call(platform, 'POST', `/v1/customers/app-user/inbox/${message.messageId}/read`);
      expect(read.body).toMatchObject({ status: 'read', messageId: message.messageId });
    }
    const again = await call(platform, 'POST', '/v1/events', { eventId: `inbox-read-${message.messageId}`, type: 'opened', occurredAt: clock.now().toISOString(), assignmentId: message.assignmentId });
    expect(again.body.status).toBe('duplicate');
    expect((await call(platform, 'GET', '/v1/customers/app-user/inbox')).body.items).toEqual([]);
  });
});
