import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../shared/domain/experiment/channels';
import { call } from '../support/local-api';
import { type SendHarness, startSendHarness, SURVEY_VARIABLES } from '../shared/use-cases/sends/send-harness';

/** 48 customers, each sent twice, through the queue: about 9 s on a quiet machine, several times that on a loaded one. */
const SLOW_TEST_TIMEOUT_MS = 120_000;

let harness: SendHarness;

beforeAll(async () => {
  harness = await startSendHarness('e2e-sends');
});
afterAll(async () => harness.stop());

const api = (method: string, path: string, body?: unknown) => call(harness.platform, method, path, body);

/** Kinds of customers in the batch and the channels each may receive. */
const KINDS: { readonly name: string; readonly profile: Record<string, unknown>; readonly optOut?: Channel | 'all'; readonly allowed: readonly Channel[] }[] = [
  { name: 'everything', profile: { contact: { email: 'e@example.com', phone: '+33612345678', timezone: 'Europe/Paris' }, consents: { email: true, sms: true, in_app: true } }, allowed: ['email', 'sms', 'in_app'] },
  { name: 'email-opted-out', profile: { contact: { email: 'e@example.com', phone: '+33612345678', timezone: 'Europe/Paris' }, consents: { email: true, sms: true, in_app: true } }, optOut: 'email', allowed: ['sms', 'in_app'] },
  // 06:00 in New York when the batch goes: quiet hours, so the SMS is deferred to 08:00 EDT.
  { name: 'sms-only-asleep', profile: { contact: { phone: '+14155550123', timezone: 'America/New_York' }, consents: { sms: true } }, allowed: ['sms'] },
  { name: 'no-timezone', profile: { contact: { email: 'e@example.com', phone: '+33612345678' }, consents: { email: true, sms: true } }, allowed: ['email'] },
  { name: 'over-50-app', profile: { attributes: { age: 67 }, consents: { in_app: true } }, allowed: ['in_app'] },
  { name: 'all-opted-out', profile: { contact: { email: 'e@example.com' }, consents: { email: true } }, optOut: 'all', allowed: [] },
];

describe('local platform: a running experiment sends to a batch of customers', () => {
  it('each customer gets at most one message, on a channel they may receive; the outbox shows them; every decision is stored with its propensity', async () => {
    const created = await api('POST', '/v1/experiments', {
      name: 'Post-purchase survey, three channels',
      stage: 'post_purchase',
      channels: [
        { channel: 'sms', text: 'Hi {{firstName}}, how was your order? {{surveyUrl}}' },
        { channel: 'email', subject: 'How was your order, {{firstName}}?', html: '<p><a href="{{surveyUrl}}">Tell us</a></p>' },
        { channel: 'in_app', title: 'How was your order?', body: 'Hi {{firstName}}, tell us: {{surveyUrl}}' },
      ],
      variables: ['firstName', 'surveyUrl'],
      segments: [{ name: 'over_50', rule: { attribute: 'age', op: 'gte', value: 50 } }],
      goal: { event: 'survey_completed', windowHours: 72 },
      policy: { holdout: 0.1 },
    });
    expect(created.status).toBe(201);
    const experimentId = created.body.id as string;
    expect((await api('POST', `/v1/experiments/${experimentId}/start`)).status).toBe(200);

    const customers = KINDS.flatMap((kind) => Array.from({ length: 8 }, (_, index) => ({ id: `${kind.name}-${index}`, kind })));
    await Promise.all(
      customers.map(async ({ id, kind }) => {
        expect((await api('PUT', `/v1/customers/${id}`, kind.profile)).status).toBe(200);
        if (kind.optOut) expect((await api('POST', `/v1/customers/${id}/opt-out`, { channel: kind.optOut })).status).toBe(200);
      }),
    );

    const recipients = customers.map(({ id }) => ({ customerId: id, variables: SURVEY_VARIABLES }));
    // Each customer twice in the batch, and the whole batch sent twice: still one decision each.
    const response = await api('POST', `/v1/experiments/${experimentId}/sends`, { recipients: [...recipients, ...recipients] });
    expect(response.status).toBe(200);
    const repeat = await api('POST', `/v1/experiments/${experimentId}/sends`, { recipients });
    expect(repeat.body.results.every((result: { existing?: boolean; status: string }) => result.existing === true || result.status === 'suppressed')).toBe(true);
    await harness.platform.queue.drain();

    const outbox = await api('GET', `/v1/outbox?experimentId=${experimentId}&limit=1000`);
    const inboxMessages = (await Promise.all(customers.map(async ({ id }) => (await api('GET', `/v1/customers/${id}/inbox`)).body.items as { assignmentId: string }[]))).flat();
    const delivered = [...outbox.body.items.map((entry: { assignmentId: string; channel: Channel }) => ({ assignmentId: entry.assignmentId, channel: entry.channel })), ...inboxMessages.map((message) => ({ assignmentId: message.assignmentId, channel: 'in_app' as Channel }))];
    expect(outbox.body.items.every((entry: { channel: Channel }) => entry.channel !== 'in_app')).toBe(true);

    const byAssignment = new Map<string, Channel[]>();
    for (const { assignmentId, channel } of delivered) byAssignment.set(assignmentId, [...(byAssignment.get(assignmentId) ?? []), channel]);

    let queued = 0;
    const deferred: string[] = [];
    for (const { id, kind } of customers) {
      const decisions = await harness.deps.assignments.listForCustomer(id);
      if (kind.allowed.length === 0) {
        expect(decisions).toEqual([]);
        continue;
      }
      expect(decisions).toHaveLength(1);
      const [decision] = decisions;
      if (!decision) continue;
      expect(decision).toMatchObject({ experimentId, customerId: id, allocationVersion: 0, policy: 'thompson', decidedAt: harness.clock.now().toISOString() });
      expect(decision.segment).toBe(kind.name === 'over-50-app' ? 'over_50' : 'default');
      expect([...decision.eligibleChannels].sort()).toEqual([...kind.allowed].sort());
      const messages = byAssignment.get(decision.id) ?? [];
      if (decision.status === 'holdout') {
        expect(decision.propensity).toBe(0.1);
        expect(messages).toEqual([]);
        continue;
      }
      queued += 1;
      if (kind.name === 'sms-only-asleep') {
        expect(decision).toMatchObject({ status: 'deferred', channel: 'sms', sendAt: '2026-06-01T12:00:00.000Z', propensity: 0.9 });
        expect(messages).toEqual([]);
        deferred.push(decision.id);
        continue;
      }
      expect(decision.status).toBe('sent');
      expect(kind.allowed).toContain(decision.channel);
      expect(messages).toEqual([decision.channel]);
      // Uniform initial split renormalised over what this customer may receive, after the holdout.
      expect(decision.propensity).toBeCloseTo(0.9 / kind.allowed.length, 12);
    }
    expect(delivered).toHaveLength(queued - deferred.length);
    expect(queued).toBeGreaterThan(25);
    expect(deferred.length).toBeGreaterThan(0);

    // At 08:00 in New York the scheduled work releases the deferred SMS, each once.
    harness.clock.set(new Date('2026-06-01T11:59:00Z'));
    await harness.platform.runSchedule();
    await harness.platform.queue.drain();
    expect((await harness.deps.assignments.get(deferred[0] ?? ''))?.status).toBe('deferred');
    harness.clock.set(new Date('2026-06-01T12:00:00Z'));
    await harness.platform.runSchedule();
    await harness.platform.runSchedule();
    await harness.platform.queue.drain();
    const after = (await api('GET', `/v1/outbox?experimentId=${experimentId}&limit=1000`)).body.items as { assignmentId: string; channel: Channel }[];
    for (const id of deferred) {
      expect(await harness.deps.assignments.get(id)).toMatchObject({ status: 'sent', channel: 'sms' });
      expect(after.filter((entry) => entry.assignmentId === id)).toEqual([expect.objectContaining({ channel: 'sms' })]);
    }
    expect(after).toHaveLength(outbox.body.items.length + deferred.length);
  }, SLOW_TEST_TIMEOUT_MS);
});
