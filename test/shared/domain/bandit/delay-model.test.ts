import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArmStatistics } from '../../../../shared/domain/bandit';
import { CHANNEL_DELAY_PRIORS, computeAllocation, delayBucketOf, estimateDelayPosterior, evidenceUnderDelayPosterior, MINUTE_MS, normalCdf } from '../../../../shared/domain/bandit';

const HOUR = 60;
const WINDOW_48H = 48 * HOUR;

/** A histogram with `count` in the bucket of `minutes`. */
function at(minutes: number, count: number): number[] {
  const histogram = new Array<number>(18).fill(0);
  histogram[delayBucketOf(minutes * MINUTE_MS)] = count;
  return histogram;
}

describe('delay model', () => {
  it.each([
    [0, 0.5],
    [1.96, 0.975],
    [-1.96, 0.025],
  ])('normalCdf(%d) = %d', (z, p) => {
    expect(normalCdf(z)).toBeCloseTo(p, 4);
  });

  it('issue 14: identical counts (25 of 116 SMS sends) give overlapping intervals before and after the sends matured', () => {
    const open: ArmStatistics = { channel: 'sms', sends: 116, maturedSends: 0, successes: 25, maturedDelayHistogram: [], openSendsByElapsed: at(10 * HOUR, 116), openDelayHistogram: at(6, 25) };
    const matured: ArmStatistics = { channel: 'sms', sends: 116, maturedSends: 116, successes: 25, maturedDelayHistogram: at(6, 25), openSendsByElapsed: [] };
    const email: ArmStatistics = { channel: 'email', sends: 143, maturedSends: 0, successes: 0, maturedDelayHistogram: [], openSendsByElapsed: at(10 * HOUR, 143) };
    const interval = (sms: ArmStatistics) =>
      computeAllocation({
        channels: ['email', 'sms'],
        policy: { type: 'thompson', minShare: 0.01, burnIn: 0, holdout: 0, sharing: false },
        stopping: { probabilityBest: 0.95, maxExpectedLoss: 0.001 },
        segments: [{ segment: 's', arms: [email, sms] }],
        seed: 1,
        windowMinutes: WINDOW_48H,
      }).segments[0]!.arms[1]!;
    const before = interval(open);
    const after = interval(matured);
    expect(before.credibleInterval![0]).toBeLessThan(after.credibleInterval![1]);
    expect(after.credibleInterval![0]).toBeLessThan(before.credibleInterval![1]);
    expect(before.posteriorMean).toBeGreaterThan(0.15);
    expect(before.posteriorMean).toBeLessThan(0.3);
  });

  it('issue 14: an email arm with 0 responses from 143 open sends is not shown at 50 %', () => {
    const email: ArmStatistics = { channel: 'email', sends: 143, maturedSends: 0, successes: 0, maturedDelayHistogram: [], openSendsByElapsed: at(20 * HOUR, 143) };
    const posterior = estimateDelayPosterior([email], WINDOW_48H, CHANNEL_DELAY_PRIORS.email);
    const evidence = evidenceUnderDelayPosterior(email, posterior);
    expect(evidence.trials).toBeGreaterThan(20);
    expect(evidence.successes).toBeLessThan(1);
  });

  it('open sends carry evidence from the first hour: SMS sends an hour old count almost fully, on the prior alone', () => {
    const sms: ArmStatistics = { channel: 'sms', sends: 100, maturedSends: 0, successes: 0, maturedDelayHistogram: [], openSendsByElapsed: at(HOUR, 100) };
    const evidence = evidenceUnderDelayPosterior(sms, estimateDelayPosterior([sms], 24 * HOUR, CHANNEL_DELAY_PRIORS.sms));
    expect(evidence.trials).toBeGreaterThan(30);
  });

  it('censoring: responses seen only within the first two hours of two-hour-old email sends do not prove email is fast', () => {
    // Responses spread over 8–90 minutes, rising: the sends are too young to show where they stop.
    const responses = [0, 0, 0, 0, 2, 4, 7, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const email: ArmStatistics = { channel: 'email', sends: 1000, maturedSends: 0, successes: 20, maturedDelayHistogram: [], openSendsByElapsed: at(90, 1000), openDelayHistogram: responses };
    const posterior = estimateDelayPosterior([email], WINDOW_48H, CHANNEL_DELAY_PRIORS.email);
    expect(posterior.medianMinutes).toBeGreaterThan(60);
    // The unknown tail keeps the evidence well short of the 1,000 sends.
    expect(evidenceUnderDelayPosterior(email, posterior).trials).toBeLessThan(700);
  });

  it('law: matured evidence is exact, and uncertainty about delays never adds trials beyond the sends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 17 }), (sends, maturedShare, rate, bucket) => {
        const matured = Math.floor(sends * maturedShare);
        const successes = Math.floor(sends * rate * 0.3);
        const maturedSuccesses = Math.min(successes, matured);
        const openSends = new Array<number>(18).fill(0);
        openSends[bucket] = sends - matured;
        const arm: ArmStatistics = {
          channel: 'email',
          sends,
          maturedSends: matured,
          successes,
          maturedDelayHistogram: at(30, maturedSuccesses),
          openSendsByElapsed: openSends,
          openDelayHistogram: at(30, successes - maturedSuccesses),
        };
        const evidence = evidenceUnderDelayPosterior(arm, estimateDelayPosterior([arm], WINDOW_48H, CHANNEL_DELAY_PRIORS.email));
        expect(evidence.trials).toBeLessThanOrEqual(sends + 1e-6);
        expect(evidence.successes).toBeLessThanOrEqual(evidence.trials + 1e-9);
        if (matured === sends) {
          expect(evidence.trials).toBeCloseTo(sends, 4);
          expect(evidence.successes).toBeCloseTo(successes, 4);
        }
      }),
    );
  });
});
