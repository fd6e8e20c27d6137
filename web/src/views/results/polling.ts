/** When to poll again: pure helpers over the API's `Cache-Control` (no DOM: unit-tested in Node). */

/** Shortest poll period the views use when they follow `Cache-Control` (seconds). */
export const MIN_POLL_SECONDS = 5;
/** Poll period when the API names none (seconds). */
export const DEFAULT_POLL_SECONDS = 30;

/** `max-age` of a `Cache-Control` header, in seconds, or undefined. */
export function maxAgeSeconds(cacheControl: string | null | undefined): number | undefined {
  const match = /(?:^|[,\s])max-age=(\d+)/i.exec(cacheControl ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Seconds until the next poll: the override when it is a positive number (`?poll=` in the page's
 * URL, for tests and demos), else the answer's `max-age`, never under {@link MIN_POLL_SECONDS}
 * (and {@link DEFAULT_POLL_SECONDS} when the answer names none).
 */
export function pollSeconds(override: string | null | undefined, maxAge: number | undefined): number {
  const forced = override === null || override === undefined ? NaN : Number(override);
  if (Number.isFinite(forced) && forced > 0) return forced;
  return Math.max(MIN_POLL_SECONDS, maxAge ?? DEFAULT_POLL_SECONDS);
}
