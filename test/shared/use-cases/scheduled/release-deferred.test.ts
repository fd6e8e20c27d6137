/**
 * Releasing deferred sends (issue 11): the release (deferred → queued) is the table stream record
 * the dispatch outbox sends to the dispatch queue, so the release enqueues nothing itself, makes
 * one index write (its DEFERRED entry removed, no PENDING# entry), and a run stopped right after
 * it loses nothing. On the local platform (DynamoDB Local's stream, the in-process queue).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assignmentEntity } from '../../../../shared/adapters/dynamodb/entities/assignment-entity';
import { newDecisionsOf } from '../../../../shared/adapters/dynamodb/new-decision-records';
import { changeOf, type TableStreamRecord } from '../../../../shared/adapters/dynamodb/stream-records';
import { GSI4 } from '../../../../shared/adapters/dynamodb/table-definition';
import { dispatchNewDecisions, type NewDecision } from '../../../../shared/use-cases/dispatch/dispatch-new-decisions';
import type { DispatchQueue, DispatchRequest } from '../../../../shared/use-cases/ports/dispatch-queue';
import { reconcile, STUCK_QUEUED_MS } from '../../../../shared/use-cases/reconciliation/reconcile';
import { releaseDeferred } from '../../../../shared/use-cases/scheduled/release-deferred';
import { sendToRecipients } from '../../../../shared/use-cases/sends/send-message';
import { streamRecords } from '../../../support/counter-stream';
import { outboxRequests, platformTable } from '../../../support/outbox-stream';
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

/** A decision deferred to the end of the customer's quiet hours: its id, experiment and when it is due. */
async function deferred(): Promise<{ id: string; experimentId: string; sendAt: Date }> {
  const experimentId = await harness.experiment({ channels: [{ channel: 'sms', text: 'Hi {{firstName}} {{surveyUrl}}' }, { channel: 'push', title: 't', body: 'b' }], policy: { holdout: 0 } });
  const customerId = `night-${(counter += 1)}`;
  await harness.customer(customerId, { contact: { phone: '+33612345678', timezone: 'Europe/Paris' } });
  const [outcome] = await sendToRecipients(harness.deps, experimentId, [{ customerId, variables: SURVEY_VARIABLES }]);
  expect(outcome).toMatchObject({ status: 'deferred', sendAt: expect.any(String) });
  return { id: outcome?.assignmentId ?? '', experimentId, sendAt: new Date(outcome?.sendAt ?? '') };
}

/** The decision's GSI4 partition as stored (undefined: no index entry). */
async function indexPartition(id: string): Promise<unknown> {
  const { Item } = await harness.documents.send(new GetCommand({ TableName: harness.platform.tableName, Key: assignmentEntity.key({ id }), ConsistentRead: true }));
  return Item?.[GSI4.partitionKey];
}

/** The release's stream records to dispatch for this decision, as the outbox's mapping hands them over. */
async function toDispatch(id: string): Promise<NewDecision[]> {
  const shards = await streamRecords(platformTable(harness.platform));
  return newDecisionsOf(shards.flatMap(({ records }) => records.map((record) => changeOf(record as TableStreamRecord)))).filter((decision) => decision.assignmentId === id);
}

/** The outbox's entries (messages delivered) of a decision once the queue drained (the stream first). */
async function deliveredTimes(experimentId: string, id: string): Promise<number> {
  return (await harness.outbox(experimentId)).filter((entry) => entry.assignmentId === id).length;
}

/** Reconciliation's re-enqueues `STUCK_QUEUED_MS` after `from`. */
async function reconciledAfter(from: Date): Promise<string[]> {
  const requeued: DispatchRequest[] = [];
  harness.clock.set(new Date(from.getTime() + STUCK_QUEUED_MS + 60_000));
  await reconcile({ ...harness.deps, queue: { enqueue: async (requests) => (requeued.push(...requests), []) } });
  return requeued.map((request) => request.assignmentId);
}

/** How the outbox's enqueue of a release can fail: the queue refuses it, or its call throws. */
const REFUSALS: { name: string; queue: DispatchQueue }[] = [
  { name: 'the queue refuses it', queue: { enqueue: async (requests) => requests.map((request) => request.assignmentId) } },
  { name: 'the enqueue throws', queue: { enqueue: async () => Promise.reject(new Error('SQS unavailable (injected)')) } },
];

describe('releasing deferred sends', () => {
  it('a released deferred decision reaches the queue through the stream, with one index write at release', async () => {
    const { id, sendAt } = await deferred();
    expect(await indexPartition(id)).toBe('DEFERRED');
    harness.clock.set(new Date(sendAt.getTime() - 1));
    expect(await releaseDeferred(harness.deps)).toBe(0);
    expect(await outboxRequests(platformTable(harness.platform), [id])).toEqual([]);
    harness.clock.set(sendAt);
    expect(await releaseDeferred(harness.deps)).toBeGreaterThanOrEqual(1);
    expect(await releaseDeferred(harness.deps)).toBe(0);
    // The release's only index change: its DEFERRED entry removed (no PENDING# entry added).
    expect(await harness.deps.assignments.get(id)).toMatchObject({ status: 'queued' });
    expect(await indexPartition(id)).toBeUndefined();
    expect((await harness.deps.pending.listPending()).map((item) => item.id)).not.toContain(id);
    expect((await outboxRequests(platformTable(harness.platform), [id])).map((request) => request.assignmentId)).toEqual([id]);
  });

  it('a run stopped right after the release loses nothing: the release write alone gets the message delivered, once', async () => {
    const { id, experimentId, sendAt } = await deferred();
    harness.clock.set(sendAt);
    // The run stops here: the status write happened, nothing else did.
    expect(await harness.deps.assignments.transition({ id, from: ['deferred'], to: 'queued', set: { statusChangedAt: sendAt.toISOString() } })).toBe(true);
    expect(await deliveredTimes(experimentId, id)).toBe(1);
    expect(await harness.deps.assignments.get(id)).toMatchObject({ status: 'sent' });
  });

  it('a release record delivered again by the stream dispatches the message once', async () => {
    const { id, experimentId, sendAt } = await deferred();
    harness.clock.set(sendAt);
    await releaseDeferred(harness.deps);
    const records = await toDispatch(id);
    expect(records).toHaveLength(1);
    const deps = { queue: harness.platform.queue, pending: harness.deps.pending };
    await dispatchNewDecisions(deps, [...records, ...records]);
    await dispatchNewDecisions(deps, records); // the redelivery (and the platform's own outbox reads it once more)
    expect(await deliveredTimes(experimentId, id)).toBe(1);
  });

  it.each(REFUSALS)('a release whose enqueue fails ($name) is marked by the outbox and re-enqueued by reconciliation', async ({ queue }) => {
    const { id, sendAt } = await deferred();
    harness.clock.set(sendAt);
    await releaseDeferred(harness.deps);
    const report = await dispatchNewDecisions({ queue, pending: harness.deps.pending }, await toDispatch(id));
    expect(report).toMatchObject({ enqueued: 0, markedPending: [id] });
    expect(await reconciledAfter(sendAt)).toContain(id);
  });
});
