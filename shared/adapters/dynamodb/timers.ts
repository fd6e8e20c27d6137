import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FollowUpTimer, FollowUpTimers } from '../../use-cases/ports/follow-up-timers';
import { TIMER_SHARDS, timerEntity, type TimerKind, timerPartition } from './entities/timer-entity';

export { TIMER_SHARDS, type TimerKind };

/** The `Put` of a transaction that arms a timer. */
export function timerPut(tableName: string, kind: TimerKind, timer: FollowUpTimer) {
  return { Put: { TableName: tableName, Item: { ...timerEntity.item(timer, { kind, ...timer }), kind } } };
}

/**
 * The earliest `limit` timers of one kind due at `now`: one query per timer shard (each at most
 * `limit` items, in due order), merged and cut to `limit`.
 */
export async function dueTimers<T extends { readonly dueAt: string }>(
  client: DynamoDBDocumentClient,
  tableName: string,
  kind: TimerKind,
  now: string,
  limit: number,
  parse: (item: Record<string, unknown>) => T,
): Promise<readonly T[]> {
  const pages = await Promise.all(
    Array.from({ length: TIMER_SHARDS }, (_, shard) =>
      client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk <= :now',
          ExpressionAttributeValues: { ':pk': timerPartition(kind, shard), ':now': `${now}#~` },
          Limit: limit,
        }),
      ),
    ),
  );
  return pages
    .flatMap((page) => page.Items ?? [])
    .map(parse)
    .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))
    .slice(0, limit);
}

/** Timers of one kind in the single table, sharded by assignment. */
export class DynamoTimers implements FollowUpTimers {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly kind: TimerKind,
  ) {}

  async due(now: string, limit: number): Promise<readonly FollowUpTimer[]> {
    return dueTimers(this.client, this.tableName, this.kind, now, limit, (item) => timerEntity.parse(item));
  }

  async remove(timer: FollowUpTimer): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: timerEntity.key({ kind: this.kind, ...timer }) }));
  }
}
