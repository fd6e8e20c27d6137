/**
 * The policies compared by the benchmark. All but the GrowthBook-style peer go
 * through the product's `computeAllocation`.
 */
import type { ArmStatistics, BanditPolicy, Channel, ChannelWeights, StoppingRule } from '../../shared/domain/bandit';
import type { CohortOutcome } from '../../shared/domain/bandit';
import { computeAllocation, DEFAULT_POLICY, detectRateChange, evaluateStopping, monteCarloBest, MONTE_CARLO_DRAWS } from '../../shared/domain/bandit';
import { createNormalSampler, createSeededRng } from '../../shared/domain/random';
import { reportedEstimates } from '../../shared/domain/results/reported-estimate';

/** One segment's allocation as the simulator needs it. */
export interface SimAllocation {
  readonly weights: ChannelWeights;
  readonly winner: number | null;
  /** Per arm (channel order), when asked for: the rate and 95 % interval the results report ({@link reportedEstimates}). */
  readonly estimates?: readonly { readonly mean: number; readonly lo: number; readonly hi: number }[];
}

/**
 * Per-period counts (a period is the time between two allocation updates, as GrowthBook's
 * bandit periods), indexed `[period · armsPerPeriod + segment · K + arm]`: the sends of the
 * period and the conversions seen so far among them.
 */
export interface PeriodData {
  /** Periods so far. */
  readonly count: number;
  /** Periods whose sends have all matured (the first `maturedCount`). */
  readonly maturedCount: number;
  /** Entries per period (segments × arms). */
  readonly armsPerPeriod: number;
  /** Sends per period and arm. */
  readonly sends: Float64Array;
  /** Conversions seen so far among those sends. */
  readonly successes: Float64Array;
}

/** A policy: from all segments' statistics to per-segment weights and winners. */
export interface SimPolicy {
  readonly name: string;
  allocate(segments: ReadonlyArray<readonly ArmStatistics[]>, seed: number, withEstimates?: boolean, periods?: PeriodData): SimAllocation[];
}

/** The stopping rule used for every policy in the benchmark. */
export const BENCH_STOPPING: StoppingRule = { probabilityBest: 0.95, maxExpectedLoss: 0.001 };

function productPolicy(name: string, policy: BanditPolicy, channels: readonly Channel[], windowMinutes: number): SimPolicy {
  const resets = new Map<number, number>();
  return {
    name,
    allocate(segments, seed, withEstimates = false, periods) {
      const detected = policy.changeDetection === true && periods !== undefined ? segments.map((arms, s) => arms.map((arm, k) => sinceLastChange(arm, s * channels.length + k, periods, resets))) : segments;
      const result = computeAllocation({
        channels,
        policy,
        stopping: BENCH_STOPPING,
        segments: detected.map((arms, s) => ({ segment: `s${s}`, arms })),
        seed,
        credibleIntervals: false,
        windowMinutes,
      });
      const reported = withEstimates ? reportedEstimates({ channels, segments: detected.map((arms, s) => ({ segment: `s${s}`, arms })), windowMinutes }) : [];
      return result.segments.map((segment, s) => ({
        weights: segment.weights,
        winner: segment.winner === null ? null : channels.indexOf(segment.winner),
        ...(withEstimates ? { estimates: (reported[s] ?? []).map((estimate) => ({ mean: estimate.rate, lo: estimate.ci95[0], hi: estimate.ci95[1] })) } : {}),
      }));
    },
  };
}

/**
 * Change detection as the allocator applies it: the arm's matured cohorts since its last reset
 * are tested ({@link detectRateChange}); on a change the reset moves to the change point, and the
 * arm's statistics keep only the cohorts since (open sends are all younger than any matured
 * cohort, so they stay). The matured delay histogram is scaled to the kept responses.
 */
function sinceLastChange(arm: ArmStatistics, index: number, periods: PeriodData, resets: Map<number, number>): ArmStatistics {
  let reset = resets.get(index) ?? 0;
  const series: CohortOutcome[] = [];
  for (let p = reset; p < periods.maturedCount; p += 1) {
    series.push({ sends: periods.sends[p * periods.armsPerPeriod + index] ?? 0, successes: periods.successes[p * periods.armsPerPeriod + index] ?? 0 });
  }
  const change = detectRateChange(series);
  if (change !== null) {
    reset += change.index;
    resets.set(index, reset);
  }
  if (reset === 0) return arm;
  // The adaptive weights cover every cohort: without them the reported estimate uses the kept counts.
  const { adaptiveWeights: _allCohorts, ...kept } = arm;
  let maturedSends = 0;
  let maturedSuccesses = 0;
  for (let p = reset; p < periods.maturedCount; p += 1) {
    maturedSends += periods.sends[p * periods.armsPerPeriod + index] ?? 0;
    maturedSuccesses += periods.successes[p * periods.armsPerPeriod + index] ?? 0;
  }
  const allMatured = arm.maturedDelayHistogram.reduce((a, b) => a + b, 0);
  // (a hair under the ratio, so that float rounding never puts more responses in the histogram than in `successes`)
  const scale = allMatured > 0 ? (maturedSuccesses / allMatured) * (1 - 1e-9) : 0;
  return {
    ...kept,
    sends: maturedSends + (arm.sends - arm.maturedSends),
    maturedSends,
    successes: maturedSuccesses + (arm.successes - allMatured),
    maturedDelayHistogram: arm.maturedDelayHistogram.map((count) => count * scale),
  };
}

/** GrowthBook's `min_variation_weight`. */
const PEER_FLOOR = 0.01;
/** GrowthBook's burn-in: weights stay as they are until every variation has this many units. */
const PEER_BURN_IN_UNITS = 100;
/** GrowthBook's `GaussianPrior` for bandits: mean 0, variance 10⁴, proper. */
const PEER_PRIOR_VARIANCE = 1e4;
/** Minutes of GrowthBook's optional explore stage (uniform weights) in `growthbook_peer_explore`. */
const PEER_EXPLORE_MINUTES = 24 * 60;

/**
 * GrowthBook's bandit (`packages/stats/gbstats/bayesian/bandits.py` with the per-period rows its
 * SQL produces), per segment:
 * - per period p (the time between weight updates) and arm: units n_pa exposed in p, and the
 *   conversions seen so far among them (every exposed unit is a trial; no late-response
 *   correction), mean m_pa = c_pa / n_pa (0 when n_pa = 0) and variance m_pa(1 − m_pa);
 * - `weight_by_period`: w_p = n_p / N (the period's share of the segment's units); the arm's mean
 *   is Σ_p w_p m_pa and the variance of that mean Σ_{p: n_pa > 0} w_p² m_pa(1 − m_pa)/n_pa (a
 *   period with 0 or 1 unit adds nothing);
 * - posterior with the proper prior N(0, 10⁴): precision 10⁻⁴ + 1/variance (the data add no
 *   precision while the variance is 0, e.g. before a first conversion);
 * - P(best) by 10,000 Gaussian draws (`top_two` off), weights below `min_variation_weight`
 *   (1 %) raised to it and all renormalised (`p[p < 0.01] = 0.01; p /= sum(p)`, as the code does);
 * - weights change only once every variation has 100 units (`enough_units`);
 * - optional explore stage: uniform weights for the first day (`growthbook_peer_explore`).
 * The standard normal draws are generated once per run (seeded) and reused at each update
 * (common random numbers), to keep the benchmark fast.
 */
function growthBookPeer(name: string, channels: readonly Channel[], runSeed: number, exploreMinutes: number, updateEveryMinutes: number): SimPolicy {
  const armCount = channels.length;
  const rng = createSeededRng(runSeed ^ 0x5eed);
  const normal = createNormalSampler(rng);
  const z = Float64Array.from({ length: MONTE_CARLO_DRAWS * armCount }, () => normal());
  let previous: Partial<Record<Channel, number>>[] = [];
  return {
    name,
    allocate(segments, _seed, _withEstimates, periods) {
      const exploring = periods !== undefined && periods.count * updateEveryMinutes < exploreMinutes;
      const result = segments.map((arms, s) => {
        const uniform = Object.fromEntries(channels.map((c) => [c, 1 / armCount])) as Partial<Record<Channel, number>>;
        const enoughUnits = arms.every((arm) => arm.sends >= PEER_BURN_IN_UNITS);
        if (!enoughUnits || exploring || periods === undefined) return { weights: previous[s] ?? uniform, winner: null };
        const { means, variances } = periodWeightedMoments(periods, s, armCount);
        const posteriorMeans = means.map((m, i) => {
          const dataPrecision = (variances[i] ?? 0) > 0 ? 1 / (variances[i] as number) : 0;
          return (dataPrecision * m) / (1 / PEER_PRIOR_VARIANCE + dataPrecision);
        });
        const posteriorSds = variances.map((v) => Math.sqrt(1 / (1 / PEER_PRIOR_VARIANCE + (v > 0 ? 1 / v : 0))));
        let draw = 0;
        const best = monteCarloBest(armCount, MONTE_CARLO_DRAWS, (arm) => (posteriorMeans[arm] ?? 0) + (posteriorSds[arm] ?? 0) * (z[draw++] ?? 0));
        const clipped = best.probabilityBest.map((p) => Math.max(p, PEER_FLOOR));
        const total = clipped.reduce((a, b) => a + b, 0);
        const weights: Partial<Record<Channel, number>> = {};
        channels.forEach((c, i) => (weights[c] = (clipped[i] ?? 0) / total));
        return { weights, winner: evaluateStopping(best, BENCH_STOPPING).winner };
      });
      previous = result.map((r) => r.weights);
      return result;
    },
  };
}

/** GrowthBook's period-weighted mean and variance of the mean, per arm of segment `s`. */
function periodWeightedMoments(periods: PeriodData, s: number, armCount: number): { means: number[]; variances: number[] } {
  const means = new Array<number>(armCount).fill(0);
  const variances = new Array<number>(armCount).fill(0);
  let total = 0;
  for (let p = 0; p < periods.count; p += 1) for (let k = 0; k < armCount; k += 1) total += periods.sends[p * periods.armsPerPeriod + s * armCount + k] ?? 0;
  if (total === 0) return { means, variances };
  for (let p = 0; p < periods.count; p += 1) {
    let periodUnits = 0;
    for (let k = 0; k < armCount; k += 1) periodUnits += periods.sends[p * periods.armsPerPeriod + s * armCount + k] ?? 0;
    if (periodUnits === 0) continue;
    const w = periodUnits / total;
    for (let k = 0; k < armCount; k += 1) {
      const index = p * periods.armsPerPeriod + s * armCount + k;
      const n = periods.sends[index] ?? 0;
      if (n === 0) continue;
      const m = (periods.successes[index] ?? 0) / n;
      means[k] = (means[k] ?? 0) + w * m;
      variances[k] = (variances[k] ?? 0) + (w * w * m * (1 - m)) / n;
    }
  }
  return { means, variances };
}

/** Names of the compared policies, in report order. */
export const POLICY_NAMES = ['uniform', 'epsilon_greedy', 'thompson_independent', 'growthbook_peer', 'growthbook_peer_explore', 'default'] as const;
/** A compared policy's name. */
export type PolicyName = (typeof POLICY_NAMES)[number];

/**
 * Builds a compared policy.
 *
 * @param name - which policy.
 * @param channels - the experiment's channels.
 * @param runSeed - the run's seed (the peer derives its draws from it).
 * @param windowMinutes - the attribution window (the delay model needs it).
 * @param updateEveryMinutes - the update cadence (a GrowthBook period).
 * @returns the policy.
 */
export function makePolicy(name: PolicyName, channels: readonly Channel[], runSeed: number, windowMinutes: number, updateEveryMinutes: number): SimPolicy {
  switch (name) {
    case 'uniform':
      return productPolicy(name, { type: 'uniform', minShare: 0, burnIn: 0, holdout: 0, sharing: false }, channels, windowMinutes);
    case 'epsilon_greedy':
      return productPolicy(name, { type: 'epsilon_greedy', epsilon: 0.1, minShare: 0, burnIn: DEFAULT_POLICY.burnIn, holdout: 0, sharing: false }, channels, windowMinutes);
    case 'thompson_independent':
      return productPolicy(name, { ...DEFAULT_POLICY, sharing: false }, channels, windowMinutes);
    case 'growthbook_peer':
      return growthBookPeer(name, channels, runSeed, 0, updateEveryMinutes);
    case 'growthbook_peer_explore':
      return growthBookPeer(name, channels, runSeed, PEER_EXPLORE_MINUTES, updateEveryMinutes);
    case 'default':
      return productPolicy(name, DEFAULT_POLICY, channels, windowMinutes);
  }
}
