import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FollowUpTimer, FollowUpTimers } from '../../use-cases/ports/follow-up-timers';
import { TIMER_SHARDS, timerEntity, type TimerKind, timerPartition } from './entities/timer-entity';

export { TIMER_SHARDS, type TimerKind };

/** The `Put` of a transaction that arms a timer. */
export function timerPut(tableName: string, kind: TimerKind, timer: FollowUpTimer) {
  return { Put: { TableName: tableName, Item: { ...timerEntity.item(timer, { kind, ...timer }), kind } } };
}

/** Timers of one kind in the single table, sharded by assignment. */
export class DynamoTimers implements FollowUpTimers {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly kind: TimerKind,
  ) {}

  async due(now: string, limit: number): Promise<readonly FollowUpTimer[]> {
    const pages = await Promise.all(
      Array.from({ length: TIMER_SHARDS }, (_, shard) =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND sk <= :now',
            ExpressionAttributeValues: { ':pk': timerPartition(this.kind, shard), ':now': `${now}#~` },
            Limit: limit,
          }),
        ),
      ),
    );
    return pages
      .flatMap((page) => page.Items ?? [])
      .map((item) => timerEntity.parse(item))
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1))
      .slice(0, limit);
  }

  async remove(timer: FollowUpTimer): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: timerEntity.key({ kind: this.kind, ...timer }) }));
  }
}
