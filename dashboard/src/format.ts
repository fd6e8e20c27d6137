/** Pure formatting and polling helpers of the dashboard (no DOM: unit-tested in Node). */

/** Shortest poll period the dashboard uses when it follows `Cache-Control` (seconds). */
export const MIN_POLL_SECONDS = 5;
/** Poll period when the API names none (seconds). */
export const DEFAULT_POLL_SECONDS = 30;

/** A rate (0–1) as a percentage with one decimal: `12.3 %`. */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)} %`;
}

/** A rate with its 95 % credible interval: `12.3 % (10.1–14.6)`; without an interval, the rate alone. */
export function rateWithInterval(rate: number, ci95: readonly [number, number] | readonly number[] | null): string {
  if (!ci95 || ci95.length < 2) return `${percent(rate)} (no interval yet)`;
  const [lo, hi] = ci95 as readonly [number, number];
  return `${percent(rate)} (${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)})`;
}

/** An expected loss (in rate units) as percentage points: `0.10 pts`. */
export function ratePoints(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const points = value * 100;
  return `${points < 0.01 && points > 0 ? '< 0.01' : points.toFixed(2)} pts`;
}

/** A signed difference in percentage points: `+4.2 pts`, `−28.8 pts`. */
export function signedPoints(value: number): string {
  const points = value * 100;
  return `${points < 0 ? '−' : '+'}${Math.abs(points).toFixed(1)} pts`;
}

/** A signed relative change: `+78.6 %`, `−50.5 %`. */
export function signedPercent(value: number): string {
  return `${value < 0 ? '−' : '+'}${Math.abs(value * 100).toFixed(1)} %`;
}

/** An integer with thousands separators. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** `max-age` of a `Cache-Control` header, in seconds, or undefined. */
export function maxAgeSeconds(cacheControl: string | null | undefined): number | undefined {
  const match = /(?:^|[,\s])max-age=(\d+)/i.exec(cacheControl ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Seconds until the next poll: the `?poll=` override when given (a positive number, for tests and
 * demos), else the response's `max-age`, never under {@link MIN_POLL_SECONDS}.
 */
export function pollSeconds(override: string | null, cacheControl: string | null | undefined): number {
  const forced = override === null ? NaN : Number(override);
  if (Number.isFinite(forced) && forced > 0) return forced;
  const age = maxAgeSeconds(cacheControl);
  return Math.max(MIN_POLL_SECONDS, age ?? DEFAULT_POLL_SECONDS);
}

/** An ISO instant as a short UTC time for tables and axes: `2026-03-02 13:10 UTC`. */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
