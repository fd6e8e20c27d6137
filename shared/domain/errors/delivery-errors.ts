/**
 * Delivery failures reported by channel senders. The dispatcher decides from the class alone:
 * a permanent failure marks the assignment `failed` (and it does not count as a send for the
 * bandit); a transient one is left to SQS redelivery.
 */
import { ChannelLabError } from './channel-lab-error';

/** What a delivery error may carry besides its message. */
export interface DeliveryErrorOptions {
  /** The provider's own error name or status (e.g. `MessageRejected`, `HTTP 400`), for logs and the assignment. */
  readonly providerCode?: string;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * The provider refused the message for good (invalid address, unverified identity, disabled
 * endpoint, message rejected, 4xx from a webhook): do not retry.
 */
export class PermanentDeliveryError extends ChannelLabError {
  readonly code = 'delivery_rejected';
  /** The provider's error name or status, when known. */
  readonly providerCode?: string;

  constructor(message: string, options: DeliveryErrorOptions = {}) {
    super(message);
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * The provider could not take the message now (throttling, quota, 5xx, timeout, network):
 * retry later, via SQS redelivery.
 */
export class TransientDeliveryError extends ChannelLabError {
  readonly code = 'delivery_throttled';
  /** The provider's error name or status, when known. */
  readonly providerCode?: string;

  constructor(message: string, options: DeliveryErrorOptions = {}) {
    super(message);
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** True for either delivery error. */
export function isDeliveryError(error: unknown): error is PermanentDeliveryError | TransientDeliveryError {
  return error instanceof PermanentDeliveryError || error instanceof TransientDeliveryError;
}
