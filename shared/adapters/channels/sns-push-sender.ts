/**
 * Mobile push through SNS `Publish` to a platform endpoint ARN, with a per-platform JSON message:
 * `default`, FCM HTTP v1 (`GCM` with `fcmV1Message`) and APNs (`APNS`, `APNS_SANDBOX`).
 */
import { PublishCommand, type PublishCommandInput, type SNSClient } from '@aws-sdk/client-sns';
import { PermanentDeliveryError } from '../../domain/errors/delivery-errors';
import type { ChannelSender, RenderedPush, SendContext, SendResult } from '../../use-cases/ports/channel-sender';
import { sdkCallOptions } from './sdk-call-options';
import { classifyAwsError } from './classify-aws-error';
import { SNS_ERROR_RULES } from './sns-errors';

/** Data key carrying the assignment id, so the app can report opens against it. */
export const PUSH_ASSIGNMENT_DATA_KEY = 'channelLabAssignmentId';

/** Configuration of the SNS push sender. */
export interface SnsPushSenderOptions {
  /** An SNS client (pointed at moto in tests). */
  readonly client: SNSClient;
}

/** The per-platform SNS message (before the outer JSON encoding). */
export function pushPlatformMessages(message: RenderedPush, context: SendContext): Record<string, string> {
  const data = { ...message.data, [PUSH_ASSIGNMENT_DATA_KEY]: context.assignmentId };
  const apns = JSON.stringify({ aps: { alert: { title: message.title, body: message.body } }, ...data });
  return {
    default: message.body,
    GCM: JSON.stringify({ fcmV1Message: { message: { notification: { title: message.title, body: message.body }, data } } }),
    APNS: apns,
    APNS_SANDBOX: apns,
  };
}

/** The SNS `Publish` input for a rendered push notification (exported for inspection in tests). */
export function publishPushInput(message: RenderedPush, context: SendContext): PublishCommandInput {
  return {
    TargetArn: message.endpointArn,
    MessageStructure: 'json',
    Message: JSON.stringify(pushPlatformMessages(message, context)),
  };
}

/** Sends rendered push notifications through SNS platform endpoints. */
export class SnsPushSender implements ChannelSender<'push'> {
  readonly channel = 'push' as const;

  constructor(private readonly options: SnsPushSenderOptions) {}

  /** Publishes one notification; returns the SNS message id. */
  async send(message: RenderedPush, context: SendContext): Promise<SendResult> {
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.options.client.send(new PublishCommand(publishPushInput(message, context)), sdkCallOptions(context)));
    } catch (error) {
      throw classifyAwsError(error, SNS_ERROR_RULES, 'SNS Publish (push)');
    }
    if (messageId === undefined) throw new PermanentDeliveryError('SNS Publish returned no message id');
    return { providerMessageId: messageId };
  }
}
