/**
 * Time buckets for response delays and for the elapsed time of open sends.
 *
 * Bucket edges double from one minute, so that SMS answers (minutes) and email
 * answers (days) are both resolved with the same small, fixed number of
 * counters: bucket `b` covers `[DELAY_BUCKET_EDGES_MS[b], DELAY_BUCKET_EDGES_MS[b + 1])`
 * and the last bucket is open-ended.
 */

/** One minute in milliseconds. */
export const MINUTE_MS = 60_000;
/** Doublings after the first minute: 2^16 minutes ≈ 45.5 days. */
const DOUBLINGS = 16;

/** Lower edges of the buckets, in ms: 0, 1 min, 2 min, 4 min, … 2^16 min. */
export const DELAY_BUCKET_EDGES_MS: readonly number[] = [
  0,
  ...Array.from({ length: DOUBLINGS + 1 }, (_, i) => MINUTE_MS * 2 ** i),
];

/** Number of buckets (18): a histogram is an array of this length. */
export const DELAY_BUCKET_COUNT = DELAY_BUCKET_EDGES_MS.length;

/**
 * The bucket of a delay (or elapsed time).
 *
 * @param delayMs - a duration in ms, ≥ 0.
 * @returns the bucket index in `[0, DELAY_BUCKET_COUNT)`.
 */
export function delayBucketOf(delayMs: number): number {
  if (!(delayMs >= MINUTE_MS)) return 0;
  const bucket = Math.floor(Math.log2(delayMs / MINUTE_MS)) + 1;
  return Math.min(bucket, DELAY_BUCKET_COUNT - 1);
}

/**
 * The span of a bucket, cut at the attribution window (responses after the
 * window do not count, and open sends are younger than the window).
 *
 * @param bucket - a bucket index.
 * @param windowMs - the attribution window in ms.
 * @returns `[lower, upper]` in ms, with `upper ≥ lower`.
 */
export function delayBucketSpan(bucket: number, windowMs: number): readonly [number, number] {
  const lower = DELAY_BUCKET_EDGES_MS[bucket] ?? Number.POSITIVE_INFINITY;
  const upper = DELAY_BUCKET_EDGES_MS[bucket + 1] ?? Number.POSITIVE_INFINITY;
  return [Math.min(lower, windowMs), Math.min(upper, windowMs)];
}

/**
 * An empty histogram (all zeros) of {@link DELAY_BUCKET_COUNT} buckets.
 *
 * @returns a fresh array.
 */
export function emptyHistogram(): number[] {
  return new Array<number>(DELAY_BUCKET_COUNT).fill(0);
}
