/**
 * Routes SES events of Channel Lab's configuration set from the default EventBridge bus
 * to the SES events function, with one dead-letter queue for the events EventBridge could not
 * deliver and for the events the function failed on after Lambda's asynchronous retries
 * (EventBridge invokes Lambda asynchronously: a function error never reaches the target's DLQ).
 */
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DLQ_RETENTION, EVENT_TARGET_MAX_EVENT_AGE, EVENT_TARGET_RETRY_ATTEMPTS } from '../constants';

/** Lambda's asynchronous retries of a failed SES event before it goes to the DLQ (its maximum). */
const SES_EVENTS_ASYNC_RETRY_ATTEMPTS = 2;

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
    // A function error (a store that keeps failing, a malformed event) goes to the same DLQ.
    props.fn.configureAsyncInvoke({
      retryAttempts: SES_EVENTS_ASYNC_RETRY_ATTEMPTS,
      maxEventAge: EVENT_TARGET_MAX_EVENT_AGE,
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
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
