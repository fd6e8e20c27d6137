/**
 * Signature of Channel Lab's webhook calls, for the sender and for receivers.
 *
 * Every call carries:
 * - `x-channel-lab-timestamp`: unix seconds when it was signed;
 * - `x-channel-lab-signature`: `v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`, where the
 *   secret is the experiment's own ({@link experimentWebhookSecret})
 *   (several comma-separated `v1=` entries may appear during a secret rotation);
 * - `x-channel-lab-idempotency-key`: the same for every retry and redelivery of one message.
 *
 * A receiver verifies with {@link verifyWebhookSignature} over the raw body bytes as received
 * (before any JSON parsing), refuses stale timestamps (replay), and dedupes on the idempotency key:
 *
 * ```ts
 * const ok = verifyWebhookSignature({
 *   secret: process.env.CHANNEL_LAB_WEBHOOK_SECRET!,
 *   body: rawBody,
 *   timestamp: req.headers['x-channel-lab-timestamp'],
 *   signature: req.headers['x-channel-lab-signature'],
 *   nowSeconds: Math.floor(Date.now() / 1000),
 * });
 * if (!ok) return res.writeHead(401).end();
 * ```
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying the signing time (unix seconds). */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-channel-lab-timestamp';
/** Header carrying the signature(s). */
export const WEBHOOK_SIGNATURE_HEADER = 'x-channel-lab-signature';
/** Header carrying the idempotency key. */
export const WEBHOOK_IDEMPOTENCY_HEADER = 'x-channel-lab-idempotency-key';
/** Scheme prefix of the current signature version. */
export const WEBHOOK_SIGNATURE_SCHEME = 'v1';
/** Default accepted clock difference between sender and receiver. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;
/** Length of a hex SHA-256 MAC. */
const HEX_MAC_LENGTH = 64;

/** A webhook signing secret (string as UTF-8, or bytes). */
export type WebhookSecret = string | Uint8Array;

/** The hex HMAC-SHA256 of `"<timestamp>.<body>"`. */
export function webhookMac(secret: WebhookSecret, timestamp: string, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest('hex');
}

/**
 * The `x-channel-lab-signature` header value for a body signed at `timestamp`: one `v1=` entry per
 * secret (during a rotation, the new key and the previous one, comma-separated).
 */
export function signWebhookBody(secret: WebhookSecret | readonly WebhookSecret[], timestamp: string, body: string | Uint8Array): string {
  const secrets = Array.isArray(secret) ? secret : [secret as WebhookSecret];
  return secrets.map((each) => `${WEBHOOK_SIGNATURE_SCHEME}=${webhookMac(each, timestamp, body)}`).join(',');
}

/** Domain-separation prefix of per-experiment webhook secrets. */
const EXPERIMENT_SECRET_CONTEXT = 'channel-lab/webhook-secret/v1/';

/**
 * The webhook secret of one experiment, derived from the deployment's webhook-signing key: each
 * receiver holds only its experiment's secret, so it can neither sign for another experiment nor
 * mint tracking links (those use another key). Print it with `npm run webhook-secret`.
 */
export function experimentWebhookSecret(masterKey: WebhookSecret, experimentId: string): string {
  return createHmac('sha256', masterKey).update(`${EXPERIMENT_SECRET_CONTEXT}${experimentId}`, 'utf8').digest('hex');
}

/** What a receiver passes to {@link verifyWebhookSignature}. */
export interface VerifyWebhookSignatureInput {
  /** The shared secret (or, during a rotation, the candidates). */
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  /** The raw request body, exactly as received. */
  readonly body: string | Uint8Array;
  /** The `x-channel-lab-timestamp` header. */
  readonly timestamp: string | readonly string[] | undefined;
  /** The `x-channel-lab-signature` header. */
  readonly signature: string | readonly string[] | undefined;
  /** The receiver's current time in unix seconds. */
  readonly nowSeconds: number;
  /** Accepted clock difference (default 300 s); older or future timestamps are refused. */
  readonly toleranceSeconds?: number;
}

const single = (header: string | readonly string[] | undefined): string | undefined =>
  typeof header === 'string' ? header : header?.length === 1 ? header[0] : undefined;

/**
 * True when the signature header holds a valid `v1` MAC of `"<timestamp>.<body>"` under one of the
 * secrets and the timestamp is within the tolerance. Constant-time comparison.
 */
export function verifyWebhookSignature(input: VerifyWebhookSignatureInput): boolean {
  const timestamp = single(input.timestamp);
  const signature = single(input.signature);
  if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  const tolerance = input.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  if (Math.abs(input.nowSeconds - Number(timestamp)) > tolerance) return false;

  const given = signature
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith(`${WEBHOOK_SIGNATURE_SCHEME}=`))
    .map((entry) => entry.slice(WEBHOOK_SIGNATURE_SCHEME.length + 1))
    .filter((hex) => hex.length === HEX_MAC_LENGTH && /^[0-9a-f]+$/.test(hex))
    .map((hex) => Buffer.from(hex, 'hex'));
  const secrets = Array.isArray(input.secret) ? input.secret : [input.secret as WebhookSecret];

  let valid = false;
  for (const secret of secrets) {
    const expected = Buffer.from(webhookMac(secret, timestamp, input.body), 'hex');
    for (const candidate of given) if (timingSafeEqual(expected, candidate)) valid = true;
  }
  return valid;
}
