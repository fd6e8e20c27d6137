/**
 * The dispatch queue on SQS: one `SendMessage` per message, or `SendMessageBatch` in chunks of
 * ten with per-entry failures reported (a batch never fails as a whole for one entry). FIFO
 * queues (`.fifo`) get a group id per assignment and a deduplication id per attempt.
 */
import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type DispatchMessage, serializeDispatchMessage } from './dispatch-message';

/** Most entries SQS accepts in one `SendMessageBatch`. */
export const SQS_MAX_BATCH_ENTRIES = 10;
/** Longest delay SQS accepts on a message. */
export const SQS_MAX_DELAY_SECONDS = 900;
const FIFO_SUFFIX = '.fifo';

/** Options of one enqueue. */
export interface EnqueueOptions {
  /** Delay before the message becomes visible (0–900 s; standard queues only). */
  readonly delaySeconds?: number;
}

/** A message that SQS did not accept. */
export interface FailedDispatchEntry {
  readonly message: DispatchMessage;
  /** SQS error code, or the thrown error's name when the whole request failed. */
  readonly code: string;
  /** Human-readable reason. */
  readonly reason: string;
  /** True when SQS says the failure is the sender's fault (do not just retry). */
  readonly senderFault: boolean;
}

/** Result of {@link SqsDispatchQueue.enqueueBatch}. */
export interface EnqueueBatchResult {
  /** How many messages SQS accepted. */
  readonly enqueued: number;
  /** The messages it did not accept, with the reason. */
  readonly failed: readonly FailedDispatchEntry[];
}

/** Configuration of the queue adapter. */
export interface SqsDispatchQueueOptions {
  /** An SQS client (pointed at moto in tests). */
  readonly client: SQSClient;
  /** URL of the dispatch queue. */
  readonly queueUrl: string;
}

function clampDelay(delaySeconds: number | undefined): number | undefined {
  if (delaySeconds === undefined) return undefined;
  return Math.min(SQS_MAX_DELAY_SECONDS, Math.max(0, Math.floor(delaySeconds)));
}

/** Enqueues dispatch messages on SQS. */
export class SqsDispatchQueue {
  private readonly fifo: boolean;

  constructor(private readonly options: SqsDispatchQueueOptions) {
    this.fifo = options.queueUrl.endsWith(FIFO_SUFFIX);
  }

  private attributes(message: DispatchMessage, options: EnqueueOptions) {
    const delay = clampDelay(options.delaySeconds);
    return {
      MessageBody: serializeDispatchMessage(message),
      ...(this.fifo
        ? { MessageGroupId: message.assignmentId, MessageDeduplicationId: `${message.assignmentId}-${message.attempt ?? 1}` }
        : delay !== undefined
          ? { DelaySeconds: delay }
          : {}),
    };
  }

  /** Enqueues one message; SDK errors propagate. Returns the SQS message id. */
  async enqueue(message: DispatchMessage, options: EnqueueOptions = {}): Promise<string | undefined> {
    const output = await this.options.client.send(
      new SendMessageCommand({ QueueUrl: this.options.queueUrl, ...this.attributes(message, options) }),
    );
    return output.MessageId;
  }

  /**
   * Enqueues many messages in batches of ten, the batches at once (a hundred messages wait one round
   * trip, not ten). Entries SQS refuses, and whole batches whose request failed, are reported in
   * `failed` instead of thrown, so the caller can mark exactly those.
   */
  async enqueueBatch(messages: readonly DispatchMessage[], options: EnqueueOptions = {}): Promise<EnqueueBatchResult> {
    const chunks: DispatchMessage[][] = [];
    for (let start = 0; start < messages.length; start += SQS_MAX_BATCH_ENTRIES) chunks.push(messages.slice(start, start + SQS_MAX_BATCH_ENTRIES));
    const results = await Promise.all(chunks.map((chunk) => this.sendChunk(chunk, options)));
    return { enqueued: results.reduce((sum, result) => sum + result.enqueued, 0), failed: results.flatMap((result) => result.failed) };
  }

  /** One `SendMessageBatch` of at most ten messages; what it did not take is reported, never thrown. */
  private async sendChunk(chunk: readonly DispatchMessage[], options: EnqueueOptions): Promise<EnqueueBatchResult> {
    const entries: SendMessageBatchRequestEntry[] = chunk.map((message, index) => ({ Id: String(index), ...this.attributes(message, options) }));
    try {
      const output = await this.options.client.send(new SendMessageBatchCommand({ QueueUrl: this.options.queueUrl, Entries: entries }));
      const failed: FailedDispatchEntry[] = (output.Failed ?? []).flatMap((entry) => {
        const message = chunk[Number(entry.Id)];
        return message === undefined ? [] : [{ message, code: entry.Code ?? 'Unknown', reason: entry.Message ?? entry.Code ?? 'refused by SQS', senderFault: entry.SenderFault ?? false }];
      });
      return { enqueued: output.Successful?.length ?? 0, failed };
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const reason = error instanceof Error ? error.message : String(error);
      return { enqueued: 0, failed: chunk.map((message) => ({ message, code: name, reason, senderFault: false })) };
    }
  }
}
