/**
 * Feeds the table's stream to the dispatch outbox: only the inserts of `queued` decisions and the
 * releases of deferred ones (deferred → queued), in batches gathered over a short window, with
 * partial batch responses, bisection on errors, bounded retries and record age, and an alarmed on-failure queue that keeps the location of any
 * batch given up on. The outbox may send to the dispatch queue and mark decisions pending, nothing else.
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DECISION_PARTITION_PREFIX, DECISION_SORT_KEY, DEFERRED_STATUS, QUEUED_STATUS } from '../../shared/adapters/dynamodb/new-decision-records';
import {
  DISPATCH_OUTBOX_BATCH_SIZE,
  DISPATCH_OUTBOX_BATCHING_WINDOW,
  DISPATCH_OUTBOX_MAX_RECORD_AGE,
  DISPATCH_OUTBOX_RETRY_ATTEMPTS,
  DLQ_RETENTION,
} from '../constants';

/** The key of a decision item, as a stream record's `Keys` (what both filters match first). */
const DECISION_KEYS = { pk: { S: lambda.FilterRule.beginsWith(DECISION_PARTITION_PREFIX) }, sk: { S: lambda.FilterRule.isEqual(DECISION_SORT_KEY) } };

/**
 * The records the outbox is invoked for (either filter): the insert of a decision item in
 * `queued`, and the release of a deferred one (a modify whose old image is `deferred` and new
 * image `queued`). The outbox checks the same again (`newDecisionOf`), so a record this lets
 * through by mistake sends nothing.
 */
export const DISPATCH_OUTBOX_FILTERS: readonly Record<string, unknown>[] = [
  lambda.FilterCriteria.filter({
    eventName: lambda.FilterRule.isEqual('INSERT'),
    dynamodb: { Keys: DECISION_KEYS, NewImage: { status: { S: lambda.FilterRule.isEqual(QUEUED_STATUS) } } },
  }),
  lambda.FilterCriteria.filter({
    eventName: lambda.FilterRule.isEqual('MODIFY'),
    dynamodb: { Keys: DECISION_KEYS, OldImage: { status: { S: lambda.FilterRule.isEqual(DEFERRED_STATUS) } }, NewImage: { status: { S: lambda.FilterRule.isEqual(QUEUED_STATUS) } } },
  }),
];

/** Properties of {@link DispatchOutbox}. */
export interface DispatchOutboxProps {
  /** The table (with its stream, from the shared definition). */
  readonly table: dynamodb.ITable;
  /** The dispatch outbox function. */
  readonly fn: lambda.IFunction;
  /** The dispatch queue it sends to. */
  readonly queue: sqs.IQueue;
}

/** The event source mapping of the dispatch outbox, its on-failure queue and its grants. */
export class DispatchOutbox extends Construct {
  /** Locations (shard, sequence range) of batches given up on after the retries: their decisions were neither queued nor marked. */
  public readonly failureQueue: sqs.Queue;
  /**
   * The stream mapping (and its filters). What writes releases of deferred decisions depends on it,
   * so an update applies the filter that takes the releases before the code that stops enqueueing them.
   */
  public readonly mapping: lambda.EventSourceMapping;

  constructor(scope: Construct, id: string, props: DispatchOutboxProps) {
    super(scope, id);
    this.failureQueue = new sqs.Queue(this, 'FailureQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: DLQ_RETENTION });
    props.fn.addEventSource(
      new DynamoEventSource(props.table, {
        // From the start of the stream: a decision written before the mapping existed is not skipped.
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: DISPATCH_OUTBOX_BATCH_SIZE,
        maxBatchingWindow: DISPATCH_OUTBOX_BATCHING_WINDOW,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: DISPATCH_OUTBOX_RETRY_ATTEMPTS,
        maxRecordAge: DISPATCH_OUTBOX_MAX_RECORD_AGE,
        onFailure: new SqsDlq(this.failureQueue),
        filters: [...DISPATCH_OUTBOX_FILTERS],
      }),
    );
    const mapping = props.fn.node.children.find((child): child is lambda.EventSourceMapping => child instanceof lambda.EventSourceMapping);
    if (!mapping) throw new Error('the dispatch outbox function has no stream mapping');
    this.mapping = mapping;
    props.queue.grantSendMessages(props.fn);
    grantMarkPending(props.table, props.fn);
  }
}

/**
 * Lets the outbox mark the decisions the queue refused (`markPending`): `UpdateItem` on items
 * whose partition key is a decision's, nothing else of the table.
 */
export function grantMarkPending(table: dynamodb.ITable, grantee: iam.IGrantable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'MarkDecisionsPending',
      actions: ['dynamodb:UpdateItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${DECISION_PARTITION_PREFIX}*`] } },
    }),
  );
  table.encryptionKey?.grantEncryptDecrypt(grantee);
}
