import { createHash } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FollowUpTimer, FollowUpTimers } from '../../use-cases/ports/send-ports';

/** Shards of the follow-up timer partition (written once per send: 10,000/s ÷ 20 = 500/s per shard). */
export const TIMER_SHARDS = 20;

/** The shard of an assignment's timer (stable, from its id). */
function shardOf(assignmentId: string): number {
  return createHash('sha256').update(assignmentId).digest().readUInt32BE(0) % TIMER_SHARDS;
}

function timerKey(timer: Pick<FollowUpTimer, 'assignmentId' | 'dueAt'>) {
  return { pk: `FOLLOWUP#${shardOf(timer.assignmentId)}`, sk: `${timer.dueAt}#${timer.assignmentId}` };
}

/** The `Put` of a transaction that arms a follow-up timer. */
export function followUpTimerPut(tableName: string, timer: FollowUpTimer) {
  return { Put: { TableName: tableName, Item: { ...timerKey(timer), entity: 'follow_up_timer', ...timer } } };
}

/** Follow-up timers in the single table, sharded by assignment. */
export class DynamoFollowUpTimers implements FollowUpTimers {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async due(now: string, limit: number): Promise<readonly FollowUpTimer[]> {
    const pages = await Promise.all(
      Array.from({ length: TIMER_SHARDS }, (_, shard) =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND sk <= :now',
            ExpressionAttributeValues: { ':pk': `FOLLOWUP#${shard}`, ':now': `${now}#~` },
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
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: timerKey(timer) }));
  }
}
