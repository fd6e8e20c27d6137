/**
 * Email through SES v2 `SendEmail` (simple content): configuration set (its events reach
 * EventBridge), RFC 8058 one-click unsubscribe headers, and assignment/experiment email tags that
 * come back on every SES event.
 */
import { type MessageTag, type SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { PermanentDeliveryError } from '../../domain/errors/delivery-errors';
import type { ChannelSender, RenderedEmail, SendContext, SendResult } from '../../use-cases/ports/channel-sender';
import { sdkCallOptions } from './sdk-call-options';
import { type AwsErrorRules, classifyAwsError } from './classify-aws-error';

/** Email tag carrying the assignment id (SES events report it as `mail.tags.assignmentId`). */
export const ASSIGNMENT_TAG = 'assignmentId';
/** Email tag carrying the experiment id. */
export const EXPERIMENT_TAG = 'experimentId';
/** Longest SES tag value. */
export const SES_TAG_VALUE_MAX_CHARACTERS = 256;
/** Charset of every part. */
const CHARSET = 'UTF-8';

/** SES v2 errors after which a retry cannot help. */
export const SES_ERROR_RULES: AwsErrorRules = {
  permanent: new Set([
    'MessageRejected',
    'MailFromDomainNotVerifiedException',
    'BadRequestException',
    'NotFoundException',
    'AccountSuspendedException',
    'InvalidParameterValue',
  ]),
  transient: new Set(['TooManyRequestsException', 'LimitExceededException', 'InternalServiceErrorException', 'SendingPausedException']),
};

/** Configuration of the SES email sender. */
export interface SesEmailSenderOptions {
  /** An SES v2 client (pointed at moto in tests). */
  readonly client: SESv2Client;
  /** Verified sender address used when the content has no `from`. */
  readonly defaultFrom: string;
  /** Configuration set whose event destination publishes to EventBridge. */
  readonly configurationSetName?: string;
  /** Reply-to addresses. */
  readonly replyTo?: readonly string[];
}

/**
 * Makes a value acceptable as an SES tag value: ASCII letters, digits, `_` and `-` only
 * (others become `_`), at most 256 characters.
 */
export function sesTagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, SES_TAG_VALUE_MAX_CHARACTERS) || '_';
}

/** The SES v2 `SendEmail` input for a rendered email (exported for inspection in tests). */
export function sendEmailInput(message: RenderedEmail, context: SendContext, options: Omit<SesEmailSenderOptions, 'client'>): SendEmailCommandInput {
  const tags: MessageTag[] = [{ Name: ASSIGNMENT_TAG, Value: sesTagValue(context.assignmentId) }];
  if (context.experimentId !== undefined) tags.push({ Name: EXPERIMENT_TAG, Value: sesTagValue(context.experimentId) });
  return {
    FromEmailAddress: message.from ?? options.defaultFrom,
    Destination: { ToAddresses: [message.to] },
    ...(options.replyTo !== undefined ? { ReplyToAddresses: [...options.replyTo] } : {}),
    ...(options.configurationSetName !== undefined ? { ConfigurationSetName: options.configurationSetName } : {}),
    EmailTags: tags,
    Content: {
      Simple: {
        Subject: { Data: message.subject, Charset: CHARSET },
        Body: {
          ...(message.html !== undefined ? { Html: { Data: message.html, Charset: CHARSET } } : {}),
          ...(message.text !== undefined ? { Text: { Data: message.text, Charset: CHARSET } } : {}),
        },
        Headers: [
          { Name: 'List-Unsubscribe', Value: `<${message.unsubscribeUrl}>` },
          { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
        ],
      },
    },
  };
}

/** Sends rendered emails through SES v2. */
export class SesEmailSender implements ChannelSender<'email'> {
  readonly channel = 'email' as const;

  constructor(private readonly options: SesEmailSenderOptions) {}

  /** Sends one email; returns the SES message id. */
  async send(message: RenderedEmail, context: SendContext): Promise<SendResult> {
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.options.client.send(new SendEmailCommand(sendEmailInput(message, context, this.options)), sdkCallOptions(context)));
    } catch (error) {
      throw classifyAwsError(error, SES_ERROR_RULES, 'SES SendEmail');
    }
    if (messageId === undefined) throw new PermanentDeliveryError('SES SendEmail returned no message id');
    return { providerMessageId: messageId };
  }
}
