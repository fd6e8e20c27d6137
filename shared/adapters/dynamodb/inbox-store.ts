import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { RenderedInApp } from '../../domain/content/render-message';
import type { ChannelSender, SendContext, SendResult } from '../../use-cases/ports/channel-sender';
import type { Inbox, InboxMessage } from '../../use-cases/ports/inbox';

export type { InboxMessage };

/** Prefix of inbox message ids (also the provider message id stored on the assignment). */
export const INBOX_MESSAGE_PREFIX = 'inbox-';
/** Partition of a customer's inbox. */
const inboxPartition = (customerId: string) => `INBOX#${customerId}`;
/** Sort key of an inbox message. */
const inboxSort = (messageId: string) => `MSG#${messageId}`;

/** An inbox item as the app sees it (without table keys). */
function toMessage(item: Record<string, unknown>): InboxMessage {
  const { messageId, assignmentId, title, body, callToAction, status, createdAt, readAt } = item as unknown as InboxMessage;
  return { messageId, assignmentId, title, body, ...(callToAction ? { callToAction } : {}), status, createdAt, ...(readAt ? { readAt } : {}) };
}

/**
 * The in-app / website inbox: the `in_app` channel's sender (it stores the message) and the
 * reader behind `GET /v1/customers/{id}/inbox`.
 */
export class DynamoInbox implements ChannelSender<'in_app'>, Inbox {
  readonly channel = 'in_app' as const;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly nowIso: () => string = () => new Date().toISOString(),
  ) {}

  async send(message: RenderedInApp, context: SendContext): Promise<SendResult> {
    const messageId = `${INBOX_MESSAGE_PREFIX}${context.assignmentId}`;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: inboxPartition(message.customerId),
            sk: inboxSort(messageId),
            entity: 'inbox_message',
            messageId,
            assignmentId: context.assignmentId,
            title: message.title,
            body: message.body,
            ...(message.callToAction ? { callToAction: message.callToAction } : {}),
            status: 'pending',
            createdAt: this.nowIso(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // already in the inbox: same id, same message
    }
    return { providerMessageId: messageId };
  }

  /** The customer's inbox, newest first (pending only unless `includeRead`). */
  async list(customerId: string, includeRead = false): Promise<InboxMessage[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': inboxPartition(customerId), ':prefix': 'MSG#' },
        ScanIndexForward: false,
      }),
    );
    return Items.map(toMessage)
      .filter((message) => includeRead || message.status === 'pending')
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  /** Marks a message read; returns it, or undefined when the customer has no such message. Repeats are harmless. */
  async markRead(customerId: string, messageId: string): Promise<InboxMessage | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: inboxPartition(customerId), sk: inboxSort(messageId) },
          UpdateExpression: 'SET #status = :read, readAt = if_not_exists(readAt, :now)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':read': 'read', ':now': this.nowIso() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toMessage(Attributes) : undefined; // keys and bookkeeping stay inside
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
