/**
 * The allocator's main entry: from every segment's arm statistics, the policy
 * and the stopping rule, the traffic split of each segment and the statistics
 * reported with it. Pure and seeded: the same input and seed give the same
 * result.
 */
import { createSeededRng, deriveSeed, normaliseSeed } from '../random';
import type { ArmStatistics } from './arm-statistics';
import { assertValidArmStatistics, emptyArmStatistics } from './arm-statistics';
import type { BetaPosterior } from './beta-posterior';
import { credibleInterval, posteriorMean, UNIFORM_PRIOR, updatePosterior } from './beta-posterior';
import type { DelayDistribution, Evidence } from './delay-correction';
import { effectiveEvidence, estimateDelayDistribution, estimateProvisionalDelayDistribution } from './delay-correction';
import type { ChannelWeights } from './decide';
import { MAX_PRIOR_STRENGTH } from './empirical-bayes';
import type { DelayPosterior, DelayPrior } from './delay-model';
import { CHANNEL_DELAY_PRIORS, estimateDelayPosterior, evidenceUnderDelayPosterior } from './delay-model';
import { sharedPosteriors } from './hierarchical-prior';
import type { PriorCentre } from './segment-level';
import { segmentLevelCentres } from './segment-level';
import { structuredPosteriors } from './structured-prior';
import { epsilonGreedyWeights } from './epsilon-greedy';
import { applyFloor, floorShare } from './floor';
import type { BanditPolicy, Channel, StoppingRule } from './policy';
import { assertValidPolicy, assertValidStopping, DEFAULT_EPSILON } from './policy';
import type { BestArmEstimate } from './probability-best';
import { betaProbabilityBest, betaProbabilityBestExact, MONTE_CARLO_DRAWS } from './probability-best';
import { evaluateStopping } from './stopping';
import { thompsonWeights } from './thompson';
import { isUnreachedArm } from './unreached-arm';
import { uniformWeights } from './uniform';

/**
 * Matured sends every arm of a segment needs before a winner can be declared,
 * whatever the burn-in: a winner rests on outcomes that are final.
 */
export const MIN_MATURED_SENDS_TO_STOP = 100;

/** One segment's arm statistics. */
export interface SegmentStatistics {
  readonly segment: string;
  /** One entry per channel; a missing channel counts as an arm with nothing yet. */
  readonly arms: readonly ArmStatistics[];
}

/** Everything {@link computeAllocation} needs for one experiment. */
export interface AllocationInput {
  /** The experiment's channels (the arms), 2..8, in a stable order. */
  readonly channels: readonly Channel[];
  /** The allocation policy. */
  readonly policy: BanditPolicy;
  /** The stopping rule. */
  readonly stopping: StoppingRule;
  /** Arm statistics of every segment. */
  readonly segments: readonly SegmentStatistics[];
  /** Seed of this allocation (store it with the result); each segment derives its own from it. */
  readonly seed: number;
  /**
   * How P(best) and expected loss are computed: `integration` (default:
   * deterministic numerical integration, accurate to about 1e-4) or
   * `monte_carlo` (seeded draws).
   */
  readonly method?: 'integration' | 'monte_carlo';
  /** Monte Carlo draws when `method` is `monte_carlo` (default and minimum {@link MONTE_CARLO_DRAWS}). */
  readonly draws?: number;
  /** Cap on the shared prior strength, in pseudo-sends (default {@link MAX_PRIOR_STRENGTH}). */
  readonly maxPriorStrength?: number;
  /** Compute 95 % credible intervals (default true; the benchmark skips them for speed). */
  readonly credibleIntervals?: boolean;
  /**
   * The attribution window, in minutes. With it, open sends count through the delay model (a
   * log-normal delay distribution per channel with a prior, updated by every response seen,
   * censoring-aware, pooled over segments; its uncertainty widens the intervals). Without it,
   * the older empirical correction applies (matured delays, then a provisional life table).
   */
  readonly windowMinutes?: number;
  /** Delay priors per channel (default {@link CHANNEL_DELAY_PRIORS}). */
  readonly delayPriors?: Readonly<Partial<Record<Channel, DelayPrior>>>;
}

/** The statistics of one arm in one segment, as reported. */
export interface ArmAllocation {
  readonly channel: Channel;
  /** Traffic share among messaged decisions (sum 1 over arms, floor applied: {@link floorShare}). */
  readonly weight: number;
  /** Posterior probability of being the best arm. */
  readonly probabilityBest: number;
  /** Expected loss of choosing this arm, in rate points. */
  readonly expectedLoss: number;
  /** Posterior mean rate. */
  readonly posteriorMean: number;
  /** 95 % equal-tailed credible interval of the rate (`null` if not computed). */
  readonly credibleInterval: readonly [number, number] | null;
  /** The prior the posterior started from (shared or uniform). */
  readonly prior: BetaPosterior;
  readonly posterior: BetaPosterior;
  /** Successes and effective trials after the late-response correction. */
  readonly evidence: Evidence;
  /** Raw counters. */
  readonly sends: number;
  /** Raw counters. */
  readonly maturedSends: number;
  /** Raw counters. */
  readonly successes: number;
}

/** The allocation of one segment. */
export interface SegmentAllocation {
  readonly segment: string;
  /** The seed of this segment's random stream (derived from the allocation seed and the segment id; used by `monte_carlo`). */
  readonly seed: number;
  /** Traffic share per channel among messaged decisions; sums to 1. */
  readonly weights: ChannelWeights;
  /** Share of decisions held out (no message). */
  readonly holdoutShare: number;
  /** True while some arm has fewer than `burnIn` sends (exposures; traffic is uniform then). */
  readonly inBurnIn: boolean;
  /** The winner by the stopping rule (never in burn-in nor before {@link MIN_MATURED_SENDS_TO_STOP} matured sends per arm), or `null`. */
  readonly winner: Channel | null;
  /** The arm with the highest P(best). */
  readonly leader: Channel;
  /** Per-arm statistics, in the experiment's channel order. */
  readonly arms: readonly ArmAllocation[];
}

/** The result for one experiment. */
export interface Allocation {
  /** The seed of this allocation. */
  readonly seed: number;
  /** The policy type used. */
  readonly policy: BanditPolicy['type'];
  /** Per segment, in input order. */
  readonly segments: readonly SegmentAllocation[];
  /** Per channel: responses behind its delay distribution (0 = matured-only evidence or prior only). */
  readonly delaySampleSize: Readonly<Partial<Record<Channel, number>>>;
  /** Per channel, with the delay model: the posterior median delay, in minutes. */
  readonly delayMedianMinutes: Readonly<Partial<Record<Channel, number>>>;
}

/**
 * Computes the allocation of one experiment.
 *
 * Steps: (1) per channel, the response-delay distribution from matured sends
 * of all segments; (2) per arm, evidence corrected for late responses;
 * (3) per channel, the shared empirical-Bayes prior (or Beta(1, 1) without
 * sharing): centred on the channel's pooled rate or on the segment's level times the channel's
 * factor, whichever the matured outcomes support ({@link structuredPosteriors}); (4) per segment, posteriors, P(best) and expected loss (numerical
 * integration, or seeded Monte Carlo), the policy's weights (uniform during burn-in), the stopping
 * verdict, and the floor `p_i = f + (1 − K·f)·w_i` (f = `minShare`, a quarter of it once the
 * segment has a winner: {@link floorShare}).
 *
 * @param input - channels, policy, stopping rule, statistics and seed.
 * @returns weights and statistics per segment.
 */
export function computeAllocation(input: AllocationInput): Allocation {
  const { channels, policy, stopping } = input;
  assertValidPolicy(policy, channels.length);
  assertValidStopping(stopping);
  if (new Set(channels).size !== channels.length) throw new RangeError('channels must be distinct');
  const draws = Math.max(MONTE_CARLO_DRAWS, input.draws ?? MONTE_CARLO_DRAWS);
  const seed = normaliseSeed(input.seed);

  const table = input.segments.map((segment) => alignArms(segment, channels));

  const delaySampleSize: Partial<Record<Channel, number>> = {};
  const delayMedianMinutes: Partial<Record<Channel, number>> = {};
  const evidenceOf = channelEvidence(input, table, delaySampleSize, delayMedianMinutes);
  const evidence = table.map((arms) => arms.map((arm, c) => (evidenceOf[c] as (arm: ArmStatistics) => Evidence)(arm)));

  // Sharing sees the channel × segment structure; its spread is weighed on final outcomes only.
  const matured = table.map((arms) => arms.map(maturedEvidence));
  const centres = policy.sharing ? segmentLevelCentres(evidence) : null;
  const maturedCentres = policy.sharing ? segmentLevelCentres(matured) : null;
  const channelPosteriors = channels.map((_, c) => {
    const column = evidence.map((row) => row[c] as Evidence);
    if (policy.sharing && centres !== null) {
      return structuredPosteriors(
        { evidence: column, centres: centres.map((row) => row[c] as PriorCentre), matured: matured.map((row) => row[c] as Evidence), maturedCentres: maturedCentres?.map((row) => row[c] as PriorCentre) ?? null },
        input.maxPriorStrength ?? MAX_PRIOR_STRENGTH,
      );
    }
    if (policy.sharing) return sharedPosteriors(column, input.maxPriorStrength ?? MAX_PRIOR_STRENGTH);
    return { priors: column.map(() => UNIFORM_PRIOR), posteriors: column.map((e) => updatePosterior(UNIFORM_PRIOR, e)) };
  });

  const segments = input.segments.map((segment, s): SegmentAllocation => {
    const arms = table[s] as ArmStatistics[];
    const segmentEvidence = evidence[s] as Evidence[];
    const segmentSeed = deriveSeed(seed, segment.segment);
    const rng = createSeededRng(segmentSeed);
    const posteriors = channels.map((_, c) => channelPosteriors[c]?.posteriors[s] as BetaPosterior);
    const priors = channels.map((_, c) => channelPosteriors[c]?.priors[s] as BetaPosterior);
    const means = posteriors.map(posteriorMean);
    // Arms nobody in the segment can receive are left out of P(best), burn-in and stopping.
    const segmentSends = arms.reduce((sum, arm) => sum + arm.sends, 0);
    const reached = arms.map((arm) => !isUnreachedArm(arm.sends, segmentSends));
    const kept = reached.flatMap((isReached, c) => (isReached ? [c] : []));
    const computeBest = (subset: readonly BetaPosterior[]) => (input.method === 'monte_carlo' ? betaProbabilityBest(subset, rng, draws) : betaProbabilityBestExact(subset));
    const best = kept.length === arms.length ? computeBest(posteriors) : expandBest(computeBest(kept.map((c) => posteriors[c] as BetaPosterior)), kept, arms.length);
    const reachedArms = arms.filter((_, c) => reached[c]);
    const inBurnIn = reachedArms.some((arm) => arm.sends < policy.burnIn);
    const raw = inBurnIn ? reached.map((isReached) => (isReached ? 1 / kept.length : 0)) : policyWeights(policy, best.probabilityBest, means, reached);
    const canStop = !inBurnIn && kept.length >= 2 && reachedArms.every((arm) => arm.maturedSends >= MIN_MATURED_SENDS_TO_STOP);
    const verdict = evaluateStopping(best, stopping, canStop);
    const shares = applyFloor(raw, floorShare(policy.minShare, verdict.winner !== null));
    const weights: Partial<Record<Channel, number>> = {};
    channels.forEach((channel, c) => {
      weights[channel] = shares[c] as number;
    });
    return {
      segment: segment.segment,
      seed: segmentSeed,
      weights,
      holdoutShare: policy.holdout,
      inBurnIn,
      winner: verdict.winner === null ? null : (channels[verdict.winner] as Channel),
      leader: channels[verdict.leader] as Channel,
      arms: channels.map((channel, c): ArmAllocation => {
        const arm = arms[c] as ArmStatistics;
        const posterior = posteriors[c] as BetaPosterior;
        return {
          channel,
          weight: shares[c] as number,
          probabilityBest: best.probabilityBest[c] as number,
          expectedLoss: best.expectedLoss[c] as number,
          posteriorMean: means[c] as number,
          credibleInterval: input.credibleIntervals === false ? null : credibleInterval(posterior),
          prior: priors[c] as BetaPosterior,
          posterior,
          evidence: segmentEvidence[c] as Evidence,
          sends: arm.sends,
          maturedSends: arm.maturedSends,
          successes: arm.successes,
        };
      }),
    };
  });

  return { seed, policy: policy.type, segments, delaySampleSize, delayMedianMinutes };
}

/**
 * Per channel, how an arm's counters become evidence: through the delay model when the window
 * is known, else through the empirical correction.
 */
function channelEvidence(
  input: AllocationInput,
  table: readonly ArmStatistics[][],
  delaySampleSize: Partial<Record<Channel, number>>,
  delayMedianMinutes: Partial<Record<Channel, number>>,
): ((arm: ArmStatistics) => Evidence)[] {
  return input.channels.map((channel, c) => {
    const channelArms = table.map((arms) => arms[c] as ArmStatistics);
    if (input.windowMinutes !== undefined && input.windowMinutes > 0) {
      const prior = input.delayPriors?.[channel] ?? CHANNEL_DELAY_PRIORS[channel];
      const posterior: DelayPosterior = estimateDelayPosterior(channelArms, input.windowMinutes, prior);
      delaySampleSize[channel] = posterior.sampleSize;
      delayMedianMinutes[channel] = posterior.medianMinutes;
      return (arm) => evidenceUnderDelayPosterior(arm, posterior);
    }
    const delay: DelayDistribution | null =
      estimateDelayDistribution(channelArms.map((arm) => arm.maturedDelayHistogram)) ?? estimateProvisionalDelayDistribution(channelArms);
    delaySampleSize[channel] = delay?.sampleSize ?? 0;
    return (arm) => effectiveEvidence(arm, delay);
  });
}

/** The policy's raw weights (before the floor); unreached arms get none. */
function policyWeights(policy: BanditPolicy, probabilityBest: readonly number[], means: readonly number[], reached: readonly boolean[]): number[] {
  const kept = reached.flatMap((isReached, c) => (isReached ? [c] : []));
  const spread = (subset: readonly number[]): number[] => {
    const out = new Array<number>(means.length).fill(0);
    kept.forEach((c, i) => (out[c] = subset[i] as number));
    return out;
  };
  switch (policy.type) {
    case 'uniform':
      return spread(uniformWeights(kept.length));
    case 'epsilon_greedy':
      return spread(epsilonGreedyWeights(kept.map((c) => means[c] as number), policy.epsilon ?? DEFAULT_EPSILON));
    case 'thompson':
      return thompsonWeights({ probabilityBest, expectedLoss: [] });
  }
}

/** P(best) and expected loss over the kept arms, spread back to every arm (0 and the kept arms' largest loss for the others). */
function expandBest(subset: BestArmEstimate, kept: readonly number[], armCount: number): BestArmEstimate {
  const probabilityBest = new Array<number>(armCount).fill(0);
  const largestLoss = Math.max(0, ...subset.expectedLoss);
  const expectedLoss = new Array<number>(armCount).fill(largestLoss);
  kept.forEach((c, i) => {
    probabilityBest[c] = subset.probabilityBest[i] as number;
    expectedLoss[c] = subset.expectedLoss[i] as number;
  });
  return { probabilityBest, expectedLoss };
}

/** An arm's final outcomes: its matured sends and their responses. */
function maturedEvidence(arm: ArmStatistics): Evidence {
  return { successes: arm.maturedDelayHistogram.reduce((sum, count) => sum + count, 0), trials: arm.maturedSends };
}

/** The segment's arms in channel order, validated; missing channels are empty arms. */
function alignArms(segment: SegmentStatistics, channels: readonly Channel[]): ArmStatistics[] {
  const byChannel = new Map<Channel, ArmStatistics>();
  for (const arm of segment.arms) {
    if (!channels.includes(arm.channel)) throw new RangeError(`segment ${segment.segment}: ${arm.channel} is not a channel of the experiment`);
    if (byChannel.has(arm.channel)) throw new RangeError(`segment ${segment.segment}: ${arm.channel} appears twice`);
    assertValidArmStatistics(arm);
    byChannel.set(arm.channel, arm);
  }
  return channels.map((channel) => byChannel.get(channel) ?? emptyArmStatistics(channel));
}
