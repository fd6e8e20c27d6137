import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentModificationError } from '../../domain/errors/channel-lab-error';
import { type Journey, journeyExperimentIds } from '../../domain/journeys/journey-definition';
import type { JourneyClaimConflict, JourneyPage, JourneyQuery, JourneyRepository, JourneyWriteOutcome } from '../../use-cases/ports/journey-repository';
import { decodeCursor, encodeCursor } from './cursor';
import { JOURNEY_LIST_PARTITION, journeyEntity, journeyMemberEntity, type JourneyMembership } from './entities/journey-entities';
import { GSI1, PARTITION_KEY, SORT_KEY } from './table-definition';
import { transactWrite } from './transact';
import { buildUpdate } from './update-expression';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Attributes of a journey that may be absent (removed when a new definition drops them). */
const OPTIONAL_ATTRIBUTES = ['description', 'cap'] as const;
/** DynamoDB's reason code for a failed condition in a transaction. */
const CONDITION_FAILED = 'ConditionalCheckFailed';

function fromItem(item: Record<string, unknown>): Journey {
  const { requestFingerprint: _fingerprint, ...journey } = journeyEntity.parse(item);
  return journey;
}

/** The memberships of a journey's experiments (each with the journey's stage and cap). */
function memberships(journey: Journey): JourneyMembership[] {
  return journey.stages.flatMap(({ stage, experimentIds }) =>
    experimentIds.map((experimentId) => ({ experimentId, journeyId: journey.id, stage, ...(journey.cap === undefined ? {} : { cap: journey.cap }) })),
  );
}

/** Claims (or re-claims, for the same journey) an experiment: refused when another journey holds it. */
function claim(tableName: string, membership: JourneyMembership): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: journeyMemberEntity.item(membership, membership),
      ConditionExpression: 'attribute_not_exists(#pk) OR #journeyId = :journeyId',
      ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#journeyId': 'journeyId' },
      ExpressionAttributeValues: { ':journeyId': membership.journeyId },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** Releases an experiment the journey held (only if it still does). */
function release(tableName: string, journeyId: string, experimentId: string): TransactItem {
  return {
    Delete: {
      TableName: tableName,
      Key: journeyMemberEntity.key({ experimentId }),
      ConditionExpression: 'attribute_not_exists(#pk) OR #journeyId = :journeyId',
      ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#journeyId': 'journeyId' },
      ExpressionAttributeValues: { ':journeyId': journeyId },
    },
  };
}

/** The claims refused in a cancelled transaction, from the items their conditions failed on. */
function claimConflicts(reasons: readonly string[], items: readonly (Record<string, unknown> | null)[], journeyId: string): JourneyClaimConflict[] {
  return reasons.flatMap((reason, index) => {
    const item = items[index];
    if (reason !== CONDITION_FAILED || item === null || item === undefined || item.entity !== journeyMemberEntity.name) return [];
    const held = journeyMemberEntity.parse(item);
    return held.journeyId === journeyId ? [] : [{ experimentId: held.experimentId, journeyId: held.journeyId }];
  });
}

/** Journeys in the single table, with their experiments' memberships (see `entities/journey-entities.ts`). */
export class DynamoJourneyRepository implements JourneyRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(journey: Journey, requestFingerprint?: string): Promise<JourneyWriteOutcome> {
    const put: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: journeyEntity.item({ ...journey, ...(requestFingerprint === undefined ? {} : { requestFingerprint }) }, journey),
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY },
        // A taken id answers with the stored journey: an idempotent repeat needs no second read.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
    const outcome = await transactWrite(this.client, [put, ...memberships(journey).map((membership) => claim(this.tableName, membership))]);
    if (outcome.written) return { outcome: 'written' };
    const taken = outcome.items[0];
    if (outcome.reasons[0] === CONDITION_FAILED && taken) {
      const fingerprint = journeyEntity.parse(taken).requestFingerprint;
      return { outcome: 'exists', stored: fromItem(taken), ...(fingerprint === undefined ? {} : { requestFingerprint: fingerprint }) };
    }
    return { outcome: 'claimed', conflicts: claimConflicts(outcome.reasons, outcome.items, journey.id) };
  }

  async get(id: string): Promise<Journey | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: journeyEntity.key({ id }), ConsistentRead: true }));
    return Item === undefined ? undefined : fromItem(Item);
  }

  async save(journey: Journey, previous: Journey): Promise<JourneyWriteOutcome> {
    // Every attribute but the keys and the creation fingerprint is replaced, on the version read.
    const { pk: _pk, sk: _sk, ...attributes } = journeyEntity.item(journey, journey);
    const removed = OPTIONAL_ATTRIBUTES.filter((name) => journey[name] === undefined);
    const update: TransactItem = {
      Update: {
        TableName: this.tableName,
        Key: journeyEntity.key(journey),
        ...buildUpdate({
          set: attributes,
          ...(removed.length === 0 ? {} : { remove: removed }),
          condition: { expression: 'attribute_exists(#cpk) AND #cversion = :cexpected', names: { '#cpk': PARTITION_KEY, '#cversion': 'version' }, values: { ':cexpected': previous.version } },
        }),
      },
    };
    const kept = new Set(journeyExperimentIds(journey));
    const dropped = journeyExperimentIds(previous).filter((id) => !kept.has(id));
    const outcome = await transactWrite(this.client, [
      update,
      ...memberships(journey).map((membership) => claim(this.tableName, membership)),
      ...dropped.map((experimentId) => release(this.tableName, journey.id, experimentId)),
    ]);
    if (outcome.written) return { outcome: 'written' };
    if (outcome.reasons[0] === CONDITION_FAILED) throw new ConcurrentModificationError(`journey ${journey.id} was changed by someone else: reload it and apply your change again`);
    return { outcome: 'claimed', conflicts: claimConflicts(outcome.reasons, outcome.items, journey.id) };
  }

  async delete(journey: Journey): Promise<void> {
    const remove: TransactItem = {
      Delete: {
        TableName: this.tableName,
        Key: journeyEntity.key(journey),
        ConditionExpression: 'attribute_exists(#pk) AND #version = :version',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#version': 'version' },
        ExpressionAttributeValues: { ':version': journey.version },
      },
    };
    const outcome = await transactWrite(this.client, [remove, ...journeyExperimentIds(journey).map((experimentId) => release(this.tableName, journey.id, experimentId))]);
    if (!outcome.written) throw new ConcurrentModificationError(`journey ${journey.id} was changed by someone else: reload it and try again`);
  }

  async list(query: JourneyQuery): Promise<JourneyPage> {
    const startKey = decodeCursor(query.cursor, [PARTITION_KEY, SORT_KEY, GSI1.partitionKey, GSI1.sortKey]);
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI1.indexName,
        KeyConditionExpression: '#ipk = :partition',
        ExpressionAttributeNames: { '#ipk': GSI1.partitionKey },
        ExpressionAttributeValues: { ':partition': JOURNEY_LIST_PARTITION },
        ScanIndexForward: false,
        Limit: query.limit,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    const nextCursor = encodeCursor(LastEvaluatedKey);
    return { items: Items.map(fromItem), ...(nextCursor === undefined ? {} : { nextCursor }) };
  }
}
