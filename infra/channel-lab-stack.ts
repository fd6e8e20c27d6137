/**
 * `ChannelLabStack`: a stack holding one {@link ChannelLab}, with its useful outputs.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { channelLabPropsFromContext } from './app-context';
import { ChannelLab, type ChannelLabProps } from './channel-lab';

/** Properties of {@link ChannelLabStack}. */
export interface ChannelLabStackProps extends StackProps {
  /** Properties of the Channel Lab construct. @default - read from the app's context (`cdk -c key=value`) */
  readonly channelLab?: ChannelLabProps;
}

/** A deployable stack with Channel Lab in it. */
export class ChannelLabStack extends Stack {
  /** The construct. */
  public readonly channelLab: ChannelLab;

  constructor(scope: Construct, id: string, props: ChannelLabStackProps = {}) {
    super(scope, id, props);
    this.channelLab = new ChannelLab(this, 'ChannelLab', props.channelLab ?? channelLabPropsFromContext(this));
    const { service, data } = this.channelLab;
    if (this.channelLab.webAppUrl) {
      new CfnOutput(this, 'WebAppUrl', { value: this.channelLab.webAppUrl, description: 'The web app (the API is also under this URL: /v1/…)' });
    }
    new CfnOutput(this, 'ApiUrl', { value: this.channelLab.apiUrl, description: 'Base URL of the Channel Lab API' });
    new CfnOutput(this, 'TableName', { value: data.table.tableName, description: 'DynamoDB table' });
    new CfnOutput(this, 'DispatchQueueUrl', { value: service.dispatchQueue.queue.queueUrl, description: 'Dispatch queue' });
    new CfnOutput(this, 'SesConfigurationSet', {
      value: service.ses.configurationSet.configurationSetName,
      description: 'SES configuration set (events go to EventBridge)',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: service.alarms.topic.topicArn, description: 'SNS topic of the alarms' });
    new CfnOutput(this, 'SigningSecretArn', {
      value: service.linkSigningSecret.secret.secretArn,
      description: 'Key of signed tracking and unsubscribe links (rotate with put-secret-value; the previous key works 90 days)',
    });
    new CfnOutput(this, 'WebhookSigningSecretArn', {
      value: service.webhookSigningSecret.secret.secretArn,
      description: "Key of the webhook secrets: print an experiment's with npm run webhook-secret",
    });
  }
}
