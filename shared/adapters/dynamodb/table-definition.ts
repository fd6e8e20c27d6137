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

/**
 * What an index copies of each item besides the keys: everything (`ALL`), nothing (`KEYS_ONLY`)
 * or the named attributes (`INCLUDE`). An update that changes no index key and no projected
 * attribute writes nothing to the index; under `ALL` every change of the item rewrites its entry
 * (1 WRU per KB), which is why the hot items (decisions) are in indexes that project little.
 */
export type IndexProjection =
  | { readonly type: 'ALL' }
  | { readonly type: 'KEYS_ONLY' }
  | { readonly type: 'INCLUDE'; readonly attributes: readonly string[] };

/** A global secondary index with string partition and sort keys. */
export interface IndexDefinition {
  /** Index name as used in queries. */
  readonly indexName: string;
  /** Partition key attribute of the index. */
  readonly partitionKey: string;
  /** Sort key attribute of the index. */
  readonly sortKey: string;
  /** Attributes copied into the index besides the keys. */
  readonly projection: IndexProjection;
}

/** The table's shape, independent of CDK and of the SDK. */
export interface TableDefinition {
  /** Partition key attribute (string). */
  readonly partitionKey: string;
  /** Sort key attribute (string). */
  readonly sortKey: string;
  /** Global secondary indexes (all string keys). */
  readonly globalIndexes: readonly IndexDefinition[];
  /** TTL attribute name. */
  readonly ttlAttribute: string;
  /** What the table's stream carries of each change (the counter aggregator needs both images). */
  readonly streamView: StreamView;
}

/** What a table stream record holds: both images, so a reader sees what a write changed. */
export type StreamView = 'NEW_AND_OLD_IMAGES';

/**
 * The table's stream view: the counter aggregator counts a send when `sentAt` appears and a
 * success when `goalAt` appears, which needs the item before and after each write.
 */
export const STREAM_VIEW: StreamView = 'NEW_AND_OLD_IMAGES';

/** GSI1: listings of rarely written items (experiments by creation, API keys), whole items. */
export const GSI1: IndexDefinition = { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: { type: 'ALL' } };
/** GSI2: secondary lookups of rarely written items (experiments by status), whole items. */
export const GSI2: IndexDefinition = { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: { type: 'ALL' } };
/**
 * Attribute a decision carries (`true`) once it no longer counts against the customer's frequency
 * cap (held out, failed, cancelled, bounced). GSI3 projects it, so the cap is counted from the
 * index alone, and only the rare change into such a status rewrites the decision's GSI3 entry.
 */
export const UNCAPPED_ATTRIBUTE = 'uncapped';
/**
 * GSI3: a customer's decisions (frequency cap, erasure). Keys and {@link UNCAPPED_ATTRIBUTE} only,
 * so a decision's status, goal and delivery writes do not touch it.
 */
export const GSI3: IndexDefinition = { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: { type: 'INCLUDE', attributes: [UNCAPPED_ATTRIBUTE] } };
/**
 * GSI4: decisions by state (pending, deferred, by provider message id). Keys only: it is written
 * when a decision enters or leaves a state, never when other attributes change; readers fetch the
 * decisions themselves by key.
 */
export const GSI4: IndexDefinition = { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: { type: 'KEYS_ONLY' } };

/** Channel Lab's table. */
export const CHANNEL_LAB_TABLE: TableDefinition = {
  partitionKey: PARTITION_KEY,
  sortKey: SORT_KEY,
  globalIndexes: [GSI1, GSI2, GSI3, GSI4],
  ttlAttribute: TTL_ATTRIBUTE,
  streamView: STREAM_VIEW,
};
