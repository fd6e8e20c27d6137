/**
 * Small statistics helpers of the decision-cost benchmark (medians and percentiles of
 * timings measured in one run).
 */

/**
 * The q-quantile of `values` (nearest rank on the sorted copy).
 *
 * @param values - samples (not modified).
 * @param q - quantile in [0, 1].
 * @returns the sample at rank ⌈q·n⌉, or NaN when there are none.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

/**
 * The median of `values` (mean of the two middle samples for an even count).
 *
 * @param values - samples (not modified).
 * @returns the median, or NaN when there are none.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Percentiles of a latency sample, in milliseconds. */
export interface LatencySummary {
  /** Samples. */
  readonly n: number;
  /** Median. */
  readonly p50: number;
  /** 95th percentile. */
  readonly p95: number;
}

/**
 * p50 and p95 of a sample.
 *
 * @param samples - durations in ms.
 * @returns the summary.
 */
export function summarize(samples: readonly number[]): LatencySummary {
  return { n: samples.length, p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}
