/**
 * The dispatch outbox's handler on real pieces: the records of DynamoDB Local's stream, as Lambda
 * delivers them, and SQS on moto_server.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDispatchOutbox } from '../../../functions/dispatch-outbox/dispatch-outbox-composition';
import { createDispatchOutboxHandler } from '../../../functions/dispatch-outbox/dispatch-outbox-handler';
import { DynamoAssignmentRepository } from '../../../shared/adapters/dynamodb/assignment-repository';
import { sqsDispatchQueuePort } from '../../../shared/adapters/sqs/dispatch-queue-port';
import { SqsDispatchQueue } from '../../../shared/adapters/sqs/sqs-dispatch-queue';
import type { Assignment } from '../../../shared/domain/sends/assignment';
import { loadConfig } from '../../../shared/runtime/config';
import { streamRecords } from '../../support/counter-stream';
import { createTestTable, type TestTable } from '../../support/dynamo';
import { type Moto, startMoto } from '../../support/moto';

let moto: Moto;
let sqs: SQSClient;
let table: TestTable;
let decisions = 0;
const context = { functionName: 'dispatch-outbox', awsRequestId: 'req', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
/** Logs nothing (tests stay quiet). */
const logger = new Logger({ logLevel: 'SILENT' });

beforeAll(async () => {
  [moto, table] = await Promise.all([startMoto(), createTestTable('outbox-handler')]);
  sqs = new SQSClient(moto.clientConfig);
});
afterAll(async () => {
  sqs?.destroy();
  await Promise.all([table?.drop(), moto?.stop()]);
});

/** A decision as the send path stores it. */
function decision(status: Assignment['status']): Assignment {
  const id = `outbox-handler-${(decisions += 1)}`;
  return {
    id, experimentId: 'exp-outbox', customerId: `c-${id}`, step: 0, segment: 'default', eligibleChannels: ['email'], excluded: {}, channel: status === 'holdout' ? null : 'email',
    propensity: 1, allocationVersion: 0, policy: 'thompson', decisionSeed: 1, status, decidedAt: '2026-06-01T10:00:00.000Z', variables: {}, contact: { email: `${id}@example.com` }, attempts: 0,
  };
}

/** The handler with the SQS queue at `queueUrl` (moto) and the decisions of `tableName`. */
function handlerWith(queueUrl: string, tableName = table.tableName) {
  const config = loadConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: table.endpoint, AWS_REGION: 'us-east-1' });
  const queue = sqsDispatchQueuePort(new SqsDispatchQueue({ client: sqs, queueUrl }));
  return createDispatchOutboxHandler(composeDispatchOutbox(config, { queue }), { logger });
}

/** The stream's records of these decisions, as the outbox's mapping would deliver them (one event). */
async function recordsOf(ids: readonly string[]): Promise<DynamoDBRecord[]> {
  const shards = await streamRecords(table);
  return shards.flatMap(({ records }) => records as unknown as DynamoDBRecord[]).filter((record) => ids.some((id) => JSON.stringify(record.dynamodb?.Keys).includes(id)));
}

async function waiting(queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes?.ApproximateNumberOfMessages);
}

async function stored(...statuses: Assignment['status'][]): Promise<string[]> {
  const repository = new DynamoAssignmentRepository(table.documents, table.tableName);
  const made = statuses.map(decision);
  for (const item of made) expect(await repository.createIfAbsent(item)).toBe('created');
  return made.map((item) => item.id);
}

describe('dispatch outbox handler', () => {
  it('sends the 23 new queued decisions of a batch to SQS, nothing for the held-out and deferred ones', async () => {
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'outbox-handler-dispatch' }));
    const ids = await stored(...Array.from({ length: 23 }, () => 'queued' as const), 'holdout', 'deferred');
    const records = await recordsOf(ids);
    expect(records).toHaveLength(25);
    expect(await handlerWith(QueueUrl)({ Records: records }, context)).toEqual({ batchItemFailures: [] });
    expect(await waiting(QueueUrl)).toBe(23);
  });

  it('a missing queue (SQS refuses the call): the decisions are marked for reconciliation, the batch succeeds', async () => {
    const ids = await stored('queued', 'queued');
    const missingQueue = `${moto.endpoint}/123456789012/outbox-handler-missing`;
    expect(await handlerWith(missingQueue)({ Records: await recordsOf(ids) }, context)).toEqual({ batchItemFailures: [] });
    const pending = await new DynamoAssignmentRepository(table.documents, table.tableName).listPending();
    expect(pending.map((item) => item.id)).toEqual(expect.arrayContaining(ids));
  });

  it('neither queued nor marked (the table is gone too): the batch fails from the first such record, for Lambda to retry', async () => {
    const ids = await stored('queued', 'queued');
    const records = await recordsOf(ids);
    const missingQueue = `${moto.endpoint}/123456789012/outbox-handler-missing`;
    const answer = await handlerWith(missingQueue, `${table.tableName}-gone`)({ Records: records }, context);
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: records[0]!.dynamodb!.SequenceNumber }] });
  });
});
