/**
 * Alarm plumbing: an encrypted SNS topic every alarm notifies, and a helper for
 * the "a dead-letter queue holds messages" alarm.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Period over which queue depth is evaluated. */
const QUEUE_DEPTH_PERIOD = Duration.minutes(1);

/** Properties of {@link AlarmTopic}. */
export interface AlarmTopicProps {
  /** Email address to subscribe. @default - no subscription */
  readonly email?: string;
}

/**
 * SNS topic for alarms, encrypted with a customer-managed KMS key (CloudWatch cannot
 * publish to a topic encrypted with the AWS-managed `aws/sns` key) and TLS-only.
 */
export class AlarmTopic extends Construct {
  public readonly topic: sns.Topic;
  /** The topic's key (rotation on). */
  public readonly key: kms.Key;
  /** The action every alarm uses. */
  public readonly action: cloudwatch.IAlarmAction;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Channel Lab alarm topic encryption key',
      enableKeyRotation: true,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Channel Lab alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.email) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    }
    this.action = new actions.SnsAction(this.topic);
  }

  /**
   * Alarms as soon as `queue` (a dead-letter queue) holds a visible message.
   * @returns the alarm
   */
  public alarmOnQueueMessages(id: string, queue: sqs.IQueue, description: string): cloudwatch.Alarm {
    const alarm = queue
      .metricApproximateNumberOfMessagesVisible({ period: QUEUE_DEPTH_PERIOD, statistic: cloudwatch.Stats.MAXIMUM })
      .createAlarm(this, id, {
        alarmDescription: description,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
