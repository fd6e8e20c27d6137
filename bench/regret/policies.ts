/**
 * The policies compared by the benchmark. All but the GrowthBook-style peer go
 * through the product's `computeAllocation`.
 */
import type { ArmStatistics, BanditPolicy, Channel, ChannelWeights, StoppingRule } from '../../shared/domain/bandit';
import { applyFloor, computeAllocation, DEFAULT_POLICY, evaluateStopping, monteCarloBest, MONTE_CARLO_DRAWS } from '../../shared/domain/bandit';
import { createNormalSampler, createSeededRng } from '../../shared/domain/random';

/** One segment's allocation as the simulator needs it. */
export interface SimAllocation {
  readonly weights: ChannelWeights;
  readonly winner: number | null;
  /** Per arm (channel order), when asked for: posterior mean and 95 % interval, as the results report them. */
  readonly estimates?: readonly { readonly mean: number; readonly lo: number; readonly hi: number }[];
}

/** A policy: from all segments' statistics to per-segment weights and winners. */
export interface SimPolicy {
  readonly name: string;
  allocate(segments: ReadonlyArray<readonly ArmStatistics[]>, seed: number, withEstimates?: boolean): SimAllocation[];
}

/** The stopping rule used for every policy in the benchmark. */
export const BENCH_STOPPING: StoppingRule = { probabilityBest: 0.95, maxExpectedLoss: 0.001 };

function productPolicy(name: string, policy: BanditPolicy, channels: readonly Channel[], windowMinutes: number): SimPolicy {
  return {
    name,
    allocate(segments, seed, withEstimates = false) {
      const result = computeAllocation({
        channels,
        policy,
        stopping: BENCH_STOPPING,
        segments: segments.map((arms, s) => ({ segment: `s${s}`, arms })),
        seed,
        credibleIntervals: withEstimates,
        windowMinutes,
      });
      return result.segments.map((segment) => ({
        weights: segment.weights,
        winner: segment.winner === null ? null : channels.indexOf(segment.winner),
        ...(withEstimates
          ? { estimates: segment.arms.map((arm) => ({ mean: arm.posteriorMean, lo: arm.credibleInterval?.[0] ?? 0, hi: arm.credibleInterval?.[1] ?? 1 })) }
          : {}),
      }));
    },
  };
}

/** GrowthBook-style peer constants. */
const PEER_FLOOR = 0.01;
const PEER_BURN_IN_SENDS = 100;

/**
 * A GrowthBook-style bandit: per segment, Gaussian Thompson sampling where
 * every exposed send is a trial with the conversions seen so far; P(best) by
 * 10,000 Monte Carlo draws; additive 1 % floor; uniform until every arm has
 * 100 sends. The standard normal draws are generated once per run (seeded)
 * and reused at each update (common random numbers), to keep the benchmark fast.
 */
function growthBookPeer(channels: readonly Channel[], runSeed: number): SimPolicy {
  const armCount = channels.length;
  const rng = createSeededRng(runSeed ^ 0x5eed);
  const normal = createNormalSampler(rng);
  const z = Float64Array.from({ length: MONTE_CARLO_DRAWS * armCount }, () => normal());
  return {
    name: 'growthbook_peer',
    allocate(segments) {
      return segments.map((arms) => {
        const inBurnIn = arms.some((arm) => arm.sends < PEER_BURN_IN_SENDS);
        const means = arms.map((arm) => (arm.sends > 0 ? arm.successes / arm.sends : 0));
        const sds = arms.map((arm, i) => {
          const m = means[i] ?? 0;
          return arm.sends > 0 ? Math.sqrt(Math.max(m * (1 - m), 1e-6) / arm.sends) : 1;
        });
        let draw = 0;
        const best = monteCarloBest(armCount, MONTE_CARLO_DRAWS, (arm) => (means[arm] ?? 0) + (sds[arm] ?? 0) * (z[draw++] ?? 0));
        const raw = inBurnIn ? channels.map(() => 1 / armCount) : best.probabilityBest;
        const shares = applyFloor(raw, PEER_FLOOR);
        const weights: Partial<Record<Channel, number>> = {};
        channels.forEach((c, i) => (weights[c] = shares[i] ?? 0));
        return { weights, winner: inBurnIn ? null : evaluateStopping(best, BENCH_STOPPING).winner };
      });
    },
  };
}

/** Names of the compared policies, in report order. */
export const POLICY_NAMES = ['uniform', 'epsilon_greedy', 'thompson_independent', 'growthbook_peer', 'default'] as const;
/** A compared policy's name. */
export type PolicyName = (typeof POLICY_NAMES)[number];

/**
 * Builds a compared policy.
 *
 * @param name - which policy.
 * @param channels - the experiment's channels.
 * @param runSeed - the run's seed (the peer derives its draws from it).
 * @param windowMinutes - the attribution window (the delay model needs it).
 * @returns the policy.
 */
export function makePolicy(name: PolicyName, channels: readonly Channel[], runSeed: number, windowMinutes: number): SimPolicy {
  switch (name) {
    case 'uniform':
      return productPolicy(name, { type: 'uniform', minShare: 0, burnIn: 0, holdout: 0, sharing: false }, channels, windowMinutes);
    case 'epsilon_greedy':
      return productPolicy(name, { type: 'epsilon_greedy', epsilon: 0.1, minShare: 0, burnIn: DEFAULT_POLICY.burnIn, holdout: 0, sharing: false }, channels, windowMinutes);
    case 'thompson_independent':
      return productPolicy(name, { ...DEFAULT_POLICY, sharing: false }, channels, windowMinutes);
    case 'growthbook_peer':
      return growthBookPeer(channels, runSeed);
    case 'default':
      return productPolicy(name, DEFAULT_POLICY, channels, windowMinutes);
  }
}
