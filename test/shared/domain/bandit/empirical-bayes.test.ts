import { describe, expect, it } from 'vitest';
import { estimateSharedPrior, MAX_PRIOR_STRENGTH, MIN_PRIOR_STRENGTH, UNIFORM_PRIOR } from '../../../../shared/domain/bandit';

describe('estimateSharedPrior', () => {
  it.each([
    {
      name: 'identical rates pool at full (capped) strength',
      why: 'every segment shows exactly 10 %: no between-segment variance, so the prior takes the cap and is centred on 10 %',
      evidence: [{ successes: 100, trials: 1000 }, { successes: 50, trials: 500 }, { successes: 200, trials: 2000 }],
      pooledRate: 0.1,
      strength: MAX_PRIOR_STRENGTH,
    },
    {
      name: 'wildly different rates barely share',
      why: '1 % against 50 % over thousands of sends: τ² is close to m(1 − m), so κ = m(1 − m)/τ² − 1 falls to the minimum',
      evidence: [{ successes: 20, trials: 2000 }, { successes: 1000, trials: 2000 }],
      pooledRate: 0.255,
      strength: MIN_PRIOR_STRENGTH,
    },
  ])('$name', ({ evidence, pooledRate, strength }) => {
    const shared = estimateSharedPrior(evidence);
    expect(shared.pooledRate).toBeCloseTo(pooledRate, 9);
    expect(shared.strength).toBeCloseTo(strength, 9);
    expect(shared.prior.alpha / (shared.prior.alpha + shared.prior.beta)).toBeCloseTo(pooledRate, 9);
    expect(shared.prior.alpha + shared.prior.beta).toBeCloseTo(strength, 9);
  });

  it('moderate heterogeneity gives the method-of-moments strength', () => {
    // Two segments of 10,000 trials at 8 % and 12 %: m = 0.1, Q = 2·10⁴·0.02² = 8,
    // τ² = (8 − 0.09) / (20,000 − 10,000 − 1) = 7.91e-4, κ = 0.09 / τ² − 1 ≈ 112.8; a cap of 100 binds.
    const shared = estimateSharedPrior([{ successes: 800, trials: 10_000 }, { successes: 1200, trials: 10_000 }], 1000);
    expect(shared.betweenVariance).toBeCloseTo(7.91 / 9999, 9);
    expect(shared.strength).toBeCloseTo(0.09 / (7.91 / 9999) - 1, 6);
    expect(estimateSharedPrior([{ successes: 800, trials: 10_000 }, { successes: 1200, trials: 10_000 }], 100).strength).toBe(100);
  });

  it('one segment with data cannot estimate sharing: uniform prior', () => {
    expect(estimateSharedPrior([{ successes: 5, trials: 50 }, { successes: 0, trials: 0 }]).prior).toEqual(UNIFORM_PRIOR);
  });
});
