import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import cases from '../../../fixtures/bandit/probability-best-cases.json';
import type { BetaPosterior } from '../../../../shared/domain/bandit';
import { betaProbabilityBest, betaProbabilityBestExact, MONTE_CARLO_DRAWS } from '../../../../shared/domain/bandit';
import { createSeededRng } from '../../../../shared/domain/random';

interface Case { name: string; posteriors: BetaPosterior[]; probabilityBest: number[]; expectedLoss: number[] }

const posteriorArbitrary = fc.record({
  alpha: fc.double({ min: 0.2, max: 400, noNaN: true }),
  beta: fc.double({ min: 0.5, max: 4000, noNaN: true }),
});

describe('P(best) and expected loss, closed forms', () => {
  it.each((cases.cases as Case[]).map((c) => [c.name, c] as const))('integration: %s', (_, c) => {
    const result = betaProbabilityBestExact(c.posteriors);
    c.probabilityBest.forEach((p, i) => expect(Math.abs((result.probabilityBest[i] ?? Number.NaN) - p)).toBeLessThan(1e-3));
    c.expectedLoss.forEach((l, i) => expect(Math.abs((result.expectedLoss[i] ?? Number.NaN) - l)).toBeLessThan(1e-3));
  });

  it.each((cases.cases as Case[]).map((c) => [c.name, c] as const))('Monte Carlo: %s', (_, c) => {
    const result = betaProbabilityBest(c.posteriors, createSeededRng(7));
    // 10,000 draws: standard error of a probability ≤ 0.005, so 0.02 is four of them.
    c.probabilityBest.forEach((p, i) => expect(Math.abs((result.probabilityBest[i] ?? Number.NaN) - p)).toBeLessThan(0.02));
    c.expectedLoss.forEach((l, i) => expect(Math.abs((result.expectedLoss[i] ?? Number.NaN) - l)).toBeLessThan(0.01));
  });
});

describe('P(best) properties', () => {
  it('integration agrees with 40,000 Monte Carlo draws', () => {
    fc.assert(
      fc.property(fc.array(posteriorArbitrary, { minLength: 2, maxLength: 5 }), fc.integer(), (posteriors, seed) => {
        const exact = betaProbabilityBestExact(posteriors);
        const sampled = betaProbabilityBest(posteriors, createSeededRng(seed), 4 * MONTE_CARLO_DRAWS);
        // Standard error ≤ 0.0025 at 40,000 draws; 0.015 leaves room for the integration error too.
        posteriors.forEach((_, i) => {
          expect(Math.abs((exact.probabilityBest[i] ?? 0) - (sampled.probabilityBest[i] ?? 0))).toBeLessThan(0.015);
        });
      }),
      { numRuns: 25 },
    );
  });

  it('P(best) sums to 1 and losses are ≥ 0', () => {
    fc.assert(
      fc.property(fc.array(posteriorArbitrary, { minLength: 2, maxLength: 8 }), (posteriors) => {
        const result = betaProbabilityBestExact(posteriors);
        expect(Math.abs(result.probabilityBest.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
        for (const loss of result.expectedLoss) expect(loss).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('a dominating posterior has P(best) and loss no worse, for both methods', () => {
    fc.assert(
      fc.property(posteriorArbitrary, fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), posteriorArbitrary, fc.integer(), (base, moreAlpha, lessBeta, other, seed) => {
        const better = { alpha: base.alpha + moreAlpha, beta: Math.max(0.5, base.beta - lessBeta) };
        const posteriors = [base, better, other];
        for (const result of [betaProbabilityBestExact(posteriors), betaProbabilityBest(posteriors, createSeededRng(seed))]) {
          expect(result.probabilityBest[1] ?? 0).toBeGreaterThanOrEqual(result.probabilityBest[0] ?? 0);
          expect(result.expectedLoss[1] ?? 0).toBeLessThanOrEqual(result.expectedLoss[0] ?? 0);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('same seed gives the same Monte Carlo estimate', () => {
    const posteriors = [{ alpha: 3, beta: 40 }, { alpha: 5, beta: 50 }];
    expect(betaProbabilityBest(posteriors, createSeededRng(9))).toEqual(betaProbabilityBest(posteriors, createSeededRng(9)));
  });
});
