import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRING_LEASE_MS } from '../../../../shared/adapters/dynamodb/pending-send-store';
import type { JourneyGate } from '../../../../shared/use-cases/ports/journey-gate';
import { firePendingSends } from '../../../../shared/use-cases/triggers/fire-pending-sends';
import { STUCK_QUEUED_MS } from '../../../../shared/use-cases/reconciliation/reconcile';
import { recordCustomerEvent } from '../../../../shared/use-cases/triggers/record-customer-event';
import { startSendHarness, type SendHarness } from '../sends/send-harness';

let harness: SendHarness;
beforeAll(async () => {
  harness = await startSendHarness('fire');
});
afterAll(async () => harness.stop());

const SURVEY_TRIGGER = { delay: { minutes: 60 }, variables: { firstName: 'name', surveyUrl: 'url' } };

/** A running survey experiment with a trigger of its own, a customer, and one triggering event; returns the pending send. */
async function triggered(label: string, overrides: Record<string, unknown> = {}) {
  const name = `${label}_delivered`;
  const experimentId = await harness.experiment({ trigger: { ...SURVEY_TRIGGER, event: name }, policy: { holdout: 0 }, ...overrides });
  const customerId = `${label}-customer`;
  await harness.customer(customerId);
  (harness.deps.listening as { clear?: () => void }).clear?.();
  const outcome = await recordCustomerEvent(harness.deps, {
    kind: 'customer',
    eventId: `${label}-event`,
    name,
    customerId,
    occurredAt: harness.clock.now().toISOString(),
    properties: { name: 'Ada', url: 'https://example.com/s' },
  });
  expect(outcome.status, JSON.stringify(outcome)).toBe('triggered');
  const pendingSendId = outcome.triggered![0]!.pendingSendId;
  return { experimentId, customerId, pendingSendId, dueAt: new Date(outcome.triggered![0]!.dueAt) };
}

describe('firing pending triggered sends', () => {
  it('makes one decision and one message however many runs fire at once', async () => {
    const { experimentId, customerId, pendingSendId, dueAt } = await triggered('once');
    harness.clock.set(dueAt);
    const reports = await Promise.all([firePendingSends(harness.deps), firePendingSends(harness.deps), firePendingSends(harness.deps)]);
    expect(reports.reduce((sum, report) => sum + report.fired, 0)).toBe(1);
    expect(await harness.outbox(experimentId)).toHaveLength(1);
    const pending = await harness.deps.pendingSends.get(customerId, pendingSendId);
    expect(pending).toMatchObject({ status: 'sent' });
    expect((await harness.deps.assignments.get(pending!.assignmentId!))?.status).toBe('sent');
  });

  it('re-fires a send whose run died after claiming it, once its lease has passed, into the same single decision', async () => {
    const { experimentId, customerId, pendingSendId, dueAt } = await triggered('lease');
    harness.clock.set(dueAt);
    expect(await harness.deps.pendingSends.claim(customerId, pendingSendId, dueAt.toISOString())).toMatchObject({ claimed: true }); // a run claims it, then dies
    expect((await firePendingSends(harness.deps)).fired).toBe(0);
    harness.clock.set(new Date(dueAt.getTime() + FIRING_LEASE_MS + 60_000));
    expect((await firePendingSends(harness.deps)).fired).toBe(1);
    expect(await harness.outbox(experimentId)).toHaveLength(1);
  });

  it.each([
    { name: 'a journey cap', refusal: 'journey_cap' as const },
    { name: 'a later stage', refusal: 'later_stage' as const },
  ])('exits without a decision when the journey refuses it for $name', async ({ refusal }) => {
    const calls: string[] = [];
    const refusing: JourneyGate = {
      entered: async () => void calls.push('entered'),
      admit: async () => (calls.push('admit'), { admitted: false, reason: refusal }),
      sent: async () => void calls.push('sent'),
    };
    const { experimentId, customerId, pendingSendId, dueAt } = await triggered(`gate-${refusal}`);
    harness.clock.set(dueAt);
    const report = await firePendingSends({ ...harness.deps, journeys: refusing });
    expect(report).toMatchObject({ fired: 0, exitedWhenDue: 1 });
    expect(calls).toEqual(['admit']);
    expect(await harness.deps.pendingSends.get(customerId, pendingSendId)).toMatchObject({ status: 'exited', exitReason: refusal });
    expect(await harness.deps.assignments.listForCustomer(customerId)).toEqual([]);
    expect((await harness.deps.pendingSends.counts(experimentId)).exited).toEqual({ total: 1, byReason: { [refusal]: 1 } });
  });

  // The queue refuses the fired decision when the dispatch outbox sends it: a new decision is stored
  // without a pending-index entry, so the refusal must put it there for reconciliation.
  it('a fired decision whose enqueue the queue refused is re-enqueued by reconciliation and sent once', async () => {
    const { experimentId, customerId, pendingSendId, dueAt } = await triggered('refused');
    harness.clock.set(dueAt);
    const queue = harness.platform.queue;
    const original = queue.enqueue.bind(queue);
    queue.enqueue = async (requests) => requests.map((request) => request.assignmentId);
    try {
      expect((await harness.platform.runSchedule()).fired).toBe(1);
      await queue.drain(); // the outbox reads the decision's insert; the queue refuses it
    } finally {
      queue.enqueue = original;
    }
    const pending = await harness.deps.pendingSends.get(customerId, pendingSendId);
    expect((await harness.deps.assignments.get(pending!.assignmentId!))?.status).toBe('queued');
    harness.clock.set(new Date(dueAt.getTime() + STUCK_QUEUED_MS + 60_000));
    expect((await harness.platform.runReconciliation()).requeued).toBeGreaterThanOrEqual(1);
    expect(await harness.outbox(experimentId)).toHaveLength(1);
    expect((await harness.deps.assignments.get(pending!.assignmentId!))?.status).toBe('sent');
  });

  it('exits a send whose experiment was paused before it came due', async () => {
    const { experimentId, customerId, pendingSendId, dueAt } = await triggered('paused');
    await harness.deps.experiments.save({ ...(await harness.deps.experiments.get(experimentId))!, status: 'paused', version: 3 }, 2);
    harness.clock.set(dueAt);
    (harness.deps.experimentSource as { clear?: () => void }).clear?.();
    expect((await firePendingSends(harness.deps)).exitedWhenDue).toBe(1);
    expect(await harness.deps.pendingSends.get(customerId, pendingSendId)).toMatchObject({ status: 'exited', exitReason: 'experiment_not_running' });
  });

  it('applies the send path’s rules when due: an opted-out customer is suppressed (no decision), quiet hours defer', async () => {
    const optedOut = await triggered('optout');
    await harness.deps.customers.optOut(optedOut.customerId, ['email', 'sms', 'push', 'in_app', 'webhook'], harness.clock.now().toISOString());
    harness.clock.set(optedOut.dueAt);
    expect((await firePendingSends(harness.deps)).firedSuppressed).toBe(1);
    expect(await harness.deps.pendingSends.get(optedOut.customerId, optedOut.pendingSendId)).toMatchObject({ status: 'suppressed', suppressedReason: expect.stringContaining('opted out') });
    expect(await harness.deps.assignments.listForCustomer(optedOut.customerId)).toEqual([]);

    // SMS only, due at 23:30 in Paris: decided then, delivered at the end of quiet hours.
    harness.clock.set(new Date('2026-06-01T20:30:00Z'));
    const night = await triggered('night', { channels: [{ channel: 'sms', text: 'Hi {{firstName}} {{surveyUrl}}' }, { channel: 'push', title: 't', body: 'b' }] });
    await harness.customer(night.customerId, { contact: { phone: '+33612345678', timezone: 'Europe/Paris' } });
    harness.clock.set(night.dueAt);
    expect((await firePendingSends(harness.deps)).fired).toBe(1);
    const pending = await harness.deps.pendingSends.get(night.customerId, night.pendingSendId);
    expect(await harness.deps.assignments.get(pending!.assignmentId!)).toMatchObject({ status: 'deferred', sendAt: '2026-06-02T06:00:00.000Z' });
  });

  it('follows up each triggered send of one customer on its own (two orders, two follow-ups)', async () => {
    const name = 'twice_delivered';
    const experimentId = await harness.experiment({ trigger: { ...SURVEY_TRIGGER, event: name }, policy: { holdout: 0 }, followUp: { afterHours: 1, maxSteps: 1 } });
    await harness.customer('twice-customer');
    (harness.deps.listening as { clear?: () => void }).clear?.();
    harness.clock.set(new Date('2026-06-02T08:00:00Z')); // 10:00 in Paris: no quiet hours for the follow-ups either
    const start = harness.clock.now();
    for (const eventId of ['order-1', 'order-2']) {
      const outcome = await recordCustomerEvent(harness.deps, { kind: 'customer', eventId, name, customerId: 'twice-customer', occurredAt: start.toISOString(), properties: { name: 'Ada', url: 'https://example.com/s' } });
      expect(outcome.status).toBe('triggered');
    }
    harness.clock.set(new Date(start.getTime() + 60 * 60_000));
    expect((await firePendingSends(harness.deps)).fired).toBe(2);
    expect(await harness.outbox(experimentId)).toHaveLength(2);
    harness.clock.set(new Date(start.getTime() + 3 * 60 * 60_000));
    const report = await harness.platform.runSchedule();
    expect(report.followedUp, JSON.stringify(report)).toBe(2);
    await harness.platform.queue.drain(); // the follow-ups reach the queue through the table's stream
    const all = await harness.deps.assignments.listForCustomer('twice-customer');
    expect(all.map((a) => a.status).sort(), JSON.stringify(all.map((a) => [a.step, a.status, a.channel, a.sendAt]))).toEqual(['sent', 'sent', 'sent', 'sent']);
    const messages = await harness.outbox(experimentId);
    expect(messages).toHaveLength(4);
    expect(new Set(messages.map((entry) => entry.assignmentId)).size).toBe(4);
  });
});
