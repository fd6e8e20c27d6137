/**
 * Routes SES events of Channel Lab's configuration set from the default EventBridge bus
 * to the SES events function, with a dead-letter queue for undeliverable events.
 */
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DLQ_RETENTION, EVENT_TARGET_MAX_EVENT_AGE, EVENT_TARGET_RETRY_ATTEMPTS } from '../constants';

/** Properties of {@link SesEventsRoute}. */
export interface SesEventsRouteProps {
  /** Name of the configuration set whose events are routed. */
  readonly configurationSetName: string;
  /** The handler. */
  readonly fn: lambda.IFunction;
}

/** The EventBridge rule for SES events and its target dead-letter queue. */
export class SesEventsRoute extends Construct {
  /** The rule (source `aws.ses`, this configuration set only). */
  public readonly rule: events.Rule;
  /** Events EventBridge could not deliver to the function after its retries. */
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: SesEventsRouteProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DLQ_RETENTION,
    });
    this.rule = new events.Rule(this, 'Rule', {
      description: 'SES events of the Channel Lab configuration set',
      eventPattern: {
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } } },
      },
    });
    this.rule.addTarget(
      new targets.LambdaFunction(props.fn, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: EVENT_TARGET_RETRY_ATTEMPTS,
        maxEventAge: EVENT_TARGET_MAX_EVENT_AGE,
      }),
    );
  }
}
