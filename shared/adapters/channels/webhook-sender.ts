/**
 * Webhook delivery for any other provider (WhatsApp, voice, direct mail): a signed JSON POST
 * (see `webhook-signature.ts`), retried with exponential backoff and full jitter on 429, 5xx,
 * timeouts and network errors; any other non-2xx answer is permanent. Targets pass the SSRF guard
 * (`webhook-target-guard.ts`): a private, loopback or link-local address is refused, permanently.
 */
import { PermanentDeliveryError, TransientDeliveryError } from '../../domain/errors/delivery-errors';
import type { ChannelSender, RenderedWebhook, SendContext, SendResult } from '../../use-cases/ports/channel-sender';
import {
  signWebhookBody,
  WEBHOOK_IDEMPOTENCY_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type WebhookSecret,
} from './webhook-signature';
import { guardedFetch, type WebhookTargetPolicy, WebhookTargetRefusedError } from './webhook-target-guard';

/** Attempts per send, the first included (SQS redelivery adds more later). */
export const DEFAULT_WEBHOOK_MAX_ATTEMPTS = 3;
/** Backoff before the second attempt, doubled after each failure (before jitter). */
export const DEFAULT_WEBHOOK_BASE_DELAY_MS = 250;
/** Cap of one backoff delay, also of an honoured `Retry-After`. */
export const DEFAULT_WEBHOOK_MAX_DELAY_MS = 5_000;
/** Timeout of one attempt. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** Response headers read as the provider's message id, in order. */
export const WEBHOOK_MESSAGE_ID_HEADERS = ['x-message-id', 'x-request-id'] as const;
/** Statuses that a later attempt may turn into a success, besides 5xx. */
const RETRYABLE_STATUSES = new Set([408, 425, 429]);
const MILLISECONDS_PER_SECOND = 1000;

/** Configuration of the webhook sender. */
export interface WebhookSenderOptions {
  /**
   * Signing secret(s) of a message: a fixed secret, or per message (the experiment's own secret,
   * and during a rotation the previous one too; every one signs, comma-separated).
   */
  readonly secret: WebhookSecret | ((context: SendContext) => readonly WebhookSecret[]);
  /** HTTP client (default: {@link guardedFetch} with `targets`: no private addresses, no redirects). */
  readonly fetch?: typeof fetch;
  /** Targets allowed beyond the public internet (the deployment's allow-list; see `webhook-target-guard.ts`). */
  readonly targets?: WebhookTargetPolicy;
  /** Attempts per send (default 3). */
  readonly maxAttempts?: number;
  /** First backoff in ms (default 250). */
  readonly baseDelayMs?: number;
  /** Longest backoff in ms (default 5,000). */
  readonly maxDelayMs?: number;
  /** Timeout of one attempt in ms (default 10,000). */
  readonly timeoutMs?: number;
  /** Waits between attempts (injectable so tests do not wait). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform [0, 1) source of the jitter (injectable for deterministic tests). */
  readonly random?: () => number;
  /** Clock of the signature timestamp. */
  readonly now?: () => Date;
}

type AttemptOutcome =
  | { readonly kind: 'ok'; readonly providerMessageId: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs?: number; readonly cause?: unknown }
  | { readonly kind: 'permanent'; readonly reason: string; readonly status: number };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `Retry-After` in ms, when given as delta-seconds. */
function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim()) * MILLISECONDS_PER_SECOND;
}

/** Full-jitter exponential backoff before attempt `attempt + 1`. */
export function backoffDelayMs(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Posts rendered webhook payloads, signed, with retries. */
export class WebhookSender implements ChannelSender<'webhook'> {
  readonly channel = 'webhook' as const;
  private readonly fetch: typeof fetch;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => Date;

  constructor(private readonly options: WebhookSenderOptions) {
    this.fetch = options.fetch ?? guardedFetch(options.targets);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_WEBHOOK_MAX_ATTEMPTS);
    this.baseDelayMs = options.baseDelayMs ?? DEFAULT_WEBHOOK_BASE_DELAY_MS;
    this.maxDelayMs = options.maxDelayMs ?? DEFAULT_WEBHOOK_MAX_DELAY_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * POSTs the payload; returns the receiver's `x-message-id` / `x-request-id`, or the idempotency key.
   * @throws PermanentDeliveryError on a non-retryable answer (4xx other than 408/425/429, 3xx).
   * @throws TransientDeliveryError when every attempt failed with a retryable outcome.
   */
  async send(message: RenderedWebhook, context: SendContext): Promise<SendResult> {
    let last: Extract<AttemptOutcome, { kind: 'retry' }> | undefined;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const outcome = await this.attempt(message, context);
      if (context.signal?.aborted) {
        throw new TransientDeliveryError(`webhook ${message.url} did not answer within the dispatch budget (attempt ${attempt})`, { providerCode: 'budget', cause: context.signal.reason });
      }
      if (outcome.kind === 'ok') return { providerMessageId: outcome.providerMessageId };
      if (outcome.kind === 'permanent') {
        throw new PermanentDeliveryError(`webhook ${message.url} refused the message: ${outcome.reason}`, {
          providerCode: `HTTP ${outcome.status}`,
        });
      }
      last = outcome;
      if (attempt < this.maxAttempts) {
        const backoff = backoffDelayMs(attempt, this.baseDelayMs, this.maxDelayMs, this.random);
        await this.sleep(Math.min(this.maxDelayMs, Math.max(backoff, outcome.retryAfterMs ?? 0)));
      }
    }
    throw new TransientDeliveryError(`webhook ${message.url} failed after ${this.maxAttempts} attempts: ${last?.reason ?? 'unknown'}`, {
      providerCode: last?.reason,
      cause: last?.cause,
    });
  }

  private async attempt(message: RenderedWebhook, context: SendContext): Promise<AttemptOutcome> {
    const timestamp = String(Math.floor(this.now().getTime() / MILLISECONDS_PER_SECOND));
    let response: Response;
    try {
      response = await this.fetch(message.url, {
        method: 'POST',
        redirect: 'manual',
        signal: context.signal ? AbortSignal.any([AbortSignal.timeout(this.timeoutMs), context.signal]) : AbortSignal.timeout(this.timeoutMs),
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
          [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(typeof this.options.secret === 'function' ? this.options.secret(context) : this.options.secret, timestamp, message.body),
          [WEBHOOK_IDEMPOTENCY_HEADER]: context.idempotencyKey,
        },
        body: message.body,
      });
    } catch (error) {
      if (error instanceof WebhookTargetRefusedError) throw new PermanentDeliveryError(error.message, { providerCode: 'target_refused', cause: error });
      const name = error instanceof Error ? error.name : 'Error';
      return { kind: 'retry', reason: `network error (${name})`, cause: error };
    }
    await response.body?.cancel().catch(() => undefined);

    const status = response.status;
    if (status >= 200 && status < 300) {
      const id = WEBHOOK_MESSAGE_ID_HEADERS.map((header) => response.headers.get(header)).find((value) => value !== null);
      return { kind: 'ok', providerMessageId: id ?? context.idempotencyKey };
    }
    if (status >= 500 || RETRYABLE_STATUSES.has(status)) {
      const after = retryAfterMs(response);
      return { kind: 'retry', reason: `HTTP ${status}`, ...(after !== undefined ? { retryAfterMs: after } : {}) };
    }
    return { kind: 'permanent', reason: `HTTP ${status}`, status };
  }
}
