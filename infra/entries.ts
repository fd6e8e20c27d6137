/**
 * Where Channel Lab's Lambda handlers live. Each entry is a TypeScript file exporting `handler`
 * (`functions/<function>/<function>-entry.ts`, which builds only that function's dependencies);
 * the defaults are the project's own files, resolved from the package root so that the
 * construct works when embedded in another CDK app.
 */
import * as path from 'node:path';
import { PROJECT_ROOT } from './package-root';

export { PROJECT_ROOT } from './package-root';

/** Handler entry files of every function of the stack. */
export interface ChannelLabEntries {
  /** The HTTP API: every `/v1/*` route but the analysis function's and the OpenAPI document. */
  readonly api: string;
  /** Results, the touchpoint map and on-demand reallocation (`ANALYSIS_PATHS`). */
  readonly analysis: string;
  /** `GET /v1/openapi.json`: the OpenAPI document generated at build time. */
  readonly openApi: string;
  /** `GET /t/{token}`, `GET /o/{token}`, `GET /u/{token}`, `POST /u/{token}`. */
  readonly tracking: string;
  /** Consumer of the dispatch queue (SES, SNS, inbox, webhook senders). */
  readonly dispatcher: string;
  /** Scheduled work, every minute: reallocation of due experiments, deferred sends, follow-ups on silence. */
  readonly scheduledWork: string;
  /** SES events from the configuration set, via EventBridge. */
  readonly sesEvents: string;
  /** Scheduled reconciliation: lost messages re-enqueued, stuck assignments counted. */
  readonly reconciliation: string;
  /** Customer events from the customer's EventBridge bus (they trigger and exit triggered sends). */
  readonly customerEvents: string;
  /** The table's stream: adds sends and successes to the cohort counters in batches. */
  readonly counterAggregator: string;
  /** The table's stream: sends new `queued` decisions and released deferred ones to the dispatch queue in batches (the dispatch outbox). */
  readonly dispatchOutbox: string;
}

/** Default entries, relative to {@link PROJECT_ROOT}. */
export const DEFAULT_ENTRY_PATHS: ChannelLabEntries = {
  api: 'functions/api/api-entry.ts',
  analysis: 'functions/analysis/analysis-entry.ts',
  openApi: 'functions/openapi/openapi-entry.ts',
  tracking: 'functions/tracking/tracking-entry.ts',
  dispatcher: 'functions/dispatcher/dispatcher-entry.ts',
  scheduledWork: 'functions/scheduled-work/scheduled-work-entry.ts',
  sesEvents: 'functions/ses-events/ses-events-entry.ts',
  reconciliation: 'functions/reconciliation/reconciliation-entry.ts',
  customerEvents: 'functions/customer-events/customer-events-entry.ts',
  counterAggregator: 'functions/counter-aggregator/counter-aggregator-entry.ts',
  dispatchOutbox: 'functions/dispatch-outbox/dispatch-outbox-entry.ts',
};

/** Resolves the entries: the given ones where set, else the defaults (absolute paths). */
export function resolveEntries(overrides: Partial<ChannelLabEntries> = {}): ChannelLabEntries {
  const resolve = (key: keyof ChannelLabEntries): string =>
    overrides[key] ?? path.join(PROJECT_ROOT, DEFAULT_ENTRY_PATHS[key]);
  return {
    api: resolve('api'),
    analysis: resolve('analysis'),
    openApi: resolve('openApi'),
    tracking: resolve('tracking'),
    dispatcher: resolve('dispatcher'),
    scheduledWork: resolve('scheduledWork'),
    sesEvents: resolve('sesEvents'),
    reconciliation: resolve('reconciliation'),
    customerEvents: resolve('customerEvents'),
    counterAggregator: resolve('counterAggregator'),
    dispatchOutbox: resolve('dispatchOutbox'),
  };
}
