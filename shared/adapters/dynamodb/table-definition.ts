/**
 * The one definition of Channel Lab's DynamoDB table (single-table design).
 *
 * Both the CDK stack (`infra/`) and the local platform / tests (`createTable`)
 * build the table from this object, so their key schema, indexes and TTL never drift.
 */

/** Name of the partition key attribute. */
export const PARTITION_KEY = 'pk';
/** Name of the sort key attribute. */
export const SORT_KEY = 'sk';
/** Attribute holding an epoch-seconds expiry for items DynamoDB may delete (dedupe records, caches). */
export const TTL_ATTRIBUTE = 'expiresAt';

/** A global secondary index with string partition and sort keys, projecting all attributes. */
export interface IndexDefinition {
  /** Index name as used in queries. */
  readonly indexName: string;
  /** Partition key attribute of the index. */
  readonly partitionKey: string;
  /** Sort key attribute of the index. */
  readonly sortKey: string;
}

/** The table's shape, independent of CDK and of the SDK. */
export interface TableDefinition {
  /** Partition key attribute (string). */
  readonly partitionKey: string;
  /** Sort key attribute (string). */
  readonly sortKey: string;
  /** Global secondary indexes (all string keys, projection ALL). */
  readonly globalIndexes: readonly IndexDefinition[];
  /** TTL attribute name. */
  readonly ttlAttribute: string;
}

/** GSI1: listings (e.g. experiments by status/stage, assignments by customer). */
export const GSI1: IndexDefinition = { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' };
/** GSI2: secondary lookups (e.g. assignment by provider message id). */
export const GSI2: IndexDefinition = { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' };

/** Channel Lab's table. */
export const CHANNEL_LAB_TABLE: TableDefinition = {
  partitionKey: PARTITION_KEY,
  sortKey: SORT_KEY,
  globalIndexes: [GSI1, GSI2],
  ttlAttribute: TTL_ATTRIBUTE,
};
