/**
 * Turns an AWS SDK v3 error into a delivery error: permanent (the assignment becomes `failed`)
 * or transient (SQS redelivers). Each sender supplies its service's named errors; the generic
 * signals (HTTP status, `$retryable`, throttling, network failures) are handled here, throttling and
 * network failures as the SDK's own retry strategy classifies them (`@smithy/service-error-classification`).
 */
import { isThrottlingError, isTransientError } from '@smithy/service-error-classification';
import { PermanentDeliveryError, TransientDeliveryError } from '../../domain/errors/delivery-errors';

/** A service's error names that decide the outcome before the generic signals. */
export interface AwsErrorRules {
  /** Error names after which a retry cannot help. */
  readonly permanent: ReadonlySet<string>;
  /** Error names after which a later retry may succeed. */
  readonly transient: ReadonlySet<string>;
}

/**
 * Credential and permission failures. They are configuration problems, not properties of the
 * message, so they are retried (and end in the DLQ for redrive) rather than failing assignments.
 */
const CONFIGURATION_NAMES = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'AccessDeniedException',
  'CredentialsProviderError',
]);

/** First HTTP status of server errors. */
const SERVER_ERROR_STATUS = 500;

interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $fault?: 'client' | 'server';
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/**
 * Classifies an error thrown by an AWS SDK v3 client.
 * @param what - the operation, for the message (e.g. `SES SendEmail`).
 */
export function classifyAwsError(error: unknown, rules: AwsErrorRules, what: string): PermanentDeliveryError | TransientDeliveryError {
  if (error instanceof PermanentDeliveryError || error instanceof TransientDeliveryError) return error;
  const shape: SdkErrorShape = typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
  const name = shape.name ?? 'UnknownError';
  const status = shape.$metadata?.httpStatusCode;
  const detail = `${what} failed: ${name}${shape.message ? `: ${shape.message}` : ''}`;
  const options = { providerCode: name, cause: error };

  if (rules.permanent.has(name)) return new PermanentDeliveryError(detail, options);
  const sdkError = { ...shape, name } as Parameters<typeof isThrottlingError>[0];
  if (rules.transient.has(name) || CONFIGURATION_NAMES.has(name) || isThrottlingError(sdkError)) {
    return new TransientDeliveryError(detail, options);
  }
  if (shape.$retryable !== undefined && shape.$retryable !== false) return new TransientDeliveryError(detail, options);
  if (status !== undefined && status >= SERVER_ERROR_STATUS) {
    return new TransientDeliveryError(detail, options);
  }
  if (shape.$fault === 'server') return new TransientDeliveryError(detail, options);
  if (shape.$fault === 'client' || (status !== undefined && status >= 400)) return new PermanentDeliveryError(detail, options);
  if (isTransientError(sdkError)) {
    return new TransientDeliveryError(detail, options);
  }
  // Anything else (no response at all): retry; a persistent bug ends in the DLQ instead of failing sends.
  return new TransientDeliveryError(detail, options);
}
