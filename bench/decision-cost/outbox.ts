/**
 * Measurement 2c: the dispatch outbox's work per decision. The outbox's handler runs in process on
 * batches of table stream records as Lambda delivers them (the insert of a full `queued` decision,
 * DynamoDB JSON images), with the SQS adapter over a client that answers at once and counts its
 * requests: CPU ms per batch and `SendMessageBatch` requests per batch, by batch fill. The SQS
 * round trip is not measured here: the dollars state it ({@link SQS_ROUND_TRIP_MS}). The outbox
 * writes nothing to the table on its common path, and Lambda's reads of a DynamoDB stream are free.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { performance } from 'node:perf_hooks';
import { createDispatchOutboxHandler } from '../../functions/dispatch-outbox/dispatch-outbox-handler';
import { DISPATCH_OUTBOX_BATCH_SIZE } from '../../infra/constants';
import { assignmentEntity } from '../../shared/adapters/dynamodb/entities/assignment-entity';
import { sqsDispatchQueuePort } from '../../shared/adapters/sqs/dispatch-queue-port';
import { SqsDispatchQueue } from '../../shared/adapters/sqs/sqs-dispatch-queue';
import type { Assignment } from '../../shared/domain/sends/assignment';
import { median } from './stats';

/**
 * Batch fills measured: one decision per invocation (a quiet deployment: under one decision a
 * second reaches a stream shard within the mapping's 1 s window), two and three (where the
 * single-recipient decision crosses $2.00 per million), ten, and a full batch
 * ({@link DISPATCH_OUTBOX_BATCH_SIZE}: 100 decisions a second or more).
 */
export const OUTBOX_FILLS = [1, 2, 3, 10, DISPATCH_OUTBOX_BATCH_SIZE] as const;
/** The fill the stated dollars use: a full batch (at least 100 decisions a second on a shard). */
export const OUTBOX_STATED_FILL = DISPATCH_OUTBOX_BATCH_SIZE;
/** Stated, not measured: an in-region `SendMessageBatch` round trip, ms (the adapter sends a batch's requests at once: one round trip per invocation). */
export const SQS_ROUND_TRIP_MS = 20;
/** Timed runs per fill (after a warm-up run). */
const RUNS = 30;

/** The outbox at one batch fill. */
export interface OutboxRow {
  /** New decisions per invocation. */
  readonly fill: number;
  /** `SendMessageBatch` requests per invocation. */
  readonly requestsPerBatch: number;
  /** Handler CPU per invocation, ms (median; SQS answering at once). */
  readonly msPerBatch: number;
}

/** A decision as the send path stores it. */
function decision(index: number): Assignment {
  const id = `bench-outbox-${index.toString().padStart(6, '0')}-0123456789abcdef0123456789ab`;
  return {
    id,
    experimentId: 'bench-outbox-experiment-0123456789',
    customerId: `customer-${index}`,
    step: 0,
    segment: 'over_50',
    eligibleChannels: ['email', 'sms', 'in_app'],
    excluded: {},
    channel: 'email',
    propensity: 0.42,
    allocationVersion: 3,
    policy: 'thompson',
    decisionSeed: 1_234_567 + index,
    status: 'queued',
    decidedAt: '2026-06-01T10:00:00.000Z',
    variables: { firstName: 'Ada' },
    contact: { email: `customer-${index}@example.com`, phone: '+33612345678', timezone: 'Europe/Paris' },
    attempts: 0,
  };
}

/** The stream record of a decision's insert, as Lambda delivers it. */
function insertRecord(index: number): DynamoDBRecord {
  const item = assignmentEntity.item(decision(index), decision(index));
  return {
    eventID: `bench-${index}`,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/channel-lab/stream/2026-06-01T00:00:00.000',
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk }) as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      NewImage: marshall(item, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
      SequenceNumber: String(4_000_000_000_000_000_000n + BigInt(index)),
      SizeBytes: 900,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

/**
 * Runs the outbox's handler on batches of each fill.
 *
 * @param progress - reports progress (stderr).
 * @returns one row per fill.
 */
export async function measureOutbox(progress: (message: string) => void): Promise<OutboxRow[]> {
  let requests = 0;
  // An SQS client that takes every entry at once (the round trip is stated apart).
  const client = { send: async (command: { input: { Entries?: readonly { Id?: string }[] } }) => ((requests += 1), { Successful: (command.input.Entries ?? []).map((entry) => ({ Id: entry.Id })), Failed: [] }) } as unknown as SQSClient;
  const queue = sqsDispatchQueuePort(new SqsDispatchQueue({ client, queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/channel-lab-dispatch' }));
  const handler = createDispatchOutboxHandler({ queue, pending: { markPending: async () => undefined } }, { logger: new Logger({ logLevel: 'SILENT' }) });
  const context = { functionName: 'bench-outbox', awsRequestId: 'bench', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
  const rows: OutboxRow[] = [];
  for (const fill of OUTBOX_FILLS) {
    const records = Array.from({ length: fill }, (_, index) => insertRecord(index));
    await handler({ Records: records }, context);
    requests = 0;
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      await handler({ Records: records }, context);
      samples.push(performance.now() - start);
    }
    rows.push({ fill, requestsPerBatch: requests / RUNS, msPerBatch: median(samples) });
    progress(`outbox: batches of ${fill}`);
  }
  return rows;
}
