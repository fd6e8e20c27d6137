import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import cases from '../../../fixtures/bandit/allocation-cases.json';
import type { AllocationInput, Channel, SegmentAllocation } from '../../../../shared/domain/bandit';
import { computeAllocation, floorShare } from '../../../../shared/domain/bandit';
import { maturedArm } from './helpers';

interface AllocationCase {
  name: string;
  input: Omit<AllocationInput, 'seed'>;
  expect: {
    segment: string;
    inBurnIn?: boolean;
    winner?: string | null;
    leader?: string;
    weights?: Record<string, number>;
    weightRange?: Record<string, [number, number]>;
    holdoutShare?: number;
    tolerance?: number;
    evidence?: Record<string, { successes: number; trials: number }>;
  };
}

const ALL: readonly Channel[] = ['email', 'sms', 'push', 'in_app', 'webhook'];

describe('computeAllocation scenarios', () => {
  it.each((cases.cases as unknown as AllocationCase[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = computeAllocation({ ...c.input, seed: 42 });
    const segment = result.segments.find((s) => s.segment === c.expect.segment) as SegmentAllocation;
    expect(segment).toBeDefined();
    const tolerance = c.expect.tolerance ?? 1e-9;
    if (c.expect.inBurnIn !== undefined) expect(segment.inBurnIn).toBe(c.expect.inBurnIn);
    if (c.expect.winner !== undefined) expect(segment.winner).toBe(c.expect.winner);
    if (c.expect.leader !== undefined) expect(segment.leader).toBe(c.expect.leader);
    if (c.expect.holdoutShare !== undefined) expect(segment.holdoutShare).toBe(c.expect.holdoutShare);
    for (const [channel, weight] of Object.entries(c.expect.weights ?? {})) {
      expect(Math.abs((segment.weights[channel as Channel] ?? Number.NaN) - weight)).toBeLessThanOrEqual(tolerance);
    }
    for (const [channel, [low, high]] of Object.entries(c.expect.weightRange ?? {})) {
      const weight = segment.weights[channel as Channel] ?? Number.NaN;
      expect(weight).toBeGreaterThanOrEqual(low);
      expect(weight).toBeLessThanOrEqual(high);
    }
    for (const [channel, evidence] of Object.entries(c.expect.evidence ?? {})) {
      const arm = segment.arms.find((a) => a.channel === channel);
      expect(arm?.evidence.successes).toBeCloseTo(evidence.successes, 9);
      expect(arm?.evidence.trials).toBeCloseTo(evidence.trials, 9);
    }
  });

  it.each([
    ['thompson', { type: 'thompson', minShare: 0.01, burnIn: 0, holdout: 0, sharing: true }],
    ['thompson in burn-in terms (burnIn 50)', { type: 'thompson', minShare: 0.01, burnIn: 50, holdout: 0, sharing: true }],
    ['uniform', { type: 'uniform', minShare: 0, burnIn: 0, holdout: 0, sharing: false }],
  ] as const)("a channel nobody in the segment can receive neither leads nor absorbs the weight nor blocks a winner (%s)", (_, policy) => {
    // The npm start demo: push in `default`, where nobody has a push endpoint. Other segments have push data.
    const result = computeAllocation({
      channels: ['email', 'sms', 'push'],
      policy,
      stopping: { probabilityBest: 0.95, maxExpectedLoss: 0.001 },
      segments: [
        { segment: 'app', arms: [maturedArm('email', 400, 20), maturedArm('sms', 400, 20), maturedArm('push', 400, 60)] },
        { segment: 'default', arms: [maturedArm('email', 1000, 40), maturedArm('sms', 1000, 130), maturedArm('push', 0, 0)] },
      ],
      seed: 3,
    });
    const segment = result.segments[1]!;
    const push = segment.arms[2]!;
    expect(push.probabilityBest).toBe(0);
    expect(push.weight).toBeCloseTo(floorShare(policy.minShare, segment.winner !== null), 12);
    expect(segment.inBurnIn).toBe(false);
    expect(segment.leader).toBe('sms');
    if (policy.type === 'thompson') expect(segment.winner).toBe('sms');
    expect(segment.arms.reduce((sum, arm) => sum + arm.probabilityBest, 0)).toBeCloseTo(1, 9);
  });

  it.each([
    ['a settled winner: the beaten arm keeps a quarter of the floor', [maturedArm('email', 1000, 100), maturedArm('sms', 1000, 300)], 'sms', 0.0125],
    ['no winner yet (too few matured sends): the full floor', [maturedArm('email', 90, 9), maturedArm('sms', 90, 27)], null, 0.05],
    ['no winner yet (a close race): the full floor', [maturedArm('email', 1000, 100), maturedArm('sms', 1000, 105)], null, 0.05],
  ] as const)('the floor shrinks once a segment has a winner (issue 14: the 1 %% floor was two thirds of the regret): %s', (_, arms, winner, emailWeight) => {
    const result = computeAllocation({
      channels: ['email', 'sms'],
      policy: { type: 'thompson', minShare: 0.05, burnIn: 0, holdout: 0, sharing: false },
      stopping: { probabilityBest: 0.95, maxExpectedLoss: 0.001 },
      segments: [{ segment: 's', arms }],
      seed: 1,
    });
    const segment = result.segments[0]!;
    expect(segment.winner).toBe(winner);
    if (winner === null) expect(segment.weights.email).toBeGreaterThanOrEqual(emailWeight - 1e-12);
    else expect(segment.weights.email).toBeCloseTo(emailWeight, 6);
  });

  it('a channel with no sends yet in a young segment is still explored (not taken for unreachable)', () => {
    const result = computeAllocation({
      channels: ['email', 'sms'],
      policy: { type: 'thompson', minShare: 0.01, burnIn: 0, holdout: 0, sharing: false },
      stopping: { probabilityBest: 0.95, maxExpectedLoss: 0.001 },
      segments: [{ segment: 's', arms: [maturedArm('email', 40, 2), maturedArm('sms', 0, 0)] }],
      seed: 1,
    });
    expect(result.segments[0]!.arms[1]!.probabilityBest).toBeGreaterThan(0.3);
  });

  it('reports a 95 % credible interval around the posterior mean', () => {
    const result = computeAllocation({
      channels: ['email', 'sms'],
      policy: { type: 'thompson', minShare: 0.01, burnIn: 0, holdout: 0, sharing: false },
      stopping: { probabilityBest: 0.95, maxExpectedLoss: 0.001 },
      segments: [{ segment: 's', arms: [maturedArm('email', 0, 0), maturedArm('sms', 0, 0)] }],
      seed: 1,
    });
    // No data: Beta(1, 1), whose 2.5 % and 97.5 % quantiles are 0.025 and 0.975.
    const interval = result.segments[0]?.arms[0]?.credibleInterval;
    expect(interval?.[0]).toBeCloseTo(0.025, 9);
    expect(interval?.[1]).toBeCloseTo(0.975, 9);
  });

  it('refuses a floor with K·f ≥ 1 and names the problem', () => {
    expect(() =>
      computeAllocation({
        channels: ['email', 'sms'],
        policy: { type: 'thompson', minShare: 0.5, burnIn: 0, holdout: 0, sharing: false },
        stopping: { probabilityBest: 0.95, maxExpectedLoss: 0.001 },
        segments: [],
        seed: 1,
      }),
    ).toThrow(/minShare/);
  });

  it('refuses statistics with more matured sends than sends', () => {
    expect(() =>
      computeAllocation({
        channels: ['email', 'sms'],
        policy: { type: 'thompson', minShare: 0.01, burnIn: 0, holdout: 0, sharing: false },
        stopping: { probabilityBest: 0.95, maxExpectedLoss: 0.001 },
        segments: [{ segment: 's', arms: [{ ...maturedArm('email', 10, 1), maturedSends: 11 }] }],
        seed: 1,
      }),
    ).toThrow(/maturedSends/);
  });
});

/** Random experiments: 2..5 channels, 1..4 segments, counts up to 2,000. */
const experimentArbitrary = fc
  .record({
    channelCount: fc.integer({ min: 2, max: 5 }),
    segmentCount: fc.integer({ min: 1, max: 4 }),
    floorFraction: fc.double({ min: 0, max: 0.99, noNaN: true }),
    type: fc.constantFrom('thompson' as const, 'uniform' as const, 'epsilon_greedy' as const),
    sharing: fc.boolean(),
    burnIn: fc.integer({ min: 0, max: 50 }),
    counts: fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 20, maxLength: 20 }),
    seed: fc.integer(),
  })
  .map((r): AllocationInput => {
    const channels = ALL.slice(0, r.channelCount);
    const minShare = (r.floorFraction / r.channelCount) * 0.999;
    let index = 0;
    const segments = Array.from({ length: r.segmentCount }, (_, s) => ({
      segment: `seg-${s}`,
      arms: channels.map((channel) => {
        const [sends, rate] = r.counts[index++ % r.counts.length] ?? [0, 0];
        return maturedArm(channel, sends, Math.floor(sends * rate * 0.3));
      }),
    }));
    return {
      channels,
      policy: { type: r.type, minShare, burnIn: r.burnIn, holdout: 0, sharing: r.sharing },
      stopping: { probabilityBest: 0.95, maxExpectedLoss: 0.001 },
      segments,
      seed: r.seed,
      credibleIntervals: false,
    };
  });

describe('computeAllocation properties', () => {
  it('weights sum to 1 and every weight is at least the floor (a quarter of it once the segment has a winner)', () => {
    fc.assert(
      fc.property(experimentArbitrary, (input) => {
        for (const segment of computeAllocation(input).segments) {
          const weights = Object.values(segment.weights);
          expect(weights).toHaveLength(input.channels.length);
          expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
          for (const w of weights) expect(w).toBeGreaterThanOrEqual(floorShare(input.policy.minShare, segment.winner !== null) - 1e-12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('same input and seed give the same result, with either method', () => {
    fc.assert(
      fc.property(experimentArbitrary, fc.constantFrom('integration' as const, 'monte_carlo' as const), (input, method) => {
        expect(computeAllocation({ ...input, method })).toEqual(computeAllocation({ ...input, method }));
      }),
      { numRuns: 15 },
    );
  });

  it('a better posterior never gets a smaller Thompson weight', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer(),
        (sends, rate, extraSuccesses, extraFailures, seed) => {
          const successes = Math.floor(sends * rate);
          // sms has at least email's successes and at most its failures: a better posterior.
          const better = maturedArm('sms', sends + extraSuccesses, successes + extraSuccesses);
          const worse = maturedArm('email', sends + extraFailures, successes);
          const result = computeAllocation({
            channels: ['email', 'sms', 'push'],
            policy: { type: 'thompson', minShare: 0.01, burnIn: 0, holdout: 0, sharing: false },
            stopping: { probabilityBest: 0.95, maxExpectedLoss: 0.001 },
            segments: [{ segment: 's', arms: [worse, better, maturedArm('push', 500, 25)] }],
            seed,
            credibleIntervals: false,
          });
          const weights = result.segments[0]?.weights ?? {};
          expect(weights.sms ?? 0).toBeGreaterThanOrEqual(weights.email ?? 0);
        },
      ),
      { numRuns: 100 },
    );
  });
});
