import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import cases from '../../../fixtures/bandit/decide-cases.json';
import type { Channel, ChannelWeights } from '../../../../shared/domain/bandit';
import { decide, eligiblePropensities } from '../../../../shared/domain/bandit';
import { createSeededRng } from '../../../../shared/domain/random';

interface Case { name: string; weights: Record<string, number>; eligible: Channel[]; holdout: number; propensities: Record<string, number> }
const ALL: readonly Channel[] = ['email', 'sms', 'push', 'in_app', 'webhook'];

describe('decide scenarios', () => {
  it.each((cases.cases as Case[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const expected = eligiblePropensities(c.weights, c.eligible, c.holdout);
    expect(Object.keys(expected).sort()).toEqual(Object.keys(c.propensities).sort());
    for (const [channel, p] of Object.entries(c.propensities)) expect(expected[channel as Channel]).toBeCloseTo(p, 12);
    // Every drawn decision carries exactly the propensity of its outcome.
    const rng = createSeededRng(11);
    for (let i = 0; i < 200; i += 1) {
      const decision = decide(c.weights, c.eligible, c.holdout, rng);
      if (decision.kind === 'channel') expect(decision.propensity).toBeCloseTo(c.propensities[decision.channel] ?? Number.NaN, 12);
      else if (decision.kind === 'holdout') expect(decision.propensity).toBe(c.holdout);
      else throw new Error('expected a decision');
    }
  });

  it('no eligible channel with weight gives no decision (and no holdout)', () => {
    expect(decide({ email: 1 }, ['sms'], 0.1, createSeededRng(1))).toEqual({ kind: 'no_eligible_channel' });
  });
});

const weightsArbitrary = fc
  .array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 })
  .map((raw) => {
    const total = raw.reduce((a, b) => a + b, 0);
    const weights: Partial<Record<Channel, number>> = {};
    ALL.forEach((c, i) => (weights[c] = (raw[i] ?? 0) / total));
    return weights as ChannelWeights;
  });

describe('decide properties', () => {
  it('renormalisation over eligible arms is exact', () => {
    fc.assert(
      fc.property(weightsArbitrary, fc.subarray([...ALL], { minLength: 1 }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer(), (weights, eligible, holdout, seed) => {
        const propensities = eligiblePropensities(weights, eligible, holdout);
        const total = eligible.reduce((sum, c) => sum + (weights[c] ?? 0), 0);
        const sum = Object.values(propensities).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - (1 - holdout))).toBeLessThan(1e-12);
        for (const c of eligible) expect(propensities[c]).toBeCloseTo(((1 - holdout) * (weights[c] ?? 0)) / total, 12);
        const decision = decide(weights, eligible, holdout, createSeededRng(seed));
        if (decision.kind === 'channel') {
          expect(eligible).toContain(decision.channel);
          expect(decision.propensity).toBeCloseTo(propensities[decision.channel] ?? Number.NaN, 12);
        }
      }),
    );
  });

  it('draws channels with their propensities (frequencies within 5 standard errors)', () => {
    const weights: ChannelWeights = { email: 0.6, sms: 0.3, push: 0.1 };
    const rng = createSeededRng(5);
    const draws = 40_000;
    const counts: Record<string, number> = {};
    for (let i = 0; i < draws; i += 1) {
      const d = decide(weights, ['sms', 'push'], 0.2, rng);
      const key = d.kind === 'channel' ? d.channel : d.kind;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    const expected: Record<string, number> = { holdout: 0.2, sms: 0.6, push: 0.2 };
    for (const [key, p] of Object.entries(expected)) {
      const se = Math.sqrt((p * (1 - p)) / draws);
      expect(Math.abs((counts[key] ?? 0) / draws - p)).toBeLessThan(5 * se);
    }
  });

  it('same seed, same decision', () => {
    fc.assert(
      fc.property(weightsArbitrary, fc.integer(), (weights, seed) => {
        expect(decide(weights, ALL, 0.1, createSeededRng(seed))).toEqual(decide(weights, ALL, 0.1, createSeededRng(seed)));
      }),
    );
  });
});
