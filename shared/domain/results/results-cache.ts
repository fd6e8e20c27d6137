/** Share of the allocation cadence a client may cache results for (as the send path's weight cache). */
export const RESULTS_CACHE_FRACTION = 0.2;
/** Shortest `max-age`, in seconds. */
export const MIN_RESULTS_MAX_AGE_SECONDS = 5;
/** Seconds in a minute. */
const SECONDS_PER_MINUTE = 60;

/** How a results representation is named in its ETag. */
export interface ResultsVariant {
  /** `json` or `csv`. */
  readonly format: 'json' | 'csv';
  /** The `since` filter, if any. */
  readonly since?: string;
}

/**
 * The ETag of a results representation: it changes when the experiment changes (version), when
 * the allocator writes a new snapshot (allocation version), and differs per format and `since`.
 */
export function resultsEtag(experimentVersion: number, allocationVersion: number, variant: ResultsVariant): string {
  return `"r${experimentVersion}.${allocationVersion}${variant.format === 'csv' ? '.csv' : ''}${variant.since === undefined ? '' : `.s${variant.since}`}"`;
}

/** Whether an `If-None-Match` header (a list of ETags, weak or strong, or `*`) matches `etag`. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const wanted = header.trim();
  if (wanted === '*') return true;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return wanted.split(',').some((tag) => strip(tag) === etag);
}

/** `max-age` in seconds: a fifth of the allocation cadence, so a poll is never more than that behind a new snapshot. */
export function resultsMaxAgeSeconds(updateEveryMinutes: number): number {
  return Math.max(MIN_RESULTS_MAX_AGE_SECONDS, Math.floor(updateEveryMinutes * SECONDS_PER_MINUTE * RESULTS_CACHE_FRACTION));
}
