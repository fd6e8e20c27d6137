import stdlibQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { describe, expect, it } from 'vitest';
import { betaQuantile, regularizedIncompleteBeta } from '../../../../shared/domain/bandit';

/**
 * Shapes across what the bandit produces: posteriors of 0 to 10⁷ sends on priors from the
 * uniform one down to the smallest shape sharing keeps (1e-9), fractional where delay
 * correction weighs sends.
 */
const SHAPES = [1e-9, 1e-4, 0.02, 0.3, 0.5, 0.9, 1, 1.5, 2.5, 9.9, 10, 10.1, 55.5, 333, 3001, 31_623, 1e5, 1e6, 1e7];
/** The credible interval's tails first, then the rest of the range. */
const PROBABILITIES = [0.025, 0.975, 1e-10, 1e-4, 0.1, 0.5, 0.9, 0.9999];
/** Agreement with stdlib, relative to the quantile or to its distance from 1 (whichever is smaller). */
const TOLERANCE = 1e-8;

/** The error of `ours` against `reference`, relative to the nearer end of [0, 1]. */
function relativeError(ours: number, reference: number): number {
  if (ours === reference) return 0;
  const error = Math.abs(ours - reference);
  return Math.min(error / Math.abs(reference), error / Math.abs(1 - reference));
}

describe('the Beta quantile (own inverse of the incomplete beta function)', () => {
  it.each(SHAPES)('agrees with stdlib for a = %d and every b and p of the grid', (a) => {
    const disagreements = SHAPES.flatMap((b) =>
      PROBABILITIES.filter((p) => !(a === SHAPES[0] && b === SHAPES[0] && p === 0.5))
        .map((p) => ({ p, b, ours: betaQuantile(p, a, b), stdlib: stdlibQuantile(p, a, b) }))
        .filter((c) => !(relativeError(c.ours, c.stdlib) <= TOLERANCE)),
    );
    expect(disagreements).toEqual([]);
  });

  it.each([
    ['Beta(1, 1) is uniform', 0.025, 1, 1, 0.025],
    ['Beta(1, 1) upper tail', 0.975, 1, 1, 0.975],
    ['the median of a symmetric Beta is ½', 0.5, 1e7, 1e7, 0.5],
    ['Beta(2, 1): x² = p', 0.25, 2, 1, 0.5],
    ['Beta(1, 2): 1 − (1 − x)² = p', 0.75, 1, 2, 0.5],
  ])('%s', (_, p, a, b, expected) => {
    expect(betaQuantile(p, a, b)).toBeCloseTo(expected, 12);
  });

  it.each([
    [0, 0],
    [1, 1],
  ])('p = %d gives %d', (p, expected) => {
    expect(betaQuantile(p, 3, 4)).toBe(expected);
  });

  it.each([
    [-0.1, 1, 1],
    [1.1, 1, 1],
    [Number.NaN, 1, 1],
    [0.5, 0, 1],
    [0.5, 1, -2],
  ])('p = %d, a = %d, b = %d is not a Beta quantile: NaN', (p, a, b) => {
    expect(betaQuantile(p, a, b)).toBeNaN();
  });

  it.each([
    [0.3, 2, 5],
    [0.001, 0.02, 300],
    [0.0999, 1e4, 9e4],
    [0.9, 0.5, 0.5],
  ])('round trip: I at the %d-quantile of Beta(%d, %d) is p', (p, a, b) => {
    expect(regularizedIncompleteBeta(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 12);
  });
});
