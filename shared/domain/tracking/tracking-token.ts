/**
 * Signed tracking tokens: `<base64url(JSON payload)>.<base64url(HMAC-SHA256)>`.
 *
 * The MAC covers a fixed context prefix and the encoded payload exactly as it appears in the
 * token, and is compared in constant time; any forged, altered or truncated token fails to verify.
 * Pure and deterministic (node:crypto only): the secret is passed in, never read from the environment.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../errors/channel-lab-error';
import { issuesToDetails } from '../errors/zod-issues';
import { type TrackingPayload, TrackingPayloadSchema } from './tracking-payload';

/** A signing secret: a string (UTF-8) or raw bytes. */
export type TrackingSecret = string | Uint8Array;
/** Shortest secret accepted (256 bits), so a weak key is a configuration error, not a silent risk. */
export const MIN_TRACKING_SECRET_BYTES = 32;
/** Longest token looked at; longer input is refused before any work. */
export const MAX_TRACKING_TOKEN_CHARACTERS = 4096;
/** Domain-separation prefix of the MAC input, so these MACs are never valid for another purpose. */
const MAC_CONTEXT = 'channel-lab/tracking/v1.';
/** Separator between payload and signature (not in the base64url alphabet). */
const SEPARATOR = '.';
/** One or more base64url characters, no padding. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function secretBytes(secret: TrackingSecret): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (bytes.length < MIN_TRACKING_SECRET_BYTES) {
    throw new ValidationError(`tracking secret must be at least ${MIN_TRACKING_SECRET_BYTES} bytes`);
  }
  return bytes;
}

function mac(encodedPayload: string, secret: TrackingSecret): string {
  return createHmac('sha256', secretBytes(secret)).update(MAC_CONTEXT + encodedPayload, 'utf8').digest('base64url');
}

/**
 * Signs a payload into a URL-safe token.
 * @throws ValidationError if the payload is invalid or the secret too short.
 */
export function signTrackingToken(payload: TrackingPayload, secret: TrackingSecret): string {
  const parsed = TrackingPayloadSchema.safeParse(payload);
  if (!parsed.success) throw new ValidationError('invalid tracking payload', issuesToDetails(parsed.error.issues));
  const encodedPayload = Buffer.from(JSON.stringify(parsed.data), 'utf8').toString('base64url');
  return `${encodedPayload}${SEPARATOR}${mac(encodedPayload, secret)}`;
}

/**
 * Verifies a token and returns its payload, or `undefined` if it is malformed, forged, altered,
 * truncated or signed with another secret. With several secrets (key rotation), any one may match.
 */
export function verifyTrackingToken(
  token: string,
  secrets: TrackingSecret | readonly TrackingSecret[],
): TrackingPayload | undefined {
  if (typeof token !== 'string' || token.length > MAX_TRACKING_TOKEN_CHARACTERS) return undefined;
  const parts = token.split(SEPARATOR);
  if (parts.length !== 2) return undefined;
  const [encodedPayload, signature] = parts as [string, string];
  if (!BASE64URL.test(encodedPayload) || !BASE64URL.test(signature)) return undefined;

  const candidates = Array.isArray(secrets) ? secrets : [secrets as TrackingSecret];
  const given = Buffer.from(signature, 'utf8');
  let matched = false;
  for (const secret of candidates) {
    const expected = Buffer.from(mac(encodedPayload, secret), 'utf8');
    // Compare the canonical encodings, so non-canonical base64url spellings of the MAC are refused too.
    if (expected.length === given.length && timingSafeEqual(expected, given)) matched = true;
  }
  if (!matched) return undefined;

  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encodedPayload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = TrackingPayloadSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
