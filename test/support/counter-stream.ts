import { DynamoCounterLedger } from '../../shared/adapters/dynamodb/stream-counter-ledger';
import { createDynamoClient } from '../../shared/adapters/dynamodb/document-client';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { countStreamChanges } from '../../shared/use-cases/counters/count-stream-changes';
import { TableStreamReader } from '../../local/table-stream-reader';

/** A table tests write to and read counters from. */
export interface StreamedTable {
  readonly endpoint: string;
  readonly tableName: string;
  readonly documents: DynamoDBDocumentClient;
}

/** One reader per table, so each drain starts where the last one stopped. */
const readers = new Map<string, TableStreamReader>();

/**
 * Counts what the table's stream holds so far into its counters, with the counter aggregator's
 * use case, as the deployed aggregator does within a second or so. Tests that read counters
 * right after sends or events call this first (the local platform drains its own stream before
 * every counter read of the allocator).
 */
export async function drainCounterStream(table: StreamedTable): Promise<void> {
  let reader = readers.get(table.tableName);
  if (!reader) {
    const ledger = new DynamoCounterLedger(table.documents, table.tableName, () => Date.now());
    reader = new TableStreamReader(createDynamoClient({ endpoint: table.endpoint }), table.endpoint, table.tableName, (batch) => countStreamChanges({ ledger }, batch));
    readers.set(table.tableName, reader);
  }
  await reader.drain();
}
