import type { ErrorDetail } from '../shared/contracts/errors';
import { CommandFailure } from './errors';

/** Base URL used when neither `--url` nor `CHANNEL_LAB_URL` is set (the local platform). */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';
/** Environment variable naming the API's base URL. */
export const URL_ENV = 'CHANNEL_LAB_URL';
/** Environment variable holding the API key. */
export const API_KEY_ENV = 'CHANNEL_LAB_API_KEY';
/** Header the API reads the key from. */
const API_KEY_HEADER = 'x-api-key';

/** One problem named by the API (`{ path, message }`): the API's own contract type. */
export type ApiErrorDetail = ErrorDetail;

/** An error answer of the API: `{ error: { code, message, details } }` and its status. */
export class ApiError extends Error {
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** Machine-readable code, e.g. `validation_failed`. */
    readonly code: string,
    message: string,
    /** Per-field problems, if any. */
    readonly details: readonly ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A successful answer. */
export interface ApiResponse<T> {
  /** HTTP status. */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** Parsed JSON body, or the text for non-JSON answers (CSV). */
  readonly body: T;
}

/** Where the API is and how to authenticate. */
export interface ApiClientOptions {
  /** Base URL, without the `/v1` prefix. */
  readonly baseUrl: string;
  /** API key sent as `x-api-key`, if any. */
  readonly apiKey?: string;
}

/** A request to send. */
export interface ApiRequest {
  /** JSON body. */
  readonly body?: unknown;
  /** Extra headers (`Idempotency-Key`, `If-Match`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A small adapter over the Channel Lab HTTP API (fetch, JSON, errors as {@link ApiError}). */
export class ApiClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /**
   * Sends one request.
   * @throws ApiError on a 4xx/5xx answer; CommandFailure when the API cannot be reached.
   */
  async request<T = unknown>(method: string, path: string, request: ApiRequest = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.apiKey !== undefined) headers[API_KEY_HEADER] = this.options.apiKey;
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, { method, headers, ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }) });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new CommandFailure([`cannot reach the API at ${this.baseUrl} (${cause})`, `set --url or ${URL_ENV}; locally, start it with npm start`]);
    }
    const text = await response.text();
    const body = parseBody(text, response.headers.get('content-type'));
    if (!response.ok) throw toApiError(response.status, body);
    return { status: response.status, headers: response.headers, body: body as T };
  }
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('json') !== true) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error === undefined || typeof error !== 'object') return new ApiError(status, 'http_error', typeof body === 'string' && body !== '' ? body : `HTTP ${status}`);
  const details = Array.isArray(error.details)
    ? error.details.map((detail: { path?: unknown; message?: unknown }) => ({ path: String(detail.path ?? ''), message: String(detail.message ?? '') }))
    : [];
  return new ApiError(status, String(error.code ?? 'http_error'), String(error.message ?? `HTTP ${status}`), details);
}

/** The client for `--url`/`--api-key`, falling back to the environment, then the local default. */
export function clientFrom(options: { url?: string; apiKey?: string }, env: Readonly<Record<string, string | undefined>>): ApiClient {
  const apiKey = options.apiKey ?? nonEmpty(env[API_KEY_ENV]);
  return new ApiClient({ baseUrl: options.url ?? nonEmpty(env[URL_ENV]) ?? DEFAULT_BASE_URL, ...(apiKey === undefined ? {} : { apiKey }) });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
