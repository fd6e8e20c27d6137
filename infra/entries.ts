/**
 * Where Channel Lab's Lambda handlers live. Each entry is a TypeScript file exporting `handler`;
 * the defaults are the project's own files, resolved from the package root so that the
 * construct works when embedded in another CDK app.
 */
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

/** Root folder of the Channel Lab package (the parent of `infra/`). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Handler entry files of every function of the stack. */
export interface ChannelLabEntries {
  /** All `/v1/*` routes and `GET /v1/openapi.json`. */
  readonly httpApi: string;
  /** `GET /t/{token}`, `GET /o/{token}`, `GET /u/{token}`, `POST /u/{token}`. */
  readonly tracking: string;
  /** Consumer of the dispatch queue (SES, SNS, inbox, webhook senders). */
  readonly dispatcher: string;
  /** Scheduled allocator (and follow-up on silence). */
  readonly allocator: string;
  /** SES events from the configuration set, via EventBridge. */
  readonly sesEvents: string;
  /** Scheduled check for stuck assignments. */
  readonly reconciliation: string;
}

/** Default entries, relative to {@link PROJECT_ROOT}. */
export const DEFAULT_ENTRY_PATHS: ChannelLabEntries = {
  httpApi: 'functions/api/http-api.ts',
  tracking: 'functions/tracking/http-tracking.ts',
  dispatcher: 'functions/dispatcher/sqs-dispatcher.ts',
  allocator: 'functions/allocator/scheduled-allocator.ts',
  sesEvents: 'functions/ses-events/ses-event-handler.ts',
  reconciliation: 'functions/reconciliation/stuck-assignments.ts',
};

/** Resolves the entries: the given ones where set, else the defaults (absolute paths). */
export function resolveEntries(overrides: Partial<ChannelLabEntries> = {}): ChannelLabEntries {
  const resolve = (key: keyof ChannelLabEntries): string =>
    overrides[key] ?? path.join(PROJECT_ROOT, DEFAULT_ENTRY_PATHS[key]);
  return {
    httpApi: resolve('httpApi'),
    tracking: resolve('tracking'),
    dispatcher: resolve('dispatcher'),
    allocator: resolve('allocator'),
    sesEvents: resolve('sesEvents'),
    reconciliation: resolve('reconciliation'),
  };
}
