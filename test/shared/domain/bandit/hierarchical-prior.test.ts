import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../../shared/domain/bandit';
import { computeAllocation, posteriorMean, posteriorVariance, segmentLevelCentres, sharedPosteriors, structuredPosteriors, UNIFORM_PRIOR } from '../../../../shared/domain/bandit';
import { maturedArm } from './helpers';

describe('sharing whose strength reflects the uncertainty of the spread', () => {
  it("issue 14: a high-rate segment's best arm is not pinned to the floor by the low-rate segments", () => {
    // Four segments at 3–6 % with 300 sends per arm; the high segment has 40 sends per arm at 21/27/18 %.
    const low = (rates: number[]) => ['email', 'sms', 'push'].map((channel, i) => maturedArm(channel as 'email', 300, Math.round(300 * (rates[i] ?? 0))));
    const allocation = computeAllocation({
      channels: ['email', 'sms', 'push'],
      policy: { type: 'thompson', minShare: 0.01, burnIn: 0, holdout: 0, sharing: true },
      stopping: { probabilityBest: 0.95, maxExpectedLoss: 0.001 },
      segments: [
        { segment: 'a', arms: low([0.05, 0.04, 0.03]) },
        { segment: 'b', arms: low([0.04, 0.05, 0.03]) },
        { segment: 'c', arms: low([0.06, 0.04, 0.05]) },
        { segment: 'd', arms: low([0.03, 0.04, 0.06]) },
        { segment: 'high', arms: [maturedArm('email', 40, 8), maturedArm('sms', 40, 11), maturedArm('push', 40, 7)] },
      ],
      seed: 7,
    });
    const high = allocation.segments[4]!;
    expect(high.arms[1]!.posteriorMean).toBeGreaterThan(0.15);
    expect(high.weights.sms).toBeGreaterThan(0.2);
  });

  it('identical segments share: the posterior is narrower than without sharing', () => {
    const evidence = Array.from({ length: 6 }, () => ({ successes: 10, trials: 100 }));
    const shared = sharedPosteriors(evidence);
    expect(posteriorVariance(shared.posteriors[0]!)).toBeLessThan(posteriorVariance({ alpha: 11, beta: 91 }));
  });

  it('one segment with data cannot estimate the spread: uniform prior', () => {
    expect(sharedPosteriors([{ successes: 5, trials: 50 }, { successes: 0, trials: 0 }]).priors).toEqual([UNIFORM_PRIOR, UNIFORM_PRIOR]);
  });

  it("law: each segment's posterior mean lies between its own rate and the pooled rate (within 1 % of them: the pooled rate's own uncertainty widens the prior)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 2, maxLength: 8 }), (pairs) => {
        const evidence = pairs.map(([trials, rate]) => ({ trials, successes: Math.floor(trials * rate) }));
        const shared = sharedPosteriors(evidence);
        evidence.forEach((e, s) => {
          const own = e.successes / e.trials;
          const mean = posteriorMean(shared.posteriors[s]!);
          expect(mean).toBeGreaterThanOrEqual(Math.min(own, shared.pooledRate) * (1 - 1e-2) - 1e-6);
          expect(mean).toBeLessThanOrEqual(Math.max(own, shared.pooledRate) * (1 + 1e-2) + 1e-6);
        });
      }),
    );
  });
});

/** The many_segments benchmark's table: 40 segment levels, channel factors 0.7 / 1.0 / 1.3 / 0.85, ±10 % noise. */
function manySegmentRates(): number[][] {
  let state = 2024;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4_294_967_296;
  };
  return Array.from({ length: 40 }, () => {
    const base = 0.02 + 0.06 * random();
    return [0.7, 1.0, 1.3, 0.85].map((m) => base * m * Math.exp(0.1 * (random() + random() + random() - 1.5) * 2));
  });
}

describe('sharing that sees the channel × segment structure (issue 14: many_segments)', () => {
  const rates = manySegmentRates();
  const table: Evidence[][] = rates.map((row) => row.map((rate) => ({ successes: Math.round(rate * 60), trials: 60 })));
  const centres = segmentLevelCentres(table)!;

  it("many small segments whose rates are a level times a channel factor: each arm's estimate is closer to the truth than per-channel sharing's", () => {
    let structuredError = 0;
    let perChannelError = 0;
    for (let c = 0; c < 4; c += 1) {
      const column = table.map((row) => row[c]!);
      const structured = structuredPosteriors({ evidence: column, centres: centres.map((row) => row[c]!), matured: column, maturedCentres: centres.map((row) => row[c]!) });
      const perChannel = sharedPosteriors(column);
      rates.forEach((row, s) => {
        structuredError += (posteriorMean(structured.posteriors[s]!) - row[c]!) ** 2;
        perChannelError += (posteriorMean(perChannel.posteriors[s]!) - row[c]!) ** 2;
      });
    }
    expect(Math.sqrt(structuredError)).toBeLessThan(0.6 * Math.sqrt(perChannelError));
  });

  it('the spread is fitted on matured evidence only: with nothing matured yet, sharing is per channel', () => {
    const column = table.map((row) => row[2]!);
    const nothing = column.map(() => ({ successes: 0, trials: 0 }));
    const structured = structuredPosteriors({ evidence: column, centres: centres.map((row) => row[2]!), matured: nothing, maturedCentres: null });
    expect(structured).toEqual(sharedPosteriors(column));
  });
});
