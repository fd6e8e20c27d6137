/**
 * The app's API client: same-origin `fetch` to `/v1`, the tab's key as `x-api-key`, the API's
 * errors as {@link ApiError}. Requests and answers are typed with the API's own types (the domain's
 * zod schemas and the types inferred from them), never re-declared here.
 */
import type { Experiment } from '../../../shared/domain/experiment/experiment';
import type { ExperimentDefinitionInput } from '../../../shared/domain/experiment/experiment-definition';
import type { JourneyStage } from '../../../shared/domain/experiment/journey';
import type { ExperimentStatus, LifecycleAction } from '../../../shared/domain/experiment/lifecycle-states';
import type { ExperimentPageResponse } from '../../../shared/contracts/experiments';
import type { JourneyCountsResponse, JourneyDefinitionBody, JourneyPageResponse, JourneyResponse } from '../../../shared/contracts/journeys';
import type { TriggerCountsResponse } from '../../../shared/contracts/triggers';
import type { TouchpointMapResponse } from '../../../shared/contracts/results';
import type { SegmentEstimateResponse } from '../../../shared/contracts/segments';
import type { ExperimentResults } from '../../../shared/domain/results/results-schema';
import type { SessionResponse } from '../../../shared/contracts/session';
import type { SegmentRule } from '../../../shared/domain/segments/segment-rule';
import { ApiError, type ApiErrorBody, describeAuthFailure } from './api-error';
import { readApiKey } from './api-key';

/** A page of `GET /v1/experiments` (the route's contract). */
export type ExperimentPage = ExperimentPageResponse;

/** An experiment as `GET /v1/experiments` lists it: with its one-line results summary. */
export type ListedExperiment = ExperimentPage['items'][number];

/** Filters of `GET /v1/experiments`. */
export interface ExperimentQuery {
  readonly status?: ExperimentStatus;
  readonly stage?: JourneyStage;
  readonly limit?: number;
  readonly cursor?: string;
}

/** `GET /v1/session`: whether keys are required and what the tab's key may do. */
export type SessionInfo = SessionResponse;

/** `GET /v1/insights/touchpoints`. */
export type TouchpointMap = TouchpointMapResponse;

/** `POST /v1/segments/estimate`: how many known customers each segment would get. */
export type SegmentEstimate = SegmentEstimateResponse;

/** A body answered with its ETag. */
export interface Tagged<T> {
  readonly body: T;
  readonly etag: string | undefined;
}

/** Options of one request. */
export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** The browser cache mode (default: `no-cache`, revalidated on every request). */
  readonly cache?: 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';
}

/** The result of a conditional GET: the new body, or "not modified" (304). */
export type Conditional<T> = { readonly modified: true; readonly body: T; readonly etag: string | undefined; readonly maxAgeSeconds: number | undefined } | { readonly modified: false; readonly etag: string | undefined; readonly maxAgeSeconds: number | undefined };

function maxAge(response: Response): number | undefined {
  const match = /max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

async function failure(response: Response, method: string, path: string): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    // not JSON: the status says enough
  }
  const code = body.error?.code ?? `http_${response.status}`;
  const message = body.error?.message ?? `${response.status} ${response.statusText}`;
  const shown = response.status === 401 || response.status === 403 ? describeAuthFailure(response.status, method, path, message) : message;
  return new ApiError(response.status, code, shown, body.error?.details ?? []);
}

async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  const key = readApiKey();
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (key !== undefined) headers['x-api-key'] = key;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
      // The app's own writes change what it reads next: never answer a read from the browser's
      // HTTP cache without asking (`no-cache` revalidates with the ETag, a 304 costs nothing).
      cache: options.cache ?? 'no-cache',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', `Channel Lab's API did not answer (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!response.ok && response.status !== 304) throw await failure(response, method, path);
  return response;
}

/** One JSON request; throws {@link ApiError} on any non-2xx answer. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<Tagged<T>> {
  const response = await send(path, options);
  const text = await response.text();
  return { body: (text === '' ? undefined : JSON.parse(text)) as T, etag: response.headers.get('etag') ?? undefined };
}

/**
 * A GET with `If-None-Match`: `modified: false` on a 304 (keep what you show). It bypasses the
 * browser's HTTP cache (`no-store`): the caller already polls at the answer's `max-age`, and a
 * cached copy would hide a change for up to `max-age` after it happened (the touchpoint map's is 60 s).
 */
export async function conditionalGet<T>(path: string, etag: string | undefined, signal?: AbortSignal): Promise<Conditional<T>> {
  const response = await send(path, { headers: etag === undefined ? {} : { 'if-none-match': etag }, cache: 'no-store', ...(signal ? { signal } : {}) });
  const tag = response.headers.get('etag') ?? undefined;
  if (response.status === 304) return { modified: false, etag: tag ?? etag, maxAgeSeconds: maxAge(response) };
  return { modified: true, body: (await response.json()) as T, etag: tag, maxAgeSeconds: maxAge(response) };
}

function queryString(query: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const experimentPath = (id: string) => `/v1/experiments/${encodeURIComponent(id)}`;
const journeyPath = (id: string) => `/v1/journeys/${encodeURIComponent(id)}`;

/** Journeys read at most (one page: the API's largest). */
export const JOURNEYS_LISTED = 100;

/** The typed calls of the app. */
export const api = {
  /** What the tab's key may do. */
  session: async () => (await request<SessionInfo>('/v1/session')).body,
  /** One page of experiments, newest first. */
  listExperiments: async (query: ExperimentQuery = {}) => (await request<ExperimentPage>(`/v1/experiments${queryString({ ...query })}`)).body,
  /** One experiment with its ETag (its version). */
  getExperiment: (id: string) => request<Experiment>(experimentPath(id)),
  /** Creates a draft (the idempotency key makes a repeated click create one). */
  createExperiment: (definition: ExperimentDefinitionInput, idempotencyKey: string) =>
    request<Experiment>('/v1/experiments', { method: 'POST', body: definition, headers: { 'idempotency-key': idempotencyKey } }),
  /** Replaces a draft's definition, if it is still at `version`. */
  updateExperiment: (id: string, definition: ExperimentDefinitionInput, version: number) =>
    request<Experiment>(experimentPath(id), { method: 'PUT', body: definition, headers: { 'if-match': `"${version}"` } }),
  /** Start, pause, resume, complete or archive, if it is still at `version`. */
  transition: (id: string, action: LifecycleAction, version: number) =>
    request<Experiment>(`${experimentPath(id)}/${action}`, { method: 'POST', headers: { 'if-match': `"${version}"` } }),
  /** An experiment's triggered sends (triggered, waiting, sent, exited) with `If-None-Match`. */
  triggerCounts: (id: string, etag?: string, signal?: AbortSignal) => conditionalGet<TriggerCountsResponse>(`${experimentPath(id)}/trigger-counts`, etag, signal),
  /** Results with `If-None-Match`. */
  results: (id: string, etag?: string, signal?: AbortSignal) => conditionalGet<ExperimentResults>(`${experimentPath(id)}/results`, etag, signal),
  /** The touchpoint map. */
  touchpoints: async () => (await request<TouchpointMap>('/v1/insights/touchpoints')).body,
  /** Journeys, newest first (one page). */
  listJourneys: async () => (await request<JourneyPageResponse>(`/v1/journeys${queryString({ limit: JOURNEYS_LISTED })}`)).body,
  /** One journey with its ETag (its version). */
  getJourney: (id: string) => request<JourneyResponse>(journeyPath(id)),
  /** Creates a journey (the idempotency key makes a repeated click create one). */
  createJourney: (definition: JourneyDefinitionBody, idempotencyKey: string) => request<JourneyResponse>('/v1/journeys', { method: 'POST', body: definition, headers: { 'idempotency-key': idempotencyKey } }),
  /** Replaces a journey's definition, if it is still at `version`. */
  updateJourney: (id: string, definition: JourneyDefinitionBody, version: number) => request<JourneyResponse>(journeyPath(id), { method: 'PUT', body: definition, headers: { 'if-match': `"${version}"` } }),
  /** Deletes a journey, if it is still at `version` (its experiments are free to join another). */
  deleteJourney: async (id: string, version: number): Promise<void> => {
    await request<undefined>(journeyPath(id), { method: 'DELETE', headers: { 'if-match': `"${version}"` } });
  },
  /** A journey's live counts with `If-None-Match`. */
  journeyCounts: (id: string, etag?: string, signal?: AbortSignal) => conditionalGet<JourneyCountsResponse>(`${journeyPath(id)}/counts`, etag, signal),
  /** How many known customers each segment would get. */
  estimateSegments: async (segments: readonly { readonly name: string; readonly rule: SegmentRule }[]) =>
    (await request<SegmentEstimate>('/v1/segments/estimate', { method: 'POST', body: { segments } })).body,
};
