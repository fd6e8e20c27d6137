/** Summaries over seeds. */

/** A mean with its 95 % interval (normal approximation over seeds). */
export interface Interval {
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

/** z for a two-sided 95 % interval. */
const Z_95 = 1.96;

/**
 * Mean and 95 % interval of the mean.
 *
 * @param values - one value per seed.
 * @returns mean, lo, hi.
 */
export function interval(values: readonly number[]): Interval {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, lo: Number.NaN, hi: Number.NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  const half = Z_95 * Math.sqrt(variance / n);
  return { mean, lo: mean - half, hi: mean + half };
}

/**
 * Median (NaN when empty).
 *
 * @param values - numbers.
 * @returns the median.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Bernoulli KL divergence KL(p ‖ q).
 *
 * @param p - a rate.
 * @param q - another rate.
 * @returns the divergence in nats.
 */
export function bernoulliKl(p: number, q: number): number {
  const term = (a: number, b: number): number => (a === 0 ? 0 : a * Math.log(a / b));
  return term(p, q) + term(1 - p, 1 - q);
}
