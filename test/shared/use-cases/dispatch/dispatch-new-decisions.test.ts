/**
 * The dispatch outbox (issue 11): a send request's only write is the decision's put, and the
 * table's stream carries each new `queued` decision to the dispatch queue. On the local platform
 * (DynamoDB Local's stream, the in-process queue, the outbox sender as provider).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../../local/platform';
import { DynamoAssignmentRepository } from '../../../../shared/adapters/dynamodb/assignment-repository';
import { newDecisionsOf } from '../../../../shared/adapters/dynamodb/new-decision-records';
import { changeOf, type TableStreamRecord } from '../../../../shared/adapters/dynamodb/stream-records';
import { dispatchNewDecisions, type NewDecision, UndispatchedDecisionsError } from '../../../../shared/use-cases/dispatch/dispatch-new-decisions';
import type { DispatchQueue, DispatchRequest } from '../../../../shared/use-cases/ports/dispatch-queue';
import { STUCK_QUEUED_MS } from '../../../../shared/use-cases/reconciliation/reconcile';
import { streamRecords } from '../../../support/counter-stream';
import { call, startTestPlatform, TestClock } from '../../../support/local-api';
import { startClickExperiment } from '../../../support/running-experiment';

const START = new Date('2026-11-14T09:00:00Z');
const clock = new TestClock(START);
let platform: LocalPlatform;
let experimentId: string;
let customer = 0;

beforeAll(async () => {
  platform = await startTestPlatform('outbox', { clock });
  experimentId = await startClickExperiment(platform);
});
afterAll(async () => platform.stop());
beforeEach(() => clock.set(START));

/** Sends the experiment's email to `count` new customers through the API; their decision ids. */
async function send(count: number): Promise<string[]> {
  const recipients = Array.from({ length: count }, () => {
    const customerId = `outbox-${(customer += 1)}`;
    return { customerId, contact: { email: `${customerId}@example.com` }, consents: { email: true } };
  });
  const sent = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, { recipients });
  expect(sent.status).toBe(200);
  const outcomes = sent.body.results as { status: string; assignmentId: string }[];
  expect(outcomes.every((outcome) => outcome.status === 'queued')).toBe(true);
  return outcomes.map((outcome) => outcome.assignmentId);
}

/** The new decisions the table's stream shows for these ids, as the outbox's mapping hands them over. */
async function newDecisions(ids: readonly string[]): Promise<NewDecision[]> {
  const shards = await streamRecords({ endpoint: platform.dynamoEndpoint, tableName: platform.tableName, documents: platform.documents });
  const changes = shards.flatMap(({ records }) => records.map((record) => changeOf(record as TableStreamRecord)));
  return newDecisionsOf(changes).filter((decision) => ids.includes(decision.assignmentId));
}

/** A queue that records what it is asked and answers as told. */
function recordingQueue(answer: (requests: readonly DispatchRequest[]) => Promise<readonly string[]>): DispatchQueue & { readonly asked: DispatchRequest[][] } {
  const asked: DispatchRequest[][] = [];
  return { asked, enqueue: async (requests) => (asked.push([...requests]), answer(requests)) };
}

const delivered = async (ids: readonly string[]) => (await platform.deps.outbox.list({ experimentId })).filter((entry) => ids.includes(entry.assignmentId));
const listedPending = async (ids: readonly string[]) => (await platform.deps.pending.listPending()).filter((item) => ids.includes(item.id)).map((item) => item.id).sort();

describe('a send request', () => {
  it('makes no enqueue: the decision reaches the queue through the table’s stream, and is delivered once', async () => {
    const queue = platform.queue;
    const asked: DispatchRequest[] = [];
    const original = queue.enqueue.bind(queue);
    queue.enqueue = async (requests) => (asked.push(...requests), original(requests));
    try {
      const [id] = await send(1);
      expect(asked).toEqual([]);
      await platform.queue.drain();
      expect(asked).toEqual([{ assignmentId: id, experimentId }]);
    } finally {
      queue.enqueue = original;
    }
  });

  it('of 25 recipients: one enqueue call for all of them (the SQS adapter sends them ten per request)', async () => {
    const ids = await send(25);
    const queue = recordingQueue(async () => []);
    const report = await dispatchNewDecisions({ queue, pending: platform.deps.pending }, await newDecisions(ids));
    expect(report).toEqual({ enqueued: 25, markedPending: [] });
    expect(queue.asked).toHaveLength(1);
    expect(queue.asked[0]!.map((request) => request.assignmentId).sort()).toEqual([...ids].sort());
  });
});

describe('a refused enqueue puts the decision where reconciliation finds it', () => {
  it.each([
    { name: 'SQS refuses some entries', answer: async (requests: readonly DispatchRequest[]) => requests.slice(1).map((request) => request.assignmentId), refused: 2 },
    { name: 'the SQS call throws', answer: async (): Promise<readonly string[]> => Promise.reject(new Error('ServiceUnavailable')), refused: 3 },
  ])('$name: the refused are marked pending, reconciliation re-enqueues them, each is delivered once', async ({ answer, refused }) => {
    const ids = await send(3);
    const decisions = await newDecisions(ids);
    const queue = recordingQueue(answer);
    const report = await dispatchNewDecisions({ queue, pending: platform.deps.pending }, decisions);
    // The last `refused` of the request (the stream's order, not the recipients': they are decided concurrently).
    const refusedIds = queue.asked[0]!.slice(ids.length - refused).map((request) => request.assignmentId);
    expect(report.enqueued).toBe(ids.length - refused);
    expect([...report.markedPending].sort()).toEqual([...refusedIds].sort());
    expect(report.stoppedAt).toBeUndefined();
    // Only the refused: a new decision is stored without a pending-index entry.
    expect(await listedPending(ids)).toEqual([...refusedIds].sort());

    clock.advance(STUCK_QUEUED_MS + 60_000);
    expect((await platform.runReconciliation()).requeued).toBeGreaterThanOrEqual(refused);
    await platform.queue.drain(); // the stream's own records of these decisions were read by the platform too: the claim sends once
    const entries = await delivered(ids);
    expect(entries.map((entry) => entry.assignmentId).sort()).toEqual([...ids].sort());
  });

  it('when marking fails too, the first refused record is reported for the stream to deliver again, naming the decisions', async () => {
    const ids = await send(2);
    const decisions = await newDecisions(ids);
    // A table that does not exist: a real DynamoDB error, as an outage would give.
    const pending = new DynamoAssignmentRepository(platform.documents, `${platform.tableName}-missing`);
    const report = await dispatchNewDecisions({ queue: recordingQueue(async (requests) => requests.map((request) => request.assignmentId)), pending }, decisions);
    expect(report.enqueued).toBe(0);
    expect(report.markedPending).toEqual([]);
    expect(report.stoppedAt?.sequenceNumber).toBe(decisions[0]!.sequenceNumber);
    expect(report.stoppedAt?.error).toBeInstanceOf(UndispatchedDecisionsError);
    expect((report.stoppedAt?.error as Error).message).toContain(ids[0]!);
  });
});

describe('at-least-once stream delivery', () => {
  it('a batch delivered again, or with a record twice, enqueues each decision once per delivery and delivers it once', async () => {
    const ids = await send(3);
    const decisions = await newDecisions(ids);
    const queue = recordingQueue((requests) => platform.queue.enqueue(requests));
    await dispatchNewDecisions({ queue, pending: platform.deps.pending }, [...decisions, decisions[0]!]);
    expect(queue.asked[0]).toHaveLength(3);
    await dispatchNewDecisions({ queue, pending: platform.deps.pending }, decisions); // the redelivery
    await platform.queue.drain(); // and the platform's own outbox reads the same inserts once more
    expect((await delivered(ids)).map((entry) => entry.assignmentId).sort()).toEqual([...ids].sort());
  });
});

describe('what is a decision to dispatch (inserted queued, or released from deferred)', () => {
  const decision = (id: string, status: string) => ({ pk: `ASSIGN#${id}`, sk: 'META', entity: 'assignment', id, experimentId: 'e1', status });
  it.each([
    { name: 'the insert of a queued decision', change: { newImage: decision('d1', 'queued') }, expected: ['d1'] },
    { name: 'the insert of a held-out decision', change: { newImage: decision('d2', 'holdout') }, expected: [] },
    { name: 'the insert of a deferred decision', change: { newImage: decision('d3', 'deferred') }, expected: [] },
    { name: 'a release from deferred to queued (its write is its dispatch)', change: { oldImage: decision('d4', 'deferred'), newImage: decision('d4', 'queued') }, expected: ['d4'] },
    { name: 'a retry from sending back to queued (already where reconciliation looks)', change: { oldImage: decision('d7', 'sending'), newImage: decision('d7', 'queued') }, expected: [] },
    { name: 'a claim from queued to sending', change: { oldImage: decision('d8', 'queued'), newImage: decision('d8', 'sending') }, expected: [] },
    { name: 'a write of a queued decision that stays queued', change: { oldImage: decision('d9', 'queued'), newImage: decision('d9', 'queued') }, expected: [] },
    { name: 'a deferred decision cancelled', change: { oldImage: decision('d10', 'deferred'), newImage: decision('d10', 'cancelled') }, expected: [] },
    { name: 'the insert of another item with a status', change: { newImage: { ...decision('d5', 'queued'), pk: 'PENDSEND#c1', sk: 'd5' } }, expected: [] },
    { name: 'a removal', change: { oldImage: decision('d6', 'queued') }, expected: [] },
  ])('$name → $expected', ({ change, expected }) => {
    expect(newDecisionsOf([{ sequenceNumber: '100', ...change }]).map((found) => found.assignmentId)).toEqual(expected);
  });

  it('on the stream: a decision’s dispatch writes (MODIFY) follow its insert, and only the insert is a new decision', async () => {
    const [id] = await send(1);
    await platform.queue.drain(); // queued → sending → sent
    const shards = await streamRecords({ endpoint: platform.dynamoEndpoint, tableName: platform.tableName, documents: platform.documents });
    const ofDecision = shards.flatMap(({ records }) => records.map((record) => changeOf(record as TableStreamRecord))).filter((change) => (change.newImage ?? change.oldImage)?.id === id);
    expect(ofDecision.length).toBeGreaterThan(1);
    expect(newDecisionsOf(ofDecision).map((found) => found.assignmentId)).toEqual([id]);
  });
});
