/**
 * Feeds the table's stream to the counter aggregator: only the records that count (a decision
 * whose `sent` or goal write asked the stream to count it), in batches, with a tumbling window
 * (for the shard id), partial batch responses, bisection on errors, bounded retries, and an
 * alarmed on-failure queue that keeps the location of any batch given up on.
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { COUNTER_PARTITION_PREFIX } from '../../shared/adapters/dynamodb/entities/counter-entity';
import { CHECKPOINT_PARTITION_PREFIX } from '../../shared/adapters/dynamodb/entities/stream-checkpoint-entity';
import { GOAL_COUNTED_BY, SEND_COUNTED_BY, STREAM_COUNTED } from '../../shared/domain/statistics/stream-counts';
import {
  COUNTER_STREAM_BATCH_SIZE,
  COUNTER_STREAM_BATCHING_WINDOW,
  COUNTER_STREAM_MAX_RECORD_AGE,
  COUNTER_STREAM_RETRY_ATTEMPTS,
  COUNTER_STREAM_TUMBLING_WINDOW,
  DLQ_RETENTION,
} from '../constants';

/**
 * The records the aggregator is invoked for (ORed): a `sending → sent` write marked for the stream,
 * and a write that set a marked goal on a decision that had none. The aggregator checks the same
 * again (`incrementsOf`), so a record these let through by mistake counts nothing.
 */
export const COUNTER_STREAM_FILTERS: readonly Record<string, unknown>[] = [
  lambda.FilterCriteria.filter({
    eventName: lambda.FilterRule.isEqual('MODIFY'),
    dynamodb: {
      OldImage: { status: { S: lambda.FilterRule.isEqual('sending') } },
      NewImage: { status: { S: lambda.FilterRule.isEqual('sent') }, [SEND_COUNTED_BY]: { S: lambda.FilterRule.isEqual(STREAM_COUNTED) } },
    },
  }),
  lambda.FilterCriteria.filter({
    eventName: lambda.FilterRule.isEqual('MODIFY'),
    dynamodb: {
      OldImage: { goalAt: { S: lambda.FilterRule.notExists() } },
      NewImage: { [GOAL_COUNTED_BY]: { S: lambda.FilterRule.isEqual(STREAM_COUNTED) } },
    },
  }),
];

/** Properties of {@link CounterStream}. */
export interface CounterStreamProps {
  /** The table (with its stream, from the shared definition). */
  readonly table: dynamodb.ITable;
  /** The counter aggregator. */
  readonly fn: lambda.IFunction;
}

/** The event source mapping of the counter aggregator, its on-failure queue and its write grant. */
export class CounterStream extends Construct {
  /** Locations (shard, sequence range) of batches given up on after the retries. */
  public readonly failureQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: CounterStreamProps) {
    super(scope, id);
    this.failureQueue = new sqs.Queue(this, 'FailureQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: DLQ_RETENTION });
    props.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: COUNTER_STREAM_BATCH_SIZE,
        maxBatchingWindow: COUNTER_STREAM_BATCHING_WINDOW,
        tumblingWindow: COUNTER_STREAM_TUMBLING_WINDOW,
        // One batch per shard at a time, in order: the per-shard checkpoint relies on it.
        parallelizationFactor: 1,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: COUNTER_STREAM_RETRY_ATTEMPTS,
        maxRecordAge: COUNTER_STREAM_MAX_RECORD_AGE,
        onFailure: new SqsDlq(this.failureQueue),
        filters: [...COUNTER_STREAM_FILTERS],
      }),
    );
    grantCounterWrites(props.table, props.fn);
  }
}

/**
 * Lets the aggregator write the counters and its stream checkpoints, nothing else: `PutItem` and
 * `UpdateItem` (the parts of its transactions) on items whose partition key is a counter's or a
 * checkpoint's.
 */
export function grantCounterWrites(table: dynamodb.ITable, grantee: iam.IGrantable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'WriteCountersAndStreamCheckpoints',
      actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${COUNTER_PARTITION_PREFIX}*`, `${CHECKPOINT_PARTITION_PREFIX}*`] } },
    }),
  );
  table.encryptionKey?.grantEncryptDecrypt(grantee);
}
