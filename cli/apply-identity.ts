import { cryptoIds } from '../shared/runtime/system-clock';
import { experimentIdForKey } from '../shared/use-cases/experiments/experiment-service';
import { journeyIdForKey } from '../shared/use-cases/journeys/journey-service';
import { basename, extname } from 'node:path';

/** Prefix of the `Idempotency-Key` of the experiments `apply` creates. */
export const IDEMPOTENCY_PREFIX = 'channel-lab-cli:';

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
 * The id the API gave the experiment created with `idempotencyKey`, by the API's own derivation
 * (`experimentIdForKey` with the production id generator). Needed when the file changed since the
 * create, which the API then refuses as a conflict.
 */
export function derivedExperimentId(idempotencyKey: string): string {
  return experimentIdForKey(cryptoIds, idempotencyKey);
}

/** The id the API gave the journey created with `idempotencyKey` (as {@link derivedExperimentId}). */
export function derivedJourneyId(idempotencyKey: string): string {
  return journeyIdForKey(cryptoIds, idempotencyKey);
}

export { canonicalJson } from '../shared/domain/canonical-json';
