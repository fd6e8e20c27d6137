import { CreateQueueCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchMessage } from '../../../../shared/adapters/sqs/dispatch-message';
import { parseDispatchRecords, type SqsRecordLike } from '../../../../shared/adapters/sqs/parse-dispatch-records';
import { SQS_MAX_BATCH_ENTRIES, SqsDispatchQueue } from '../../../../shared/adapters/sqs/sqs-dispatch-queue';
import { sqsDispatchQueuePort } from '../../../../shared/adapters/sqs/dispatch-queue-port';
import { type Moto, startMoto } from '../../../support/moto';

let moto: Moto;
let client: SQSClient;

beforeAll(async () => {
  moto = await startMoto();
  client = new SQSClient(moto.clientConfig);
});

afterAll(async () => {
  client?.destroy();
  await moto?.stop();
});

async function createQueue(name: string): Promise<string> {
  const attributes = name.endsWith('.fifo') ? { FifoQueue: 'true' } : undefined;
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name, ...(attributes ? { Attributes: attributes } : {}) }));
  return QueueUrl ?? '';
}

/** Receives everything on the queue, as the records a dispatcher Lambda would get. */
async function drain(queueUrl: string): Promise<SqsRecordLike[]> {
  const records: SqsRecordLike[] = [];
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    if (Messages.length === 0) return records;
    records.push(...Messages.map((message: Message) => ({
      messageId: message.MessageId ?? '',
      body: message.Body ?? '',
      attributes: { ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1' },
    })));
  }
}

const messages = (count: number): DispatchMessage[] =>
  Array.from({ length: count }, (_, index) => ({ assignmentId: `asg-${index}`, experimentId: 'exp-1' }));

describe('SqsDispatchQueue against moto SQS', () => {
  it('enqueues one message and the dispatcher parses it back', async () => {
    const queueUrl = await createQueue('dispatch-single');
    const queue = new SqsDispatchQueue({ client, queueUrl });
    const messageId = await queue.enqueue({ assignmentId: 'asg-1', experimentId: 'exp-1', attempt: 2 });

    const parsed = parseDispatchRecords(await drain(queueUrl));
    expect(parsed).toEqual({
      messages: [{ messageId, message: { assignmentId: 'asg-1', experimentId: 'exp-1', attempt: 2 }, receiveCount: 1 }],
      invalid: [],
    });
  });

  it.each([
    { name: 'under one batch', count: 3 },
    { name: 'exactly one batch', count: SQS_MAX_BATCH_ENTRIES },
    { name: 'several batches', count: 23 },
  ])('enqueues in batches of ten: $name', async ({ count }) => {
    const queueUrl = await createQueue(`dispatch-batch-${count}`);
    const result = await new SqsDispatchQueue({ client, queueUrl }).enqueueBatch(messages(count));
    expect(result).toEqual({ enqueued: count, failed: [] });

    const parsed = parseDispatchRecords(await drain(queueUrl));
    expect(parsed.invalid).toEqual([]);
    expect(parsed.messages.map((record) => record.message.assignmentId).sort()).toEqual(messages(count).map((message) => message.assignmentId).sort());
  });

  it('sets group and deduplication ids on a FIFO queue, so a re-enqueue of the same attempt is dropped', async () => {
    const queueUrl = await createQueue('dispatch.fifo');
    const queue = new SqsDispatchQueue({ client, queueUrl });
    await queue.enqueue({ assignmentId: 'asg-1', experimentId: 'exp-1' });
    await queue.enqueue({ assignmentId: 'asg-1', experimentId: 'exp-1' });
    expect((await drain(queueUrl)).length).toBe(1);
  });

  it('reports every entry of a batch whose request failed, instead of throwing', async () => {
    const queue = new SqsDispatchQueue({ client, queueUrl: `${moto.endpoint}/123456789012/does-not-exist` });
    const result = await queue.enqueueBatch(messages(12));
    expect(result.enqueued).toBe(0);
    expect(result.failed).toHaveLength(12);
    expect(result.failed[0]).toMatchObject({ message: { assignmentId: 'asg-0' }, code: expect.stringMatching(/NonExistentQueue|QueueDoesNotExist/) });
  });
});

describe('sqsDispatchQueuePort (the send path\'s DispatchQueue port)', () => {
  it.each([
    { name: 'all enqueued', queue: 'port-ok', exists: true, failedIds: [] as string[] },
    { name: 'queue missing: every id reported', queue: 'port-missing', exists: false, failedIds: ['asg-0', 'asg-1'] },
  ])('$name', async ({ queue: name, exists, failedIds }) => {
    const queueUrl = exists ? await createQueue(name) : `${moto.endpoint}/123456789012/${name}`;
    const port = sqsDispatchQueuePort(new SqsDispatchQueue({ client, queueUrl }));
    expect(await port.enqueue(messages(2))).toEqual(failedIds);
    if (exists) expect((await drain(queueUrl)).length).toBe(2);
  });
});

describe('SqsDispatchQueue partial batch failures (mocked client: moto accepts every valid entry)', () => {
  it('reports exactly the entries SQS refused', async () => {
    const failing = {
      send: async () => ({
        Successful: [{ Id: '0' }, { Id: '2' }],
        Failed: [{ Id: '1', Code: 'InternalError', Message: 'try again', SenderFault: false }],
      }),
    } as unknown as SQSClient;
    const result = await new SqsDispatchQueue({ client: failing, queueUrl: 'https://sqs/q' }).enqueueBatch(messages(3));
    expect(result).toEqual({
      enqueued: 2,
      failed: [{ message: { assignmentId: 'asg-1', experimentId: 'exp-1' }, code: 'InternalError', reason: 'try again', senderFault: false }],
    });
  });
});
