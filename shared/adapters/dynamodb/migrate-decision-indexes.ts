import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { assignmentEntity, pendingKeys } from './entities/assignment-entity';
import { GSI1, GSI2, GSI3, GSI4, UNCAPPED_ATTRIBUTE } from './table-definition';
import { buildUpdate } from './update-expression';

/** What a migration run did. */
export interface DecisionIndexMigration {
  /** Decisions moved from gsi1/gsi2 to gsi3/gsi4. */
  readonly moved: number;
  /** Decisions whose status changed while the run looked at them (left for a second run). */
  readonly changedMeanwhile: number;
}

/** The index attributes a decision has today (gsi3, gsi4 and the cap marker). */
const NEW_ATTRIBUTES = [GSI3.partitionKey, GSI3.sortKey, GSI4.partitionKey, GSI4.sortKey, UNCAPPED_ATTRIBUTE];

/**
 * One-off migration of a table deployed before the decisions moved to their own indexes: every
 * decision still keyed in gsi1/gsi2 gets its gsi3/gsi4 keys (and the `uncapped` marker) from its
 * stored value, and loses its gsi1/gsi2 keys. Each update is conditional on the status the scan
 * saw, so a decision the running application moved meanwhile is left alone (run again); a second
 * run finds nothing left to move.
 */
export async function migrateDecisionIndexes(client: DynamoDBDocumentClient, tableName: string): Promise<DecisionIndexMigration> {
  let moved = 0;
  let changedMeanwhile = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#entity = :assignment AND (attribute_exists(#g1) OR attribute_exists(#g2))',
        ExpressionAttributeNames: { '#entity': 'entity', '#g1': GSI1.partitionKey, '#g2': GSI2.partitionKey },
        ExpressionAttributeValues: { ':assignment': assignmentEntity.name },
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const decision = assignmentEntity.parse(item);
      // A queued or sending decision of the old layout was in the pending index: it stays where
      // reconciliation looks (it may have been lost on its way to the queue).
      const waiting = decision.status === 'queued' || decision.status === 'sending';
      const written: Record<string, unknown> = { ...assignmentEntity.item(decision, decision), ...(waiting ? pendingKeys(decision.id) : {}) };
      const set = Object.fromEntries(NEW_ATTRIBUTES.filter((name) => written[name] !== undefined).map((name) => [name, written[name]]));
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: assignmentEntity.key(decision),
            ...buildUpdate({
              set,
              remove: [GSI1.partitionKey, GSI1.sortKey, GSI2.partitionKey, GSI2.sortKey],
              condition: { expression: '#cstatus = :cseen', names: { '#cstatus': 'status' }, values: { ':cseen': decision.status } },
            }),
          }),
        );
        moved += 1;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        changedMeanwhile += 1;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { moved, changedMeanwhile };
}
