import { createHash } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FollowUpTimer, FollowUpTimers } from '../../use-cases/ports/send-ports';

/** Shards of a timer partition (written at most once per send: 10,000/s ÷ 20 = 500/s per shard). */
export const TIMER_SHARDS = 20;

/** The shard of an assignment's timer (stable, from its id). */
function shardOf(assignmentId: string): number {
  return createHash('sha256').update(assignmentId).digest().readUInt32BE(0) % TIMER_SHARDS;
}

/** Kinds of timers: follow-up on silence, and the delivery watch of reconciliation. */
export type TimerKind = 'FOLLOWUP' | 'DELIVERYWATCH';

function timerKey(kind: TimerKind, timer: Pick<FollowUpTimer, 'assignmentId' | 'dueAt'>) {
  return { pk: `${kind}#${shardOf(timer.assignmentId)}`, sk: `${timer.dueAt}#${timer.assignmentId}` };
}

/** The `Put` of a transaction that arms a timer. */
export function timerPut(tableName: string, kind: TimerKind, timer: FollowUpTimer) {
  return { Put: { TableName: tableName, Item: { ...timerKey(kind, timer), entity: 'timer', kind, ...timer } } };
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
            ExpressionAttributeValues: { ':pk': `${this.kind}#${shard}`, ':now': `${now}#~` },
            Limit: limit,
          }),
        ),
      ),
    );
    return pages
      .flatMap((page) => page.Items ?? [])
      .map((item) => ({ assignmentId: item.assignmentId as string, experimentId: item.experimentId as string, dueAt: item.dueAt as string }))
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1))
      .slice(0, limit);
  }

  async remove(timer: FollowUpTimer): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: timerKey(this.kind, timer) }));
  }
}
