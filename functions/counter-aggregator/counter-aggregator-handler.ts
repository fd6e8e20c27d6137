import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { changeOf } from '../../shared/adapters/dynamodb/stream-records';
import { createLogger, type Observability } from '../../shared/runtime/observability';
import { countStreamChanges, type CountStreamDependencies } from '../../shared/use-cases/counters/count-stream-changes';

/**
 * The event of a stream event source mapping with a tumbling window: the records of one stream
 * shard, and that shard's id (which a plain stream event does not carry, and the per-shard
 * checkpoint needs). The window's state is not used.
 */
export interface CounterStreamEvent {
  readonly Records: readonly DynamoDBRecord[];
  /** The stream shard of every record of the event. */
  readonly shardId?: string;
  /** Set on the invocation that closes a window (often without records). */
  readonly isFinalInvokeForWindow?: boolean;
}

/** The answer to a tumbling-window invocation: an (unused) state, and where to retry from. */
export interface CounterStreamResponse extends DynamoDBBatchResponse {
  /** The window's state (always empty: the counters are the state). */
  readonly state: Record<string, never>;
}

/** The event source mapping has no tumbling window, so events carry no shard id (a deployment error). */
export class MissingShardIdError extends Error {
  override readonly name = 'MissingShardIdError';
  constructor() {
    super('counter aggregator event has records but no shardId: its event source mapping needs a tumbling window (TumblingWindowInSeconds), which adds the shard id to each event');
  }
}

/**
 * The counter aggregator: adds the sends and successes of a batch of table stream records to the
 * cohort counters (see `countStreamChanges`). What it could not count is reported as the batch's
 * first failure, so Lambda retries from that record (the per-shard checkpoint drops what was
 * counted already); after the mapping's retries the batch's location goes to the alarmed
 * on-failure queue.
 */
export function createCounterAggregatorHandler(deps: CountStreamDependencies, { logger }: Pick<Observability, 'logger'> = createLogger()) {
  return middy<CounterStreamEvent, CounterStreamResponse>({ timeoutEarlyInMillis: 0 }).use(injectLambdaContext(logger)).handler(async (event) => {
    if (event.Records.length === 0) return { state: {}, batchItemFailures: [] };
    if (!event.shardId) throw new MissingShardIdError();
    const changes = event.Records.map(changeOf);
    const report = await countStreamChanges(deps, { shardId: event.shardId, changes });
    const { stoppedAt, ...figures } = report;
    if (!stoppedAt) {
      logger.info('counted', { shardId: event.shardId, records: changes.length, ...figures });
      return { state: {}, batchItemFailures: [] };
    }
    logger.error('counting stopped: retried from this record', { shardId: event.shardId, ...figures, sequenceNumber: stoppedAt.sequenceNumber, error: stoppedAt.error instanceof Error ? stoppedAt.error.message : String(stoppedAt.error) });
    return { state: {}, batchItemFailures: [{ itemIdentifier: stoppedAt.sequenceNumber }] };
  });
}
