import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';

/** Prefix of the `Idempotency-Key` of the experiments `apply` creates. */
export const IDEMPOTENCY_PREFIX = 'channel-lab-cli:';
/** Length of an id the API derives from an idempotency key (hex characters of SHA-256). */
const DERIVED_ID_LENGTH = 32;

/**
 * The stable name of the experiment a file defines: its `key:` field, else the file's name
 * without extension (`examples/post-purchase-survey.yaml` → `post-purchase-survey`).
 */
export function experimentKey(filePath: string, key: string | undefined): string {
  return key ?? basename(filePath, extname(filePath));
}

/** The `Idempotency-Key` that makes creating the experiment named `key` idempotent. */
export function idempotencyKeyFor(key: string): string {
  return `${IDEMPOTENCY_PREFIX}${key}`;
}

/**
 * The id the API gave the experiment created with `idempotencyKey`: the API derives it from the
 * key (docs/architecture.md, "Idempotency"), SHA-256 of `experiment:<key>`, first 32 hex digits.
 * Needed when the file changed since the create, which the API then refuses as a conflict.
 */
export function derivedExperimentId(idempotencyKey: string): string {
  return createHash('sha256').update(`experiment:${idempotencyKey}`).digest('hex').slice(0, DERIVED_ID_LENGTH);
}

export { canonicalJson } from '../shared/domain/canonical-json';
