/**
 * The dispatch outbox played for tests that play SQS themselves (they hand the dispatcher its
 * records): what the outbox sends to the queue for the new decisions of the table's stream.
 */
import { TableStreamReader } from '../../local/table-stream-reader';
import { DynamoAssignmentRepository } from '../../shared/adapters/dynamodb/assignment-repository';
import { createDynamoClient } from '../../shared/adapters/dynamodb/document-client';
import { newDecisionsOf } from '../../shared/adapters/dynamodb/new-decision-records';
import { dispatchNewDecisions } from '../../shared/use-cases/dispatch/dispatch-new-decisions';
import type { DispatchRequest } from '../../shared/use-cases/ports/dispatch-queue';
import type { StreamedTable } from './counter-stream';

/** One reader per table (each call reads on from where the last stopped), and what its outbox sent. */
const outboxes = new Map<string, { readonly reader: TableStreamReader; readonly sent: DispatchRequest[] }>();

/**
 * The dispatch requests the outbox sends for the decisions inserted in `queued` since the last
 * call on this table (the first call reads the stream from its start), only those of `ids` when
 * given, in the stream's order. The test delivers them to the dispatcher as SQS would.
 */
export async function outboxRequests(table: StreamedTable, ids?: readonly string[]): Promise<DispatchRequest[]> {
  let outbox = outboxes.get(table.tableName);
  if (!outbox) {
    const sent: DispatchRequest[] = [];
    const deps = { queue: { enqueue: async (requests: readonly DispatchRequest[]) => (sent.push(...requests), []) }, pending: new DynamoAssignmentRepository(table.documents, table.tableName) };
    const reader = new TableStreamReader(createDynamoClient({ endpoint: table.endpoint }), table.endpoint, table.tableName, (batch) => dispatchNewDecisions(deps, newDecisionsOf(batch.changes)));
    outbox = { reader, sent };
    outboxes.set(table.tableName, outbox);
  }
  await outbox.reader.drain();
  const sent = outbox.sent.splice(0);
  return ids === undefined ? sent : sent.filter((request) => ids.includes(request.assignmentId));
}

/** The table a local platform runs on, for {@link outboxRequests}. */
export const platformTable = (platform: { readonly dynamoEndpoint: string; readonly tableName: string; readonly documents: StreamedTable['documents'] }): StreamedTable => ({ endpoint: platform.dynamoEndpoint, tableName: platform.tableName, documents: platform.documents });
