import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RenderedInApp } from '../../domain/content/render-message';
import type { ChannelSender, SendContext, SendResult } from '../../use-cases/ports/channel-sender';
import type { Inbox, InboxMessage } from '../../use-cases/ports/inbox';

export type { InboxMessage };

/** Prefix of inbox message ids (also the provider message id stored on the assignment). */
export const INBOX_MESSAGE_PREFIX = 'inbox-';
import { conflictItem } from './conflict-item';
import { INBOX_SORT_PREFIX, inboxMessageEntity, inboxPartition } from './entities/inbox-entity';
import { PARTITION_KEY } from './table-definition';
import { buildUpdate } from './update-expression';

/** An inbox item as the app sees it (without table keys). */
const toMessage = (item: Record<string, unknown>): InboxMessage => inboxMessageEntity.parse(item);

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
          Item: inboxMessageEntity.item(
            {
              messageId,
              assignmentId: context.assignmentId,
              title: message.title,
              body: message.body,
              ...(message.callToAction ? { callToAction: message.callToAction } : {}),
              status: 'pending',
              createdAt: this.nowIso(),
            },
            { customerId: message.customerId, messageId },
          ),
          ConditionExpression: 'attribute_not_exists(#cpk)',
          ExpressionAttributeNames: { '#cpk': PARTITION_KEY },
        }),
      );
    } catch (error) {
      if (conflictItem(error) === undefined) throw error; // already in the inbox: same id, same message
    }
    return { providerMessageId: messageId };
  }

  /** The customer's inbox, newest first (pending only unless `includeRead`). */
  async list(customerId: string, includeRead = false): Promise<InboxMessage[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': inboxPartition(customerId), ':prefix': INBOX_SORT_PREFIX },
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
          Key: inboxMessageEntity.key({ customerId, messageId }),
          ...buildUpdate({ set: { status: 'read' }, setIfAbsent: { readAt: this.nowIso() }, condition: { expression: 'attribute_exists(#cpk)', names: { '#cpk': PARTITION_KEY } } }),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toMessage(Attributes) : undefined; // keys and bookkeeping stay inside
    } catch (error) {
      if (conflictItem(error) !== undefined) return undefined;
      throw error;
    }
  }

  /** Deletes every message of a customer's inbox (erasure); returns how many. Repeats are harmless. */
  async eraseCustomer(customerId: string): Promise<number> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': inboxPartition(customerId) },
        ProjectionExpression: 'pk, sk',
      }),
    );
    for (const item of Items) await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk } }));
    return Items.length;
  }
}
