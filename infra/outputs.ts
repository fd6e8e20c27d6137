/**
 * The stack outputs of a Channel Lab, declared once: `ChannelLabStack` puts them on itself (their
 * logical ids are their names), and a `ChannelLab` embedded in another stack puts them under
 * itself (`outputs`, on by default), so an embedder gets the same values without writing them out.
 */
import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ChannelLab } from './channel-lab';

/** One output: its id (the logical id on `ChannelLabStack`), value and description. */
export interface ChannelLabOutput {
  readonly id: string;
  readonly value: string;
  readonly description: string;
}

/** The outputs of `lab` worth reading after a deployment (the web app's only when it is hosted). */
export function channelLabOutputs(lab: ChannelLab): ChannelLabOutput[] {
  const { service, data } = lab;
  return [
    ...(lab.webAppUrl ? [{ id: 'WebAppUrl', value: lab.webAppUrl, description: 'The web app (the API is also under this URL: /v1/…)' }] : []),
    { id: 'ApiUrl', value: lab.apiUrl, description: 'Base URL of the Channel Lab API' },
    { id: 'TableName', value: data.table.tableName, description: 'DynamoDB table' },
    { id: 'DispatchQueueUrl', value: service.dispatchQueue.queue.queueUrl, description: 'Dispatch queue' },
    {
      id: 'SesConfigurationSet',
      value: service.ses.configurationSet.configurationSetName,
      description: 'SES configuration set (events go to EventBridge)',
    },
    { id: 'AlarmTopicArn', value: service.alarms.topic.topicArn, description: 'SNS topic of the alarms' },
    {
      id: 'SigningSecretArn',
      value: service.linkSigningSecret.secret.secretArn,
      description: 'Key of signed tracking and unsubscribe links (rotate with put-secret-value; the previous key works 90 days)',
    },
    {
      id: 'WebhookSigningSecretArn',
      value: service.webhookSigningSecret.secret.secretArn,
      description: "Key of the webhook secrets: print an experiment's with npm run webhook-secret",
    },
  ];
}

/** Adds the outputs of `lab` to `scope`, one `CfnOutput` each with the output's id. */
export function addChannelLabOutputs(scope: Construct, lab: ChannelLab): CfnOutput[] {
  return channelLabOutputs(lab).map(({ id, value, description }) => new CfnOutput(scope, id, { value, description }));
}
