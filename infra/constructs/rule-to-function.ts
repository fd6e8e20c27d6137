/**
 * Delivers an EventBridge rule's events to a function with one dead-letter queue for both ways an
 * event can be lost: EventBridge could not deliver it (the target's DLQ), or the function failed on
 * it after Lambda's asynchronous retries (EventBridge invokes Lambda asynchronously, so a function
 * error never reaches the target's DLQ; the on-failure destination catches it).
 */
import type * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DLQ_RETENTION, EVENT_TARGET_MAX_EVENT_AGE, EVENT_TARGET_RETRY_ATTEMPTS } from '../constants';

/** Lambda's asynchronous retries of a failed event before it goes to the DLQ (its maximum). */
const ASYNC_RETRY_ATTEMPTS = 2;

/** The dead-letter queue (`DeadLetterQueue` in `scope`) of a rule whose target is `fn`, wired both ways. */
export function deliverRuleToFunction(scope: Construct, rule: events.Rule, fn: lambda.IFunction): sqs.Queue {
  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetterQueue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: DLQ_RETENTION,
  });
  fn.configureAsyncInvoke({
    retryAttempts: ASYNC_RETRY_ATTEMPTS,
    maxEventAge: EVENT_TARGET_MAX_EVENT_AGE,
    onFailure: new destinations.SqsDestination(deadLetterQueue),
  });
  rule.addTarget(new targets.LambdaFunction(fn, { deadLetterQueue, retryAttempts: EVENT_TARGET_RETRY_ATTEMPTS, maxEventAge: EVENT_TARGET_MAX_EVENT_AGE }));
  return deadLetterQueue;
}
