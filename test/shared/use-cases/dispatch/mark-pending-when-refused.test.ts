import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPendingWhenRefused } from '../../../../shared/use-cases/dispatch/mark-pending-when-refused';
import { reconcile, STUCK_QUEUED_MS } from '../../../../shared/use-cases/reconciliation/reconcile';
import type { DispatchQueue, DispatchRequest } from '../../../../shared/use-cases/ports/dispatch-queue';
import { assignmentIdFor } from '../../../../shared/use-cases/sends/decide-for-customer';
import { sendToRecipients } from '../../../../shared/use-cases/sends/send-message';
import { type SendHarness, startSendHarness, SURVEY_VARIABLES } from '../sends/send-harness';

let harness: SendHarness;
let counter = 0;

beforeAll(async () => {
  harness = await startSendHarness('mark-pending');
});
afterAll(async () => harness.stop());

/** Queues that lose the first two recipients' messages in the ways SQS can. */
const QUEUES: { name: string; queue: (accepted: DispatchRequest[]) => DispatchQueue; throws: boolean }[] = [
  {
    name: 'refuses some entries of the batch',
    queue: (accepted) => ({ enqueue: async (requests) => (accepted.push(...requests.slice(2)), requests.slice(0, 2).map((request) => request.assignmentId)) }),
    throws: false,
  },
  {
    name: 'throws (nothing known to be enqueued)',
    queue: () => ({ enqueue: async () => Promise.reject(new Error('SQS unavailable (injected)')) }),
    throws: true,
  },
];

/** Reconciliation's re-enqueues, `STUCK_QUEUED_MS` later (the clock restored after). */
async function reconciledLater(): Promise<string[]> {
  const requeued: DispatchRequest[] = [];
  const start = harness.clock.now();
  harness.clock.advance(STUCK_QUEUED_MS + 60_000);
  try {
    await reconcile({ ...harness.deps, queue: { enqueue: async (requests) => (requeued.push(...requests), []) } });
  } finally {
    harness.clock.set(start);
  }
  return requeued.map((request) => request.assignmentId);
}

describe('markPendingWhenRefused: a decision the queue did not take is where reconciliation looks', () => {
  it.each(QUEUES)('the queue $name: the lost decisions are re-enqueued by reconciliation, the accepted ones are not in the pending index', async ({ queue, throws }) => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const customers = Array.from({ length: 4 }, () => `mp-${(counter += 1)}`);
    for (const customerId of customers) await harness.customer(customerId);
    // Stored without a pending-index entry (a send request enqueues nothing: the outbox or a release does, through this wrapper).
    await sendToRecipients(harness.deps, experimentId, customers.map((customerId) => ({ customerId, variables: SURVEY_VARIABLES })));
    const decided = (await harness.deps.assignments.getMany(customers.map((customerId) => assignmentIdFor(harness.deps.ids, experimentId, customerId, 0)))).map((decision) => decision.id);
    expect(decided).toHaveLength(4);
    const accepted: DispatchRequest[] = [];
    const enqueuing = markPendingWhenRefused(queue(accepted), harness.deps.pending).enqueue(decided.map((assignmentId) => ({ assignmentId, experimentId })));
    if (throws) await expect(enqueuing).rejects.toThrow(/injected/);
    else await enqueuing;
    const lost = decided.filter((id) => !accepted.some((request) => request.assignmentId === id));
    expect(lost).toHaveLength(throws ? 4 : 2);
    const requeued = await reconciledLater();
    expect(decided.filter((id) => requeued.includes(id)).sort()).toEqual([...lost].sort());
  });

  it('a queue that takes everything: nothing is written to the pending index', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const customerId = `mp-${(counter += 1)}`;
    await harness.customer(customerId);
    const [outcome] = await sendToRecipients(harness.deps, experimentId, [{ customerId, variables: SURVEY_VARIABLES }]);
    expect(outcome?.status).toBe('queued');
    expect(await markPendingWhenRefused({ enqueue: async () => [] }, harness.deps.pending).enqueue([{ assignmentId: outcome?.assignmentId ?? '', experimentId }])).toEqual([]);
    expect((await harness.deps.pending.listPending()).map((item) => item.id)).not.toContain(outcome?.assignmentId);
  });
});
