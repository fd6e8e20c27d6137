import { ChannelLabError } from '../../domain/errors/channel-lab-error';
import { ERROR_CODE_STATUS } from '../../contracts/errors';
import type { HttpResponse } from './http-types';
import { isThrottling, THROTTLED_RETRY_AFTER_SECONDS } from './throttling';

/** HTTP status for each error code of the one error hierarchy (the API contract's own table). */
export const ERROR_STATUS: Readonly<Record<string, number>> = ERROR_CODE_STATUS;

/** Status of an unexpected error. */
const INTERNAL_ERROR_STATUS = 500;
/** Status of a request the table throttled. */
const THROTTLED_STATUS = 503;

/** Logs unexpected errors (the edge decides where logs go). */
export type ErrorLogger = (message: string, error: unknown) => void;

/**
 * The JSON error response `{ error: { code, message, details? } }` for any thrown value:
 * named errors keep their code and message; throttling is a 503 with `Retry-After`; anything else
 * is a 500 that reveals nothing.
 */
export function errorResponse(error: unknown, log: ErrorLogger): HttpResponse {
  if (error instanceof ChannelLabError) {
    return {
      statusCode: ERROR_STATUS[error.code] ?? INTERNAL_ERROR_STATUS,
      body: { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
    };
  }
  if (isThrottling(error)) {
    return {
      statusCode: THROTTLED_STATUS,
      headers: { 'retry-after': String(THROTTLED_RETRY_AFTER_SECONDS) },
      body: { error: { code: 'throttled', message: `the service is busy (throttled): retry after ${THROTTLED_RETRY_AFTER_SECONDS} s` } },
    };
  }
  log('unexpected error', error);
  return { statusCode: INTERNAL_ERROR_STATUS, body: { error: { code: 'internal_error', message: 'internal error: it has been logged' } } };
}
