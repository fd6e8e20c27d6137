/**
 * Routes SES events of Channel Lab's configuration set from the default EventBridge bus
 * to the SES events function, with one dead-letter queue for the events EventBridge could not
 * deliver and for the events the function failed on after Lambda's asynchronous retries
 * (EventBridge invokes Lambda asynchronously: a function error never reaches the target's DLQ).
 */
import * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deliverRuleToFunction } from './rule-to-function';

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
    this.rule = new events.Rule(this, 'Rule', {
      description: 'SES events of the Channel Lab configuration set',
      eventPattern: {
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } } },
      },
    });
    this.deadLetterQueue = deliverRuleToFunction(this, this.rule, props.fn);
  }
}
