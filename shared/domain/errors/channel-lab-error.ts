/**
 * The one error hierarchy of Channel Lab. Every expected failure is a named subclass with a
 * stable machine-readable `code`; the HTTP edge maps codes to status codes
 * (see `ERROR_STATUS` in `shared/runtime/http/error-response.ts`). Anything else is a bug and becomes a 500.
 */

/** One problem found in an input, located by a path such as `channels[1].text`. */
export interface ErrorDetail {
  /** Where the problem is (dotted/bracketed path into the input), or `''` for the whole input. */
  readonly path: string;
  /** What is wrong there, in words a marketer can act on. */
  readonly message: string;
}

/** Base class of every expected error. */
export abstract class ChannelLabError extends Error {
  /** Stable code, e.g. `validation_failed`. */
  abstract readonly code: string;
  /** Optional per-field details. */
  readonly details?: readonly ErrorDetail[];

  constructor(message: string, details?: readonly ErrorDetail[]) {
    super(message);
    this.name = new.target.name;
    if (details !== undefined) this.details = details;
  }
}

/** The input is malformed or breaks a rule; `details` names each field and problem. */
export class ValidationError extends ChannelLabError {
  readonly code = 'validation_failed';
}

/** The request body could not be parsed (not JSON, wrong content type). */
export class MalformedRequestError extends ChannelLabError {
  readonly code = 'malformed_request';
}

/** The request body is larger than the limit. */
export class PayloadTooLargeError extends ChannelLabError {
  readonly code = 'payload_too_large';
}

/** The addressed resource does not exist. */
export class NotFoundError extends ChannelLabError {
  readonly code = 'not_found';
}

/** The route exists but not with this method. */
export class MethodNotAllowedError extends ChannelLabError {
  readonly code = 'method_not_allowed';
}

/** Someone else changed the resource since it was read (optimistic locking). */
export class ConcurrentModificationError extends ChannelLabError {
  readonly code = 'concurrent_modification';
}

/** The operation is not allowed in the resource's current state (e.g. editing a running experiment). */
export class InvalidStateError extends ChannelLabError {
  readonly code = 'invalid_state';
}

/** An experiment named by a journey already belongs to another journey (an experiment is in at most one). */
export class JourneyConflictError extends ChannelLabError {
  readonly code = 'journey_conflict';
}

/** The same idempotency key was reused with a different request. */
export class IdempotencyConflictError extends ChannelLabError {
  readonly code = 'idempotency_conflict';
}

/** The caller is not authenticated (missing or unknown API key). */
export class UnauthorizedError extends ChannelLabError {
  readonly code = 'unauthorized';
}

/** The caller's key lacks the scope for this operation. */
export class ForbiddenError extends ChannelLabError {
  readonly code = 'forbidden';
}
