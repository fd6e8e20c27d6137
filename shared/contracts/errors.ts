import * as z from 'zod';
import { named } from './schema-registry';

/** Error codes of the API and their HTTP status (`internal_error` 500 and `throttled` 503 besides). */
export const ERROR_CODE_STATUS = {
  validation_failed: 400,
  malformed_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  concurrent_modification: 409,
  invalid_state: 409,
  idempotency_conflict: 409,
  journey_conflict: 409,
  payload_too_large: 413,
} as const;

/** One problem named by the API. */
export const ErrorDetailSchema = named(z.object({ path: z.string().describe('Where, e.g. `channels[1].text`'), message: z.string() }), 'ErrorDetail');
/** One problem named by the API. */
export type ErrorDetail = z.output<typeof ErrorDetailSchema>;

/** The error body every route may answer with. */
export const ErrorBodySchema = named(
  z.object({
    error: z.object({
      code: z.string().describe(`One of ${Object.keys(ERROR_CODE_STATUS).join(', ')}, throttled, internal_error`),
      message: z.string(),
      details: z.array(ErrorDetailSchema).optional(),
    }),
  }),
  'Error',
);
/** The error body every route may answer with. */
export type ErrorBody = z.output<typeof ErrorBodySchema>;
