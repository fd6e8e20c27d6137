/**
 * Errors of API calls as the app shows them: the API's `{ error: { code, message, details } }`
 * with the HTTP status, and for 401/403 a sentence saying which scope is missing.
 */
import type { ErrorBody, ErrorDetail } from '../../../shared/contracts/errors';

/** The error body every API route answers with (the API's own contract, `ErrorBodySchema`). */
export type ApiErrorBody = ErrorBody;

/** A failed API call. */
export class ApiError extends Error {
  /** HTTP status (0: the network failed). */
  readonly status: number;
  /** The API's error code (`validation_failed`, `forbidden`…). */
  readonly code: string;
  /** Per-field problems, paths as the API writes them (`channels[1].text`). */
  readonly details: readonly ErrorDetail[];

  constructor(status: number, code: string, message: string, details: readonly ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Scope a request needs, as the API decides it: GET needs read, the rest admin unless noted. */
export function scopeNeeded(method: string, path: string): 'read' | 'send' | 'admin' {
  if (method === 'GET') return 'read';
  if (method === 'POST' && /^\/v1\/(events$|experiments\/[^/]+\/sends$|customers\/[^/]+\/(opt-out|inbox\/[^/]+\/read)$)/.test(path)) return 'send';
  if (method === 'PUT' && /^\/v1\/customers\/[^/]+$/.test(path)) return 'send';
  return 'admin';
}

/** What the app says about a 401 or 403, naming the scope the call needed. */
export function describeAuthFailure(status: number, method: string, path: string, apiMessage: string): string {
  const named = /needs "(read|send|admin)"/.exec(apiMessage)?.[1];
  const scope = named ?? scopeNeeded(method, path);
  if (status === 401) return `This needs an API key with the "${scope}" scope: ${apiMessage}. Type a key in "API key" above.`;
  return `Your API key lacks the "${scope}" scope this needs (${apiMessage}). Ask an admin for a key with "${scope}".`;
}
