/**
 * Port of the dispatcher: one sender per channel delivers a rendered message and returns the
 * provider's message id, or throws a delivery error that says whether a retry can help.
 */
import type { Channel } from '../../domain/experiment/channels';
import type { RenderedMessageFor } from '../../domain/content/render-message';

export type {
  RenderedEmail,
  RenderedInApp,
  RenderedMessage,
  RenderedMessageFor,
  RenderedPush,
  RenderedSms,
  RenderedWebhook,
} from '../../domain/content/render-message';
export { isDeliveryError, PermanentDeliveryError, TransientDeliveryError } from '../../domain/errors/delivery-errors';

/** What a sender knows about the delivery besides the message. */
export interface SendContext {
  /** The assignment (decision) this message carries; tagged on the message where the provider allows. */
  readonly assignmentId: string;
  /** Stable per assignment: a receiver or provider that supports it sends once per key. */
  readonly idempotencyKey: string;
  /** The experiment, tagged on the message where the provider allows (SES email tags). */
  readonly experimentId?: string;
  /** Aborted when the dispatch's time budget runs out: senders stop waiting and retrying then. */
  readonly signal?: AbortSignal;
}

/** A successful hand-over to the provider. */
export interface SendResult {
  /** The provider's id of the message (SES/SNS MessageId, webhook response id); stored on the assignment. */
  readonly providerMessageId: string;
}

/**
 * Delivers the rendered messages of one channel.
 * @throws PermanentDeliveryError when the provider refuses the message for good (do not retry).
 * @throws TransientDeliveryError when a later retry may succeed (throttling, 5xx, timeouts).
 */
export interface ChannelSender<C extends Channel = Channel> {
  /** The channel this sender delivers. */
  readonly channel: C;
  /** Hands one message to the provider. */
  send(message: RenderedMessageFor<C>, context: SendContext): Promise<SendResult>;
}

/** The senders available in a deployment, by channel (a channel without a sender cannot be dispatched). */
export type ChannelSenders = { readonly [C in Channel]?: ChannelSender<C> };
