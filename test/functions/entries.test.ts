/**
 * Every production entry module (`functions/*`), imported as Lambda imports it (configuration from
 * the environment, AWS clients from the default chain, the signing secret from Secrets Manager) and
 * invoked with the events AWS documents (`test/fixtures/aws-events/`). AWS is moto_server, DynamoDB
 * is DynamoDB Local: one decision goes through every function, from the API to the SES events.
 */
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateConfigurationSetCommand, CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, DynamoDBBatchResponse, DynamoDBStreamEvent, EventBridgeEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../infra/entries';
import { awsEvent, httpApiEvent, type HttpApiFixture, scheduledEvent, sesEvent } from '../support/aws-events';
import { streamRecords } from '../support/counter-stream';
import { createTestTable, type TestTable } from '../support/dynamo';
import type { CounterStreamEvent, CounterStreamResponse } from '../../functions/counter-aggregator/counter-aggregator-handler';
import { createAdminKey, ENTRY_MODULES } from '../support/entry-modules';
import { type Moto, MOTO_REGION, startMoto } from '../support/moto';

type Lambda<E, R> = (event: E, context: Context) => Promise<R>;

const FROM = 'news@shop.example.com';
const CONFIGURATION_SET = 'channel-lab-entries';
/** One secret per purpose, as the stack creates them (each function reads only its own). */
const SECRETS = {
  LINK_SIGNING_SECRET_ARN: 'entries-test-link-signing-secret-0123456789',
  WEBHOOK_SIGNING_SECRET_ARN: 'entries-test-webhook-signing-secret-0123456789',
  ASSIGNMENT_ID_SECRET_ARN: 'entries-test-assignment-id-secret-0123456789',
};
const context = { functionName: 'entry-test', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

let moto: Moto;
let table: TestTable;
let queueUrl: string;
let adminKey: string;
const savedEnv = { ...process.env };

/** The deployment's environment, as the stack sets it, pointed at moto and DynamoDB Local. */
async function deploymentEnvironment(): Promise<Record<string, string>> {
  const secrets = new SecretsManagerClient(moto.clientConfig);
  const arns: Record<string, string> = {};
  for (const [variable, value] of Object.entries(SECRETS)) {
    arns[variable] = (await secrets.send(new CreateSecretCommand({ Name: `channel-lab-${variable.toLowerCase()}`, SecretString: value }))).ARN ?? '';
  }
  secrets.destroy();
  const sqs = new SQSClient(moto.clientConfig);
  ({ QueueUrl: queueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'channel-lab-dispatch' })));
  sqs.destroy();
  const ses = new SESv2Client(moto.clientConfig);
  await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: FROM }));
  await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: CONFIGURATION_SET }));
  ses.destroy();
  return {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
    AWS_REGION: MOTO_REGION,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_ENDPOINT_URL: moto.endpoint,
    DISPATCH_QUEUE_URL: queueUrl,
    SES_FROM_ADDRESS: FROM,
    SES_CONFIGURATION_SET: CONFIGURATION_SET,
    PUBLIC_BASE_URL: 'https://t.example.com',
    ...arns,
  };
}

/** Imports an entry module the way Lambda does, and returns its `handler`. */
async function entry<E, R>(path: string): Promise<Lambda<E, R>> {
  return ((await import(path)) as { handler: Lambda<E, R> }).handler;
}

/** Calls an HTTP entry with an API Gateway payload 2.0 event (the admin key in its headers). */
const httpEntry = (module: string) => async (fixture: HttpApiFixture, method: string, path: string, body?: unknown, rawQueryString = '') => {
  const handler = await entry<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(module);
  const event = httpApiEvent(fixture, { method, path, rawQueryString, headers: { 'X-Api-Key': adminKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const result = await handler(event, context);
  return { status: result.statusCode, body: result.body ? (JSON.parse(result.body) as Record<string, any>) : undefined }; // eslint-disable-line @typescript-eslint/no-explicit-any
};
/** Messages waiting on the dispatch queue (SQS's approximate count; moto's is exact). */
async function queuedMessages(): Promise<number> {
  const sqs = new SQSClient(moto.clientConfig);
  try {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    return Number(Attributes?.ApproximateNumberOfMessages ?? NaN);
  } finally {
    sqs.destroy();
  }
}

const api = httpEntry(ENTRY_MODULES.api);
const analysis = httpEntry(ENTRY_MODULES.analysis);
const openApi = httpEntry(ENTRY_MODULES.openApi);

beforeAll(async () => {
  // The functions log JSON lines for CloudWatch; the test keeps its output quiet.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  moto = await startMoto();
  table = await createTestTable('entries');
  Object.assign(process.env, await deploymentEnvironment());
  adminKey = await createAdminKey();
});

afterAll(async () => {
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
  Object.assign(process.env, savedEnv);
  await table?.drop();
  await moto?.stop();
});

describe('every production entry, invoked with AWS-documented events', () => {
  it('covers every entry module in functions/', () => {
    const entries = readdirSync(new URL('../../functions/', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('-entry.ts'));
    expect(entries.map((file) => path.join(PROJECT_ROOT, 'functions', file)).sort()).toEqual(Object.values(ENTRY_MODULES).sort());
  });

  let experimentId = '';
  let assignmentId = '';
  let messageId = '';

  it('api: defines, starts and sends through payload 2.0 events (JWT, Lambda and IAM authorizer blocks, a named stage)', async () => {
    const created = await api('lambda-authorizer-post', 'POST', '/v1/experiments', {
      name: 'Entries',
      stage: 'consideration',
      channels: [
        { channel: 'email', subject: 'Hello', html: '<html><body><p><a href="https://shop.example.com/offer">Offer</a> <a href="{{unsubscribeUrl}}">Unsubscribe</a></p></body></html>' },
        { channel: 'in_app', title: 'Hello', body: 'Offer inside' },
      ],
      goal: { event: 'opened', windowHours: 24 },
      policy: { holdout: 0, burnIn: 0 },
    });
    expect(created.status).toBe(201);
    experimentId = created.body?.id as string;
    expect((await api('lambda-authorizer-post', 'POST', `/v1/experiments/${experimentId}/start`)).status).toBe(200);
    const sent = await api('lambda-authorizer-post', 'POST', `/v1/experiments/${experimentId}/sends`, { customerId: 'entry-c1', contact: { email: 'entry-c1@example.com' }, consents: { email: true } });
    expect(sent.body).toMatchObject({ status: 'queued', channel: 'email' });
    assignmentId = sent.body?.assignmentId as string;
    // The decision's put is the request's only write: nothing was sent to SQS (the outbox below does it).
    expect(await queuedMessages()).toBe(0);
    expect((await api('named-stage-get', 'GET', `/v1/experiments/${experimentId}`)).body).toMatchObject({ id: experimentId, status: 'running' });
    const repeated = await api('jwt-authorizer-get', 'GET', '/v1/experiments', undefined, 'status=running&status=draft');
    expect(repeated).toMatchObject({ status: 400, body: { error: { details: [{ path: 'status' }] } } });
  });

  it('analysis: reallocates and serves the results of the experiment the API defined (its own routes only)', async () => {
    expect((await analysis('lambda-authorizer-post', 'POST', `/v1/experiments/${experimentId}/reallocate`)).body).toMatchObject({ experimentId, version: expect.any(Number) });
    const results = await analysis('named-stage-get', 'GET', `/v1/experiments/${experimentId}/results`);
    expect(results).toMatchObject({ status: 200, body: { experimentId } });
    expect((await analysis('jwt-authorizer-get', 'GET', '/v1/experiments')).status).toBe(404);
  });

  it('openApi: serves the generated document to anyone, and nothing else', async () => {
    const served = await openApi('iam-authorizer-get', 'GET', '/v1/openapi.json');
    expect(served).toMatchObject({ status: 200, body: { openapi: '3.0.3' } });
    expect(Object.keys(served.body?.paths ?? {})).toEqual(expect.arrayContaining(['/v1/experiments', '/v1/experiments/{id}/results', '/v1/openapi.json']));
    expect((await openApi('lambda-authorizer-post', 'POST', '/v1/openapi.json')).status).toBe(405);
  });

  it('dispatch outbox: the table stream’s records, as its mapping delivers them, put the new decision on the queue once', async () => {
    const handler = await entry<DynamoDBStreamEvent, DynamoDBBatchResponse>(ENTRY_MODULES.dispatchOutbox);
    // Every record from the stream's start (the mapping's filter lets fewer through; the handler checks again).
    for (const { records } of await streamRecords(table)) {
      expect(await handler({ Records: records as unknown as DynamoDBStreamEvent['Records'] }, context)).toEqual({ batchItemFailures: [] });
    }
    expect(await queuedMessages()).toBe(1);
  });

  it('dispatcher: the SQS message, as Lambda delivers it, becomes an SES email with the open pixel', async () => {
    const sqs = new SQSClient(moto.clientConfig);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }));
    sqs.destroy();
    expect(Messages).toHaveLength(1);
    const template = awsEvent<SQSEvent>('sqs/dispatch-batch.json').Records[0]!;
    const records = Messages.map((message) => ({ ...template, messageId: message.MessageId ?? '', receiptHandle: message.ReceiptHandle ?? '', body: message.Body ?? '', attributes: { ...template.attributes, ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1' } }));
    const malformed = { ...template, messageId: 'malformed-1', body: '{"assignmentId":' };
    const handler = await entry<SQSEvent, SQSBatchResponse>(ENTRY_MODULES.dispatcher);
    expect(await handler({ Records: [...records, malformed] }, context)).toEqual({ batchItemFailures: [{ itemIdentifier: 'malformed-1' }] });
    const emails = ((await moto.modelData()).ses?.Message ?? []) as unknown as { id: string; body: string }[];
    expect(emails).toHaveLength(1);
    messageId = emails[0]!.id;
    expect(emails[0]!.body).toMatch(/<img src="https:\/\/t\.example\.com\/o\/[^"]+" width="1" height="1"/);
  });

  it('ses-events: the Send and the Delivery, through the EventBridge envelope', async () => {
    const handler = await entry<EventBridgeEvent<string, unknown>, { status: string }>(ENTRY_MODULES.sesEvents);
    expect(await handler(sesEvent('delivery', { id: 'eb-entry-1', messageId, assignmentId, experimentId }), context)).toMatchObject({ status: 'recorded' });
    expect(await handler(sesEvent('send', { id: 'eb-entry-0', messageId }), context)).toMatchObject({ status: 'ignored' });
  });

  /** Hands every record of the table's stream (from its start) to the counter aggregator's entry, shard by shard, as its mapping would. */
  async function countTheStream(): Promise<void> {
    const handler = await entry<CounterStreamEvent, CounterStreamResponse>(ENTRY_MODULES.counterAggregator);
    for (const { shardId, records } of await streamRecords(table)) {
      const event = { Records: records as unknown as CounterStreamEvent['Records'], shardId, isFinalInvokeForWindow: false };
      expect(await handler(event, context)).toEqual({ state: {}, batchItemFailures: [] });
    }
  }

  it('counter aggregator: the table stream’s records, with the shard id a tumbling window adds; a redelivery counts nothing twice', async () => {
    await countTheStream();
    await countTheStream();
    expect((await analysis('lambda-authorizer-post', 'POST', `/v1/experiments/${experimentId}/reallocate`)).status).toBe(200);
    const results = await analysis('jwt-authorizer-get', 'GET', `/v1/experiments/${experimentId}/results`);
    expect(results.body?.segments?.[0]?.arms?.find((arm: { channel: string }) => arm.channel === 'email')).toMatchObject({ sends: 1, responses: 0 });
  });

  it('tracking: the open pixel of the sent email answers a GIF', async () => {
    const emails = ((await moto.modelData()).ses?.Message ?? []) as unknown as { body: string }[];
    const pixel = new URL(/<img src="([^"]+)"/.exec(emails[0]!.body)![1]!);
    const handler = await entry<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(ENTRY_MODULES.tracking);
    expect(await handler(httpApiEvent('tracking-click', { path: pixel.pathname }), context)).toMatchObject({ statusCode: 200, headers: { 'content-type': 'image/gif' } });
    // The open is the goal: once the stream is counted, a reallocation's results count it.
    await countTheStream();
    expect((await analysis('lambda-authorizer-post', 'POST', `/v1/experiments/${experimentId}/reallocate`)).status).toBe(200);
    const results = await analysis('jwt-authorizer-get', 'GET', `/v1/experiments/${experimentId}/results`);
    expect(results.body?.segments?.[0]?.arms?.find((arm: { channel: string }) => arm.channel === 'email')).toMatchObject({ sends: 1, responses: 1 });
  });

  it('customer events: a customer event from the customer’s bus triggers a send of a running experiment, once', async () => {
    const created = await api('lambda-authorizer-post', 'POST', '/v1/experiments', {
      name: 'Triggered',
      stage: 'post_purchase',
      channels: [
        { channel: 'email', subject: 'Order {{orderId}}', text: 'How was it?' },
        { channel: 'in_app', title: 'Order {{orderId}}', body: 'How was it?' },
      ],
      variables: ['orderId'],
      goal: { event: 'clicked', windowHours: 24 },
      trigger: { event: 'order_delivered', variables: { orderId: 'order.id' } },
    });
    expect(created.status).toBe(201);
    expect((await api('lambda-authorizer-post', 'POST', `/v1/experiments/${created.body?.id}/start`)).status).toBe(200);
    const handler = await entry<EventBridgeEvent<string, unknown>, { status: string; triggered?: { experimentId: string }[] }>(ENTRY_MODULES.customerEvents);
    const event = awsEvent<EventBridgeEvent<string, unknown>>('eventbridge/customer-event.json');
    expect(await handler(event, context)).toMatchObject({ status: 'triggered', triggered: [{ experimentId: created.body?.id }] });
    expect(await handler(event, context)).toMatchObject({ status: 'duplicate' }); // EventBridge's retry: same envelope id
    await expect(handler({ ...event, id: 'malformed-1', detail: { customerId: 'cust-42' } }, context)).rejects.toThrow(/malformed customer event malformed-1: .*name/);
  });

  it('scheduled work and reconciliation: the EventBridge scheduled event', async () => {
    const scheduled = await entry<EventBridgeEvent<'Scheduled Event', Record<string, never>>, Record<string, unknown>>(ENTRY_MODULES.scheduledWork);
    // It fires the send the customer event triggered (due since the event): no profile, so no channel (suppressed, no decision).
    expect(await scheduled(scheduledEvent(), context)).toMatchObject({ firedSuppressed: 1 });
    const reconciliation = await entry<EventBridgeEvent<'Scheduled Event', Record<string, never>>, { stuck: number }>(ENTRY_MODULES.reconciliation);
    expect(await reconciliation(scheduledEvent(), context)).toMatchObject({ stuck: 0 });
  });
});
