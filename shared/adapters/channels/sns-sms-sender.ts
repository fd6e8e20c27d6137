/** SMS through SNS `Publish` to a phone number, transactional or promotional per experiment. */
import { type MessageAttributeValue, PublishCommand, type PublishCommandInput, type SNSClient } from '@aws-sdk/client-sns';
import { PermanentDeliveryError } from '../../domain/errors/delivery-errors';
import type { ChannelSender, RenderedSms, SendContext, SendResult } from '../../use-cases/ports/channel-sender';
import { sdkCallOptions } from './sdk-call-options';
import { classifyAwsError } from './classify-aws-error';
import { SNS_ERROR_RULES } from './sns-errors';

/** SNS message attribute selecting the SMS route. */
export const SMS_TYPE_ATTRIBUTE = 'AWS.SNS.SMS.SMSType';
/** SNS message attribute carrying the alphanumeric sender id. */
export const SMS_SENDER_ID_ATTRIBUTE = 'AWS.SNS.SMS.SenderID';
/** SNS message attribute carrying the origination number. */
export const SMS_ORIGINATION_NUMBER_ATTRIBUTE = 'AWS.MM.SMS.OriginationNumber';
/** SNS values of the SMS type. */
const SMS_TYPE_VALUES = { transactional: 'Transactional', promotional: 'Promotional' } as const;

/** Configuration of the SNS SMS sender. */
export interface SnsSmsSenderOptions {
  /** An SNS client (pointed at moto in tests). */
  readonly client: SNSClient;
  /** SMS type when the experiment does not say (the stack's `smsType`). @default 'transactional' */
  readonly defaultSmsType?: 'transactional' | 'promotional';
  /** Alphanumeric sender id, where the destination country supports it. */
  readonly senderId?: string;
  /** Origination number (E.164), e.g. a toll-free or 10DLC number. */
  readonly originationNumber?: string;
}

/** SMS type when neither the experiment nor the deployment says. */
export const DEFAULT_SMS_TYPE = 'transactional';

const stringAttribute = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

/** The SNS `Publish` input for a rendered SMS (exported for inspection in tests). */
export function publishSmsInput(message: RenderedSms, options: Omit<SnsSmsSenderOptions, 'client'>): PublishCommandInput {
  const attributes: Record<string, MessageAttributeValue> = {
    [SMS_TYPE_ATTRIBUTE]: stringAttribute(SMS_TYPE_VALUES[message.smsType ?? options.defaultSmsType ?? DEFAULT_SMS_TYPE]),
  };
  if (options.senderId !== undefined) attributes[SMS_SENDER_ID_ATTRIBUTE] = stringAttribute(options.senderId);
  if (options.originationNumber !== undefined) attributes[SMS_ORIGINATION_NUMBER_ATTRIBUTE] = stringAttribute(options.originationNumber);
  return { PhoneNumber: message.phoneNumber, Message: message.text, MessageAttributes: attributes };
}

/** Sends rendered SMS through SNS. */
export class SnsSmsSender implements ChannelSender<'sms'> {
  readonly channel = 'sms' as const;

  constructor(private readonly options: SnsSmsSenderOptions) {}

  /** Publishes one SMS; returns the SNS message id. */
  async send(message: RenderedSms, context: SendContext): Promise<SendResult> {
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.options.client.send(new PublishCommand(publishSmsInput(message, this.options)), sdkCallOptions(context)));
    } catch (error) {
      throw classifyAwsError(error, SNS_ERROR_RULES, 'SNS Publish (SMS)');
    }
    if (messageId === undefined) throw new PermanentDeliveryError('SNS Publish returned no message id');
    return { providerMessageId: messageId };
  }
}
