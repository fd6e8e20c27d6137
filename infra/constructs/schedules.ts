/**
 * EventBridge schedule rules that invoke a function on a fixed rate
 * (the scheduled work every minute, the reconciliation check every 15 minutes).
 */
import type { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** A missed tick is not retried for long: the next one comes soon. */
const SCHEDULE_RETRY_ATTEMPTS = 2;

/** Properties of {@link FunctionSchedule}. */
export interface FunctionScheduleProps {
  /** The function to invoke. */
  readonly fn: lambda.IFunction;
  /** How often. */
  readonly rate: Duration;
  /** What the schedule is for. */
  readonly description: string;
}

/** A rate-based EventBridge rule invoking one function. */
export class FunctionSchedule extends Construct {
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: FunctionScheduleProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', {
      description: props.description,
      schedule: events.Schedule.rate(props.rate),
    });
    this.rule.addTarget(
      new targets.LambdaFunction(props.fn, { retryAttempts: SCHEDULE_RETRY_ATTEMPTS, maxEventAge: props.rate }),
    );
  }
}
