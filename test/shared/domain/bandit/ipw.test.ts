import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import cases from '../../../fixtures/bandit/ipw-cases.json';
import type { ArmStatistics, IpwEstimate, LoggedDecision } from '../../../../shared/domain/bandit';
import { adaptivelyWeightedEvidence, adaptiveWeight, CHANNEL_DELAY_PRIORS, estimateDelayPosterior, evidenceUnderDelayPosterior, ipwRate } from '../../../../shared/domain/bandit';
import { createSeededRng } from '../../../../shared/domain/random';

interface Case { name: string; decisions: LoggedDecision[]; expect: Record<string, IpwEstimate> }

describe('ipwRate', () => {
  it.each((cases.cases as unknown as Case[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = ipwRate(c.decisions);
    expect(Object.keys(result).sort()).toEqual(Object.keys(c.expect).sort());
    for (const [channel, e] of Object.entries(c.expect)) {
      expect(result[channel]?.rate).toBeCloseTo(e.rate, 12);
      expect(result[channel]?.decisions).toBe(e.decisions);
      expect(result[channel]?.successes).toBe(e.successes);
      expect(result[channel]?.effectiveSampleSize).toBeCloseTo(e.effectiveSampleSize, 12);
    }
  });

  it('refuses a zero propensity', () => {
    expect(() => ipwRate([{ channel: 'sms', propensity: 0, success: true }])).toThrow(/propensity/);
  });

  it('recovers the true rate when allocation depends on the outcome-correlated segment', () => {
    // Two segments: sms answers 20 % in A and 2 % in B; A sends sms with p = 0.9, B with p = 0.1.
    // The population rate of sms (equal-sized segments) is 11 %; the naive rate over sms sends is ~18 %.
    const rng = createSeededRng(3);
    const decisions: LoggedDecision[] = [];
    for (let i = 0; i < 100_000; i += 1) {
      const inA = rng.next() < 0.5;
      const p = inA ? 0.9 : 0.1;
      if (rng.next() < p) decisions.push({ channel: 'sms', propensity: p, success: rng.next() < (inA ? 0.2 : 0.02) });
    }
    expect(Math.abs((ipwRate(decisions).sms?.rate ?? 0) - 0.11)).toBeLessThan(0.006);
  });

  it('is a weighted mean, so it lies between 0 and 1', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ propensity: fc.double({ min: 0.01, max: 1, noNaN: true }), success: fc.boolean() }), { minLength: 1 }), (rows) => {
        const rate = ipwRate(rows.map((r) => ({ channel: 'email', ...r }))).email?.rate ?? Number.NaN;
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('adaptively weighted evidence', () => {
  const WINDOW = 24 * 60;
  const posteriorOf = (arm: ArmStatistics) => estimateDelayPosterior([arm], WINDOW, CHANNEL_DELAY_PRIORS.sms, { openAges: true });

  it.each([
    [1, 1],
    [0.25, 2],
    [0.01, 10],
  ])('a send made with probability %d weighs %d', (propensity, weight) => {
    expect(adaptiveWeight(propensity)).toBeCloseTo(weight, 12);
  });

  it.each([0, -0.1, 1.5, Number.NaN])('refuses the propensity %d', (propensity) => {
    expect(() => adaptiveWeight(propensity)).toThrow(/propensity/);
  });

  it('law: with equal weights it is the delay model\'s evidence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 10 }), (matured, open, bucket, successPerMille) => {
        const openSends = new Array<number>(18).fill(0);
        openSends[bucket] = open;
        const successes = Math.floor(((matured + open) * successPerMille) / 1000);
        const arm: ArmStatistics = { channel: 'sms', sends: matured + open, maturedSends: matured, successes, maturedDelayHistogram: [Math.min(successes, matured)], openSendsByElapsed: openSends };
        const weighted: ArmStatistics = { ...arm, adaptiveWeights: { maturedSends: 3 * matured, maturedSquares: 9 * matured, openSendsByElapsed: openSends.map((n) => 3 * n), openSquaresByElapsed: openSends.map((n) => 9 * n), successes: 3 * successes } };
        const posterior = posteriorOf(arm);
        const plain = evidenceUnderDelayPosterior(arm, posterior);
        const result = adaptivelyWeightedEvidence(weighted, posterior);
        expect(result.trials).toBeCloseTo(plain.trials, 6);
        expect(result.successes).toBeCloseTo(plain.successes, 6);
        const unweighted = adaptivelyWeightedEvidence(arm, posterior);
        expect(unweighted.trials).toBeCloseTo(result.trials, 6);
        expect(unweighted.successes).toBeCloseTo(result.successes, 6);
      }),
    );
  });

  it('issue 14 (starved arm): an arm starved after a bad start reads its rate with less bias than its plain sample', () => {
    // Each period sends 100; the arm gets half while its running rate looks ≥ 4 %, else the 2 % floor.
    const truth = 0.05;
    const rng = createSeededRng(14);
    let plainSum = 0;
    let weightedSum = 0;
    const runs = 400;
    for (let run = 0; run < runs; run += 1) {
      let sends = 0;
      let successes = 0;
      const counts = { maturedSends: 0, maturedSquares: 0, openSendsByElapsed: [] as number[], openSquaresByElapsed: [] as number[], successes: 0 };
      for (let period = 0; period < 20; period += 1) {
        const propensity = sends === 0 || successes / sends >= 0.04 ? 0.5 : 0.02;
        const w = adaptiveWeight(propensity);
        for (let i = 0; i < 100; i += 1) {
          if (rng.next() >= propensity) continue;
          const success = rng.next() < truth;
          sends += 1;
          successes += success ? 1 : 0;
          counts.maturedSends += w;
          counts.maturedSquares += w * w;
          counts.successes += success ? w : 0;
        }
      }
      const arm: ArmStatistics = { channel: 'sms', sends, maturedSends: sends, successes, maturedDelayHistogram: [successes], openSendsByElapsed: [], adaptiveWeights: counts };
      const evidence = adaptivelyWeightedEvidence(arm, posteriorOf(arm));
      plainSum += sends > 0 ? successes / sends : 0;
      weightedSum += evidence.trials > 0 ? evidence.successes / evidence.trials : 0;
    }
    const plainBias = plainSum / runs / truth - 1;
    const weightedBias = weightedSum / runs / truth - 1;
    // The plain rate reads about 18 % low; 1/√p weights remove about a third of that (1/p would
    // remove all of it, at a large cost in variance when a few floor sends carry the estimate).
    expect(plainBias).toBeLessThan(-0.15);
    expect(Math.abs(weightedBias)).toBeLessThan(0.75 * Math.abs(plainBias));
  });
});
