/**
 * Wires the channel senders of a deployment from injected clients, and routes a rendered
 * message to the sender of its channel.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import { PermanentDeliveryError } from '../../domain/errors/delivery-errors';
import type {
  ChannelSender,
  ChannelSenders,
  RenderedMessage,
  SendContext,
  SendResult,
} from '../../use-cases/ports/channel-sender';
import { SesEmailSender, type SesEmailSenderOptions } from './ses-email-sender';
import { SnsPushSender } from './sns-push-sender';
import { SnsSmsSender, type SnsSmsSenderOptions } from './sns-sms-sender';
import { WebhookSender, type WebhookSenderOptions } from './webhook-sender';

/** What {@link createSenders} needs; a channel left out has no sender. */
export interface CreateSendersOptions {
  /** SES email. */
  readonly ses?: SesEmailSenderOptions;
  /** SNS SMS and mobile push (one client for both). */
  readonly sns?: { readonly client: SNSClient } & Omit<SnsSmsSenderOptions, 'client'>;
  /** Signed webhooks. */
  readonly webhook?: WebhookSenderOptions;
  /** The in-app inbox sender (stores the message; implemented with the inbox repository). */
  readonly inApp?: ChannelSender<'in_app'>;
}

/** Creates the senders of the configured channels. */
export function createSenders(options: CreateSendersOptions): ChannelSenders {
  return {
    ...(options.ses !== undefined ? { email: new SesEmailSender(options.ses) } : {}),
    ...(options.sns !== undefined ? { sms: new SnsSmsSender(options.sns), push: new SnsPushSender({ client: options.sns.client }) } : {}),
    ...(options.webhook !== undefined ? { webhook: new WebhookSender(options.webhook) } : {}),
    ...(options.inApp !== undefined ? { in_app: options.inApp } : {}),
  };
}

function missing(channel: string): never {
  throw new PermanentDeliveryError(`no sender is configured for the ${channel} channel`, { providerCode: 'no_sender' });
}

/**
 * Sends a rendered message with the sender of its channel.
 * @throws PermanentDeliveryError if that channel has no sender; otherwise whatever the sender throws.
 */
export async function sendRenderedMessage(senders: ChannelSenders, message: RenderedMessage, context: SendContext): Promise<SendResult> {
  switch (message.channel) {
    case 'email':
      return (senders.email ?? missing(message.channel)).send(message, context);
    case 'sms':
      return (senders.sms ?? missing(message.channel)).send(message, context);
    case 'push':
      return (senders.push ?? missing(message.channel)).send(message, context);
    case 'in_app':
      return (senders.in_app ?? missing(message.channel)).send(message, context);
    case 'webhook':
      return (senders.webhook ?? missing(message.channel)).send(message, context);
  }
}
