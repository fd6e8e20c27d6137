/**
 * DynamoDB (and other AWS) throttling seen at the HTTP edge: a 503 with `Retry-After`, so a client
 * retries later instead of treating a busy table as a bug.
 */

import { isThrottlingError } from '@smithy/service-error-classification';

/** Cancellation reason code of a transaction item that was throttled. */
const THROTTLED_TRANSACTION_ITEM = 'ThrottlingError';
/** Seconds a throttled client is asked to wait. */
export const THROTTLED_RETRY_AFTER_SECONDS = 1;

/** True when `error` is a throttling error of the AWS SDK (including a transaction cancelled for throttling). */
export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // Throttling as the SDK's own retry strategy recognises it (error names, HTTP 429, the throttling trait).
  if (isThrottlingError(error as Parameters<typeof isThrottlingError>[0])) return true;
  const reasons = (error as { CancellationReasons?: readonly { Code?: string }[] }).CancellationReasons;
  return error.name === 'TransactionCanceledException' && (reasons ?? []).some((reason) => reason.Code === THROTTLED_TRANSACTION_ITEM);
}
