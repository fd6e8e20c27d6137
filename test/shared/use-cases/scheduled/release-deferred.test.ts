import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DispatchQueue, DispatchRequest } from '../../../../shared/use-cases/ports/dispatch-queue';
import { reconcile, STUCK_QUEUED_MS } from '../../../../shared/use-cases/reconciliation/reconcile';
import { releaseDeferred } from '../../../../shared/use-cases/scheduled/release-deferred';
import { sendToRecipients } from '../../../../shared/use-cases/sends/send-message';
import { type SendHarness, startSendHarness, SURVEY_VARIABLES } from '../sends/send-harness';

let harness: SendHarness;
let counter = 0;
/** 22:30 in Paris (summer): quiet hours, so an SMS decision is deferred to their end. */
const PARIS_NIGHT = new Date('2026-06-01T20:30:00Z');

beforeAll(async () => {
  harness = await startSendHarness('release');
});
afterAll(async () => harness.stop());
beforeEach(() => harness.clock.set(PARIS_NIGHT));

/** A decision deferred to the end of the customer's quiet hours: its id and when it is due. */
async function deferred(): Promise<{ id: string; sendAt: Date }> {
  const experimentId = await harness.experiment({ channels: [{ channel: 'sms', text: 'Hi {{firstName}} {{surveyUrl}}' }, { channel: 'push', title: 't', body: 'b' }], policy: { holdout: 0 } });
  const customerId = `night-${(counter += 1)}`;
  await harness.customer(customerId, { contact: { phone: '+33612345678', timezone: 'Europe/Paris' } });
  const [outcome] = await sendToRecipients(harness.deps, experimentId, [{ customerId, variables: SURVEY_VARIABLES }]);
  expect(outcome).toMatchObject({ status: 'deferred', sendAt: expect.any(String) });
  return { id: outcome?.assignmentId ?? '', sendAt: new Date(outcome?.sendAt ?? '') };
}

/** Reconciliation's re-enqueues `STUCK_QUEUED_MS` after `from`. */
async function reconciledAfter(from: Date): Promise<string[]> {
  const requeued: DispatchRequest[] = [];
  harness.clock.set(new Date(from.getTime() + STUCK_QUEUED_MS + 60_000));
  await reconcile({ ...harness.deps, queue: { enqueue: async (requests) => (requeued.push(...requests), []) } });
  return requeued.map((request) => request.assignmentId);
}

/** How a release's enqueue can lose its messages: the queue refuses, it throws, or the run stops before it. */
const LOSSES: { name: string; queue: DispatchQueue | 'stops' }[] = [
  { name: 'the queue refuses it', queue: { enqueue: async (requests) => requests.map((request) => request.assignmentId) } },
  { name: 'the enqueue throws', queue: { enqueue: async () => Promise.reject(new Error('SQS unavailable (injected)')) } },
  { name: 'the run stops between the release and its enqueue', queue: 'stops' },
];

describe('releasing deferred sends', () => {
  it('releases a deferred decision once when due and enqueues it once', async () => {
    const { id, sendAt } = await deferred();
    const enqueued: DispatchRequest[] = [];
    const deps = { ...harness.deps, queue: { enqueue: async (requests: readonly DispatchRequest[]) => (enqueued.push(...requests), []) } };
    harness.clock.set(new Date(sendAt.getTime() - 1));
    await releaseDeferred(deps);
    expect(enqueued.map((request) => request.assignmentId)).not.toContain(id);
    harness.clock.set(sendAt);
    await releaseDeferred(deps);
    await releaseDeferred(deps);
    expect(enqueued.filter((request) => request.assignmentId === id)).toHaveLength(1);
    expect(await harness.deps.assignments.get(id)).toMatchObject({ status: 'queued' });
  });

  // The release keeps putting the decision in the pending index in its status write (a new decision
  // is not there): whatever happens to its enqueue, reconciliation finds it.
  it.each(LOSSES)('a release whose message is lost ($name) is re-enqueued by reconciliation', async ({ queue }) => {
    const { id, sendAt } = await deferred();
    harness.clock.set(sendAt);
    if (queue === 'stops') expect(await harness.deps.assignments.transition({ id, from: ['deferred'], to: 'queued', set: { statusChangedAt: sendAt.toISOString() } })).toBe(true);
    else await releaseDeferred({ ...harness.deps, queue }).catch(() => 'the scheduled run fails; the next one finds nothing due');
    expect(await harness.deps.assignments.get(id)).toMatchObject({ status: 'queued' });
    expect(await reconciledAfter(sendAt)).toContain(id);
  });
});
