import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../domain/experiment/channels';
import type { ChannelSender, RenderedMessage, SendContext, SendResult } from '../../use-cases/ports/channel-sender';
import { OUTBOX_PARTITION, outboxEntity, type OutboxEntry } from './entities/outbox-entity';
import { buildUpdate } from './update-expression';

export type { OutboxEntry };

/** Prefix of outbox message ids. */
const OUTBOX_MESSAGE_PREFIX = 'outbox-';

/**
 * The local platform's stand-in for SES, SNS and webhook providers: every message is stored in an
 * outbox that `GET /v1/outbox` shows, rendered exactly as the real sender would receive it.
 */
export class DynamoOutbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly nowIso: () => string = () => new Date().toISOString(),
  ) {}

  /** A sender for `channel` that writes to this outbox. */
  senderFor<C extends Channel>(channel: C): ChannelSender<C> {
    return {
      channel,
      send: (message, context) => this.record(channel, message as RenderedMessage, context),
    };
  }

  private async record(channel: Channel, message: RenderedMessage, context: SendContext): Promise<SendResult> {
    const sentAt = this.nowIso();
    const messageId = `${OUTBOX_MESSAGE_PREFIX}${context.idempotencyKey}`;
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: outboxEntity.item(
          { messageId, assignmentId: context.assignmentId, ...(context.experimentId ? { experimentId: context.experimentId } : {}), channel, message, sentAt },
          { sentAt, assignmentId: context.assignmentId },
        ),
      }),
    );
    return { providerMessageId: messageId };
  }

  /** Delivered messages, newest first, optionally of one experiment. */
  async list(options: { experimentId?: string; limit?: number } = {}): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ...(options.experimentId ? { FilterExpression: 'experimentId = :experimentId' } : {}),
          ExpressionAttributeValues: { ':pk': OUTBOX_PARTITION, ...(options.experimentId ? { ':experimentId': options.experimentId } : {}) },
          ScanIndexForward: false,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      entries.push(...(page.Items ?? []).map((item) => outboxEntity.parse(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey && (options.limit === undefined || entries.length < options.limit));
    return options.limit === undefined ? entries : entries.slice(0, options.limit);
  }

  /** Erases the rendered content of these decisions' delivered messages (addresses, names, links); the delivery records stay. */
  async eraseAssignments(assignmentIds: readonly string[]): Promise<void> {
    const erased = new Set(assignmentIds);
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': OUTBOX_PARTITION },
          ProjectionExpression: 'pk, sk, assignmentId',
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        // The delivery record stays (it was delivered once); its rendered content and addresses go.
        if (erased.has(item.assignmentId as string)) {
          await this.client.send(
            new UpdateCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk }, ...buildUpdate({ set: { message: { erased: true } } }) }),
          );
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}
