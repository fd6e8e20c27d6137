import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../../local/platform';
import { STUCK_QUEUED_MS } from '../../../../shared/use-cases/reconciliation/reconcile';
import { DELIVERY_NEWS_WITHIN_MS } from '../../../../shared/use-cases/dispatch/dispatch-assignment';
import { call, startTestPlatform, TestClock } from '../../../support/local-api';
import { sendEmailTo, startClickExperiment } from '../../../support/running-experiment';

let platform: LocalPlatform;
const clock = new TestClock(new Date('2026-11-14T09:00:00Z'));

beforeAll(async () => {
  platform = await startTestPlatform('reconcile', { clock });
});
afterAll(async () => platform.stop());
// Each test starts at the same instant, whatever ran before it (no order dependence on the shared clock).
beforeEach(() => clock.set(new Date('2026-11-14T09:00:00Z')));

describe('reconciliation', () => {
  it('re-enqueues a message lost between the decision and the queue, and reports emails without delivery news', async () => {
    const experimentId = await startClickExperiment(platform);
    // A decision whose enqueue was refused: the dispatch outbox reads its insert, the queue (the SQS
    // stand-in) refuses once, and the outbox marks it where reconciliation looks.
    const lost = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, { customerId: 'lost', contact: { email: 'lost@example.com' }, consents: { email: true } });
    const queue = platform.queue;
    const original = queue.enqueue.bind(queue);
    queue.enqueue = async (requests) => requests.map((request) => request.assignmentId);
    await platform.queue.drain();
    queue.enqueue = original;
    expect((await platform.deps.assignments.get(lost.body.assignmentId))?.status).toBe('queued');

    expect((await platform.runReconciliation()).requeued).toBe(0); // too young to call lost
    clock.advance(STUCK_QUEUED_MS + 60_000);
    const report = await platform.runReconciliation();
    expect(report).toMatchObject({ requeued: 1, stuck: 1 });
    await platform.queue.drain();
    expect((await platform.deps.assignments.get(lost.body.assignmentId))?.status).toBe('sent');

    // Sent with no delivery news within the watch period: reported once.
    clock.advance(DELIVERY_NEWS_WITHIN_MS + 60_000);
    expect(await platform.runReconciliation()).toMatchObject({ withoutDeliveryNews: 1 });
    expect(await platform.runReconciliation()).toMatchObject({ withoutDeliveryNews: 0, stuck: 0 });

    const delivered = await sendEmailTo(platform, experimentId, 'delivered');
    await call(platform, 'POST', '/v1/events', { eventId: 'dlv', type: 'delivered', occurredAt: clock.now().toISOString(), assignmentId: delivered });
    clock.advance(DELIVERY_NEWS_WITHIN_MS + 60_000);
    expect(await platform.runReconciliation()).toMatchObject({ withoutDeliveryNews: 0 });
  });

  // A decision whose outcome was noted (its status write failed beyond the store's retries) and
  // whose redeliveries all ran out is not left to a report: reconciliation enqueues it, the dispatch
  // applies the note (here: sent, with the provider's id) and the provider is not called again.
  it('re-enqueues a sending decision with a noted outcome; the dispatch records it without calling the provider', async () => {
    const experimentId = await startClickExperiment(platform);
    const sent = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, { customerId: 'noted', contact: { email: 'noted@example.com' }, consents: { email: true } });
    // The outbox's enqueue is refused (the test plays the dispatcher's claim and crash below).
    const queue = platform.queue;
    const original = queue.enqueue.bind(queue);
    queue.enqueue = async (requests) => requests.map((request) => request.assignmentId);
    await platform.queue.drain();
    queue.enqueue = original;
    const id: string = sent.body.assignmentId;
    const claim = await platform.deps.assignments.claim(id, clock.now().toISOString());
    expect(claim.claimed).toBe(true);
    expect(await platform.deps.assignments.noteOutcome(id, { to: 'sent', attempt: 1, messageId: 'provider-7', at: clock.now().toISOString() })).toBe(true);

    clock.advance(STUCK_QUEUED_MS + 60_000);
    expect(await platform.runReconciliation()).toMatchObject({ requeued: 1, stuckSending: 0 });
    await platform.queue.drain();
    expect(await platform.deps.assignments.get(id)).toMatchObject({ status: 'sent', messageId: 'provider-7', attempts: 1 });
    expect((await platform.deps.outbox.list({ experimentId })).filter((entry) => entry.assignmentId === id)).toEqual([]);
  });
});
