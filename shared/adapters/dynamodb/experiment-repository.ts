import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Experiment } from '../../domain/experiment/experiment';
import { ConcurrentModificationError } from '../../domain/errors/channel-lab-error';
import type { StoredSummary } from '../../domain/results/experiment-summary';
import type { ExperimentCreateOutcome, ExperimentPage, ExperimentQuery, ExperimentRepository, ExperimentWithSummary } from '../../use-cases/ports/experiment-repository';
import { decodeCursor, encodeCursor } from './cursor';
import { conflictItem } from './conflict-item';
import { EXPERIMENT_LIST_PARTITION, experimentEntity, experimentStatusPartition } from './entities/experiment-entity';
import { GSI1, GSI2, PARTITION_KEY, SORT_KEY } from './table-definition';
import { buildUpdate } from './update-expression';

/** Attribute holding the results summary the allocator writes (never part of `Experiment`). */
const SUMMARY_ATTRIBUTE = 'summary';

function toItem(experiment: Experiment, requestFingerprint?: string): Record<string, unknown> {
  // A summary that travelled on the object is never written back: only saveSummary writes it.
  const { [SUMMARY_ATTRIBUTE]: _summary, ...fields } = experiment as Experiment & { readonly summary?: unknown };
  return experimentEntity.item({ ...fields, stage: fields.definition.stage, ...(requestFingerprint === undefined ? {} : { requestFingerprint }) }, experiment);
}

function fromItem(item: Record<string, unknown>): Experiment {
  const { id, definition, status, version, createdAt, updatedAt, startedAt, completedAt } = experimentEntity.parse(item);
  return {
    id,
    definition,
    status,
    version,
    createdAt,
    updatedAt,
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(completedAt === undefined ? {} : { completedAt }),
  };
}

/** Experiments in the single table (key layout: `entities/experiment-entity.ts`). */
export class DynamoExperimentRepository implements ExperimentRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(experiment: Experiment, requestFingerprint?: string): Promise<ExperimentCreateOutcome> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(experiment, requestFingerprint),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PARTITION_KEY },
          // A taken id answers with the stored experiment: an idempotent repeat needs no second read.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { outcome: 'created' };
    } catch (error) {
      const stored = conflictItem(error);
      if (stored === undefined) throw error;
      if (stored === null) throw new Error(`experiment ${experiment.id}: the create was refused but no item came back`);
      const fingerprint = experimentEntity.parse(stored).requestFingerprint;
      return { outcome: 'exists', stored: fromItem(stored), ...(fingerprint === undefined ? {} : { requestFingerprint: fingerprint }) };
    }
  }

  async get(id: string): Promise<Experiment | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: experimentEntity.key({ id }), ConsistentRead: true }));
    return Item === undefined ? undefined : fromItem(Item);
  }

  async save(experiment: Experiment, expectedVersion: number): Promise<void> {
    // Every attribute but the keys and the creation fingerprint is replaced, on the version read.
    const { pk: _pk, sk: _sk, ...attributes } = toItem(experiment);
    const removed = (['startedAt', 'completedAt'] as const).filter((name) => experiment[name] === undefined);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: experimentEntity.key(experiment),
          ...buildUpdate({
            set: attributes,
            ...(removed.length === 0 ? {} : { remove: removed }),
            condition: { expression: '#cversion = :cexpected', names: { '#cversion': 'version' }, values: { ':cexpected': expectedVersion } },
          }),
        }),
      );
    } catch (error) {
      if (conflictItem(error) !== undefined) {
        throw new ConcurrentModificationError(`experiment ${experiment.id} was changed by someone else: reload it and apply your change again`);
      }
      throw error;
    }
  }

  async list(query: ExperimentQuery): Promise<ExperimentPage> {
    const index = query.status === undefined ? GSI1 : GSI2;
    const partition = query.status === undefined ? EXPERIMENT_LIST_PARTITION : experimentStatusPartition(query.status);
    const startKey = decodeCursor(query.cursor, [PARTITION_KEY, SORT_KEY, index.partitionKey, index.sortKey]);
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#ipk = :partition',
        ...(query.stage === undefined ? {} : { FilterExpression: '#stage = :stage' }),
        ExpressionAttributeNames: { '#ipk': index.partitionKey, ...(query.stage === undefined ? {} : { '#stage': 'stage' }) },
        ExpressionAttributeValues: { ':partition': partition, ...(query.stage === undefined ? {} : { ':stage': query.stage }) },
        ScanIndexForward: false,
        Limit: query.limit,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    const nextCursor = encodeCursor(LastEvaluatedKey);
    const stored = Items.map((item) => experimentEntity.parse(item));
    const summaries = Object.fromEntries(stored.flatMap((item) => (item.summary === undefined ? [] : [[item.id, item.summary]])));
    return { items: Items.map(fromItem), ...(nextCursor === undefined ? {} : { nextCursor }), summaries };
  }

  async getWithSummary(id: string): Promise<ExperimentWithSummary | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: experimentEntity.key({ id }) }));
    if (Item === undefined) return undefined;
    const { summary } = experimentEntity.parse(Item);
    return { experiment: fromItem(Item), ...(summary === undefined ? {} : { summary }) };
  }

  async saveSummary(id: string, summary: StoredSummary): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: experimentEntity.key({ id }),
          ...buildUpdate({
            set: { [SUMMARY_ATTRIBUTE]: summary },
            condition: {
              expression: 'attribute_exists(#cpk) AND (attribute_not_exists(#csummary) OR #csummary.#callocationVersion < :cversion)',
              names: { '#cpk': PARTITION_KEY, '#csummary': SUMMARY_ATTRIBUTE, '#callocationVersion': 'allocationVersion' },
              values: { ':cversion': summary.allocationVersion },
            },
          }),
        }),
      );
    } catch (error) {
      if (conflictItem(error) !== undefined) return; // gone, or a newer summary is already there
      throw error;
    }
  }
}
