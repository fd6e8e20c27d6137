/**
 * The dispatch queue between the send path and the dispatcher: SSE (SQS-managed keys),
 * TLS-only, a dead-letter queue after DLQ_MAX_RECEIVE_COUNT receives, and a visibility
 * timeout of at least VISIBILITY_TIMEOUT_FACTOR × the consumer's timeout.
 */
import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DLQ_MAX_RECEIVE_COUNT, DLQ_RETENTION, VISIBILITY_TIMEOUT_FACTOR } from '../constants';

/** Properties of {@link DispatchQueue}. */
export interface DispatchQueueProps {
  /** Timeout of the consuming function; the visibility timeout is derived from it. */
  readonly consumerTimeout: Duration;
}

/** The dispatch queue and its dead-letter queue. */
export class DispatchQueue extends Construct {
  /** The queue the send path writes to. */
  public readonly queue: sqs.Queue;
  /** Where messages go after DLQ_MAX_RECEIVE_COUNT failed receives. */
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DispatchQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DLQ_RETENTION,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: DLQ_MAX_RECEIVE_COUNT },
    });
  }
}
