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
    // A decision whose enqueue was lost: the queue refuses once.
    const queue = platform.deps.queue;
    const original = queue.enqueue.bind(queue);
    queue.enqueue = async (requests) => requests.map((request) => request.assignmentId);
    const lost = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, { customerId: 'lost', contact: { email: 'lost@example.com' }, consents: { email: true } });
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
});
