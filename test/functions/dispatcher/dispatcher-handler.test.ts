import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcherHandler, DISPATCH_RESERVE_MS } from '../../../functions/dispatcher/dispatcher-handler';
import { serializeDispatchMessage } from '../../../shared/adapters/sqs/dispatch-message';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../shared/domain/errors/delivery-errors';
import type { LocalDependencies } from '../../../local/platform';
import type { RenderedMessage, SendContext, SendResult } from '../../../shared/use-cases/ports/channel-sender';
import type { DispatchRequest } from '../../../shared/use-cases/ports/dispatch-queue';
import { optOutCustomer } from '../../../shared/use-cases/customers/customer-service';
import { sendToRecipients } from '../../../shared/use-cases/sends/send-message';
import { type SendHarness, startSendHarness, SURVEY_VARIABLES } from '../../shared/use-cases/sends/send-harness';
import { sqsEvent } from '../../support/aws-events';
import { startHungEndpoint } from '../../support/hung-endpoint';
import { outboxRequests, platformTable } from '../../support/outbox-stream';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createSenders, sendRenderedMessage } from '../../../shared/adapters/channels/create-senders';
import { reconcile, STUCK_QUEUED_MS } from '../../../shared/use-cases/reconciliation/reconcile';
import { type FaultLog, throttleFirst } from '../../chaos/chaos-harness';
import { Logger } from '@aws-lambda-powertools/logger';

let harness: SendHarness;
let counter = 0;

beforeAll(async () => {
  harness = await startSendHarness('dispatcher');
});
afterAll(async () => harness.stop());

/** An SQS record as Lambda delivers it. */
function sqsRecord(body: string, receiveCount = 1, messageId = `msg-${(counter += 1)}`): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}-${receiveCount}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1780300800000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1780300800001',
    },
    messageAttributes: {},
    md5OfBody: 'd41d8cd98f00b204e9800998ecf8427e',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:channel-lab-dispatch',
    awsRegion: 'us-east-1',
  };
}
const event = (records: SQSRecord[]): SQSEvent => ({ Records: records });
const context = { functionName: 'dispatcher', awsRequestId: 'req', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

/** Queued assignments (the messages the dispatch outbox sends to SQS; the test plays SQS) for `count` new customers of a new experiment. */
async function queuedAssignments(count: number, consents: Record<string, boolean> = { email: true, sms: true }): Promise<{ experimentId: string; requests: DispatchRequest[]; customers: string[] }> {
  const experimentId = await harness.experiment({ policy: { holdout: 0 } });
  const customers = Array.from({ length: count }, () => `d-${(counter += 1)}`);
  await Promise.all(customers.map((id) => harness.customer(id, { consents })));
  const outcomes = await sendToRecipients(harness.deps, experimentId, customers.map((customerId) => ({ customerId, variables: SURVEY_VARIABLES })));
  expect(outcomes.every((outcome) => outcome.status === 'queued')).toBe(true);
  const requests = await outboxRequests(platformTable(harness.platform), outcomes.map((outcome) => outcome.assignmentId ?? ''));
  expect(requests).toHaveLength(count);
  return { experimentId, requests, customers };
}

const body = (request: DispatchRequest) => serializeDispatchMessage(request);
const outbox = (experimentId: string) => harness.deps.outbox?.list({ experimentId }) ?? Promise.resolve([]);

/** A sender that fails for some assignments and delivers the rest to the outbox. */
function failingFor(ids: ReadonlySet<string>, error: () => Error): LocalDependencies['sendMessage'] {
  return (message: RenderedMessage, sendContext: SendContext): Promise<SendResult> => {
    if (ids.has(sendContext.assignmentId)) return Promise.reject(error());
    return harness.deps.sendMessage(message, sendContext);
  };
}

describe('dispatcher handler: at-least-once SQS delivery, at most one message per decision', () => {
  it('the same SQS event delivered twice sends once', async () => {
    const { experimentId, requests } = await queuedAssignments(3);
    const handler = createDispatcherHandler(harness.deps);
    const records = requests.map((request) => sqsRecord(body(request)));
    expect(await handler(event(records), context)).toEqual({ batchItemFailures: [] });
    const redelivered = records.map((record) => ({ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: '2' } }));
    expect(await handler(event(redelivered), context)).toEqual({ batchItemFailures: [] });
    const sent = await outbox(experimentId);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((entry) => entry.assignmentId))).toEqual(new Set(requests.map((request) => request.assignmentId)));
    for (const request of requests) {
      expect(await harness.deps.assignments.get(request.assignmentId)).toMatchObject({ status: 'sent', attempts: 1, messageId: `outbox-${request.assignmentId}` });
    }
  });

  it('the same message twice in one batch (two SQS copies, in flight together) sends once', async () => {
    const { experimentId, requests } = await queuedAssignments(1);
    const [request] = requests;
    if (!request) throw new Error('no request');
    const handler = createDispatcherHandler(harness.deps);
    const result = await handler(event([sqsRecord(body(request)), sqsRecord(body(request)), sqsRecord(body(request))]), context);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await outbox(experimentId)).toHaveLength(1);
  });

  it('a transient failure reports only that record for redelivery and puts its assignment back to queued', async () => {
    const { experimentId, requests } = await queuedAssignments(3);
    const [ok1, throttled, ok2] = requests as [DispatchRequest, DispatchRequest, DispatchRequest];
    const handler = createDispatcherHandler({ ...harness.deps, sendMessage: failingFor(new Set([throttled.assignmentId]), () => new TransientDeliveryError('Throttling: rate exceeded', { providerCode: 'Throttling' })) });
    const records = [sqsRecord(body(ok1)), sqsRecord(body(throttled)), sqsRecord(body(ok2))];
    expect(await handler(event(records), context)).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]?.messageId }] });
    expect(await harness.deps.assignments.get(throttled.assignmentId)).toMatchObject({ status: 'queued', attempts: 1, failureReason: 'Throttling: rate exceeded' });
    expect((await outbox(experimentId)).map((entry) => entry.assignmentId).sort()).toEqual([ok1.assignmentId, ok2.assignmentId].sort());

    // SQS redelivers the failed record; the provider has recovered.
    const retry = createDispatcherHandler(harness.deps);
    expect(await retry(event([sqsRecord(body(throttled), 2, records[1]?.messageId)]), context)).toEqual({ batchItemFailures: [] });
    expect(await harness.deps.assignments.get(throttled.assignmentId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await outbox(experimentId)).toHaveLength(3);
  });

  it('an unexpected error is retried like a transient one', async () => {
    const { requests } = await queuedAssignments(1);
    const [request] = requests as [DispatchRequest];
    const handler = createDispatcherHandler({ ...harness.deps, sendMessage: failingFor(new Set([request.assignmentId]), () => new Error('socket hang up')) });
    const record = sqsRecord(body(request));
    expect(await handler(event([record]), context)).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(await harness.deps.assignments.get(request.assignmentId)).toMatchObject({ status: 'queued' });
  });

  it('a permanent failure ends in failed with the reason and is not redelivered', async () => {
    const { experimentId, requests } = await queuedAssignments(2);
    const [rejected, ok] = requests as [DispatchRequest, DispatchRequest];
    const handler = createDispatcherHandler({ ...harness.deps, sendMessage: failingFor(new Set([rejected.assignmentId]), () => new PermanentDeliveryError('MessageRejected: address is on the suppression list', { providerCode: 'MessageRejected' })) });
    expect(await handler(event([sqsRecord(body(rejected)), sqsRecord(body(ok))]), context)).toEqual({ batchItemFailures: [] });
    expect(await harness.deps.assignments.get(rejected.assignmentId)).toMatchObject({ status: 'failed', failureReason: 'MessageRejected: address is on the suppression list' });
    expect((await outbox(experimentId)).map((entry) => entry.assignmentId)).toEqual([ok.assignmentId]);
    // A later redelivery of the failed one does nothing.
    expect(await createDispatcherHandler(harness.deps)(event([sqsRecord(body(rejected), 2)]), context)).toEqual({ batchItemFailures: [] });
    expect(await outbox(experimentId)).toHaveLength(1);
  });

  it('malformed records are reported as batch item failures (SQS redelivers them, then the DLQ keeps them) and the rest of the batch is delivered', async () => {
    const { experimentId, requests } = await queuedAssignments(1);
    const handler = createDispatcherHandler(harness.deps);
    const bodies = [
      'not json',
      JSON.stringify({ assignmentId: '' }),
      JSON.stringify({ assignmentId: 'a', experimentId: 'e', extra: true }),
      body(requests[0] as DispatchRequest),
      body({ assignmentId: 'no-such-assignment', experimentId }),
    ];
    const batch = sqsEvent(bodies);
    const malformed = batch.Records.slice(0, 3).map((record) => ({ itemIdentifier: record.messageId }));
    expect(await handler(batch, context)).toEqual({ batchItemFailures: malformed });
    expect(await outbox(experimentId)).toHaveLength(1);
  });

  it('a documented SQS batch (string receive counts, message attributes) is delivered', async () => {
    const { experimentId, requests } = await queuedAssignments(2);
    expect(await createDispatcherHandler(harness.deps)(sqsEvent(requests.map(body), 2), context)).toEqual({ batchItemFailures: [] });
    expect(await outbox(experimentId)).toHaveLength(2);
  });

  it('a customer who opts out between decision and dispatch is not sent (cancelled)', async () => {
    const { experimentId, requests, customers } = await queuedAssignments(1, { email: true });
    const [request] = requests as [DispatchRequest];
    await optOutCustomer(harness.deps, customers[0] ?? '', { channel: 'email' });
    expect(await createDispatcherHandler(harness.deps)(event([sqsRecord(body(request))]), context)).toEqual({ batchItemFailures: [] });
    expect(await harness.deps.assignments.get(request.assignmentId)).toMatchObject({ status: 'cancelled', failureReason: expect.stringContaining('opted out') });
    expect(await outbox(experimentId)).toEqual([]);
  });
});

describe('a slow provider never outlives the dispatcher (finding: a hung webhook held the batch in `sending`)', () => {
  it('the provider call is budgeted from the remaining invocation time: the hung message returns to queued and is retried, the others are sent', async () => {
    const { experimentId, requests } = await queuedAssignments(3);
    const hung = requests[0]?.assignmentId ?? '';
    let aborted = 0;
    const sendMessage: LocalDependencies['sendMessage'] = (message, sendContext) => {
      if (sendContext.assignmentId !== hung) return harness.deps.sendMessage(message, sendContext);
      // Answers only when aborted (as fetch does with an AbortSignal), else never.
      return new Promise((_, reject) => sendContext.signal?.addEventListener('abort', () => (aborted += 1, reject(new Error('aborted')))));
    };
    const handler = createDispatcherHandler({ ...harness.deps, sendMessage });
    const remaining = DISPATCH_RESERVE_MS + 300;
    const shortContext = { ...context, getRemainingTimeInMillis: () => remaining } as Context;
    const records = requests.map((request) => sqsRecord(body(request)));
    const response = await handler(event(records), shortContext);
    expect(response.batchItemFailures.map((failure: { itemIdentifier: string }) => failure.itemIdentifier)).toEqual([records[0]?.messageId]);
    expect(aborted).toBe(1);
    expect(await harness.deps.assignments.get(hung)).toMatchObject({ status: 'queued', attempts: 1, failureReason: expect.stringMatching(/budget/) });
    expect((await outbox(experimentId)).map((entry) => entry.assignmentId).sort()).toEqual(requests.slice(1).map((request) => request.assignmentId).sort());
    // SQS redelivers it; the provider answers this time.
    expect(await createDispatcherHandler(harness.deps)(event([sqsRecord(body(requests[0] as DispatchRequest), 2)]), context)).toEqual({ batchItemFailures: [] });
    expect(await harness.deps.assignments.get(hung)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

// Finding: SES and SNS calls at the budget were abandoned, not cancelled (only the webhook sender
// honoured the signal). With the real SES sender against an endpoint that never answers, the
// call is cancelled at the budget (its connection closed), the decision returns to `queued` with
// the reason, and the redelivery sends it once.
describe('the real SES sender at the budget', () => {
  it('cancels the hung call (connection closed), returns the decision to queued with the reason; the redelivery sends it once', async () => {
    const hung = await startHungEndpoint();
    const client = new SESv2Client({ endpoint: hung.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    try {
      const { experimentId, requests } = await queuedAssignments(1, { email: true });
      const request = requests[0] as DispatchRequest;
      const senders = createSenders({ ses: { client, defaultFrom: 'news@shop.example.com' } });
      const handler = createDispatcherHandler({ ...harness.deps, sendMessage: (message, sendContext) => sendRenderedMessage(senders, message, sendContext) });
      const shortContext = { ...context, getRemainingTimeInMillis: () => DISPATCH_RESERVE_MS + 500 } as Context;
      const record = sqsRecord(body(request));
      expect(await handler(event([record]), shortContext)).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
      expect(hung.requests()).toBe(1);
      await hung.allClosed(3_000);
      expect(await harness.deps.assignments.get(request.assignmentId)).toMatchObject({ channel: 'email', status: 'queued', attempts: 1, failureReason: expect.stringMatching(/budget/) });
      expect(await outbox(experimentId)).toEqual([]);
      expect(await createDispatcherHandler(harness.deps)(event([sqsRecord(body(request), 2)]), context)).toEqual({ batchItemFailures: [] });
      expect(await harness.deps.assignments.get(request.assignmentId)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(await outbox(experimentId)).toHaveLength(1);
    } finally {
      client.destroy();
      await hung.stop();
    }
  });
});

/** The queue's receive limit in these scenarios (the stack's DLQ limit, `DLQ_MAX_RECEIVE_COUNT`). */
const MAX_RECEIVES = 5;
/** The handler's logger in these scenarios: silent (their failures are on purpose). */
const quiet = { logger: new Logger({ serviceName: 'dispatcher-test', logLevel: 'SILENT' }) };

// Finding: a message whose every receive failed before the claim (the claim throttled on every
// receive) went to the DLQ with its decision `queued`
// and no pending entry: reconciliation never re-enqueued it (only the DLQ alarm and a redrive).
describe("a dispatch message's last receive leaves its decision where reconciliation looks", () => {
  it('every receive fails before the claim: the last receive marks the decision, reconciliation re-enqueues it after STUCK_QUEUED_MS, and it is sent once', async () => {
    const { experimentId, requests } = await queuedAssignments(1);
    const [request] = requests as [DispatchRequest];
    const faults: FaultLog = { injected: 0 };
    // The claim refused on every receive (nothing marks the decision before the last receive).
    const assignments = throttleFirst(harness.deps.assignments, 'claim', Number.POSITIVE_INFINITY, faults);
    const handler = createDispatcherHandler({ ...harness.deps, assignments }, quiet, { maxReceiveCount: MAX_RECEIVES });
    const messageId = `msg-${(counter += 1)}`;
    for (let receive = 1; receive <= MAX_RECEIVES; receive += 1) {
      expect(await handler(event([sqsRecord(body(request), receive, messageId)]), context)).toEqual({ batchItemFailures: [{ itemIdentifier: messageId }] });
      // Only the last receive puts it where reconciliation looks (earlier ones leave it to SQS).
      expect((await harness.deps.pending.listPending()).some((item) => item.id === request.assignmentId)).toBe(receive === MAX_RECEIVES);
    }
    // SQS moves the message to the DLQ now (its alarm fires); the decision is still queued, never claimed.
    expect(faults.injected).toBe(MAX_RECEIVES);
    expect(await harness.deps.assignments.get(request.assignmentId)).toMatchObject({ status: 'queued', attempts: 0 });

    const requeued: DispatchRequest[] = [];
    const start = harness.clock.now();
    try {
      harness.clock.advance(STUCK_QUEUED_MS + 60_000);
      await reconcile({ ...harness.deps, queue: { enqueue: async (batch: readonly DispatchRequest[]) => (requeued.push(...batch), []) } });
    } finally {
      harness.clock.set(start);
    }
    const again = requeued.filter((requeue) => requeue.assignmentId === request.assignmentId);
    expect(again).toEqual([request]);
    // Reconciliation's message is a new SQS message; the store has recovered.
    expect(await createDispatcherHandler(harness.deps, quiet, { maxReceiveCount: MAX_RECEIVES })(event(again.map((requeue) => sqsRecord(body(requeue)))), context)).toEqual({ batchItemFailures: [] });
    expect(await harness.deps.assignments.get(request.assignmentId)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await outbox(experimentId)).toHaveLength(1);
  });

  it('the last receive of a decision already sent changes nothing (the mark leaves a sent decision alone)', async () => {
    const { experimentId, requests } = await queuedAssignments(1);
    const [request] = requests as [DispatchRequest];
    expect(await createDispatcherHandler(harness.deps, quiet, { maxReceiveCount: MAX_RECEIVES })(event([sqsRecord(body(request))]), context)).toEqual({ batchItemFailures: [] });
    const sent = await harness.deps.assignments.get(request.assignmentId);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
    // A stray copy's last receive fails before the claim.
    const faults: FaultLog = { injected: 0 };
    const assignments = throttleFirst(harness.deps.assignments, 'claim', Number.POSITIVE_INFINITY, faults);
    const record = sqsRecord(body(request), MAX_RECEIVES);
    expect(await createDispatcherHandler({ ...harness.deps, assignments }, quiet, { maxReceiveCount: MAX_RECEIVES })(event([record]), context)).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(faults.injected).toBe(1);
    expect(await harness.deps.assignments.get(request.assignmentId)).toEqual(sent);
    expect((await harness.deps.pending.listPending()).map((item) => item.id)).not.toContain(request.assignmentId);
    expect(await outbox(experimentId)).toHaveLength(1);
  });
});
