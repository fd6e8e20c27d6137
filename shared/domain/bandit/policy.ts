/**
 * The configuration the bandit takes: the allocation policy and the stopping
 * rule of an experiment. The experiment model validates these (zod) and passes
 * them here as plain values.
 */

import { type Channel, CHANNELS } from '../experiment/channels';
import { MAX_CHANNELS as MAX_ARMS, MAX_HOLDOUT, MIN_CHANNELS as MIN_ARMS } from '../experiment/limits';

/** A delivery channel (an arm of the bandit): the experiment model's channel. */
export type { Channel };
export { CHANNELS, MAX_ARMS, MAX_HOLDOUT, MIN_ARMS };

/** The allocation policies. `thompson` is the default. */
export type PolicyType = 'thompson' | 'uniform' | 'epsilon_greedy';

/** How traffic is split between channels in each segment. */
export interface BanditPolicy {
  /** `thompson` (probability matching, default), `uniform` (classic A/B/n) or `epsilon_greedy`. */
  readonly type: PolicyType;
  /**
   * The additive floor f: every arm gets at least f of the traffic while its segment has no winner,
   * a quarter of f once it has one (`floorShare`); K·f < 1.
   */
  readonly minShare: number;
  /**
   * Sends (exposures) every arm of a segment needs before the segment leaves uniform traffic, as
   * in other tools; a winner still needs matured sends (`MIN_MATURED_SENDS_TO_STOP`).
   */
  readonly burnIn: number;
  /** Share of decisions (0..0.5) that get no message, to measure the lift of messaging at all. */
  readonly holdout: number;
  /** Exploration share of `epsilon_greedy` (default {@link DEFAULT_EPSILON}). */
  readonly epsilon?: number;
  /** Empirical-Bayes sharing of strength between segments (default true). */
  readonly sharing: boolean;
  /**
   * Change detection per segment and channel (`change-detection.ts`): when an arm's matured
   * cohorts show its rate changed, only the evidence since counts. Applied by callers that can
   * give the allocator the arm's cohort series (the allocator run and the benchmark); an experiment
   * turns it off with `policy.changeDetection: false`; default true.
   */
  readonly changeDetection?: boolean;
}

/** When a segment has a winner. */
export interface StoppingRule {
  /** P(best) the leading arm must reach (e.g. 0.95). */
  readonly probabilityBest: number;
  /** Expected loss (absolute rate points, e.g. 0.001 = 0.1 pt) the leading arm must be under. */
  readonly maxExpectedLoss: number;
}

/** Exploration share of `epsilon_greedy` when none is configured. */
export const DEFAULT_EPSILON = 0.1;

/**
 * The default policy: Thompson sampling with empirical-Bayes sharing, a 1 %
 * floor per arm (a quarter of it once a segment has a winner), no burn-in (open sends count from the first hour), no holdout.
 * The figures were tuned with the regret benchmark (docs/bandit.md).
 */
export const DEFAULT_POLICY: BanditPolicy = {
  type: 'thompson',
  minShare: 0.01,
  burnIn: 0,
  holdout: 0,
  sharing: true,
  changeDetection: true,
};

/** The default stopping rule: P(best) ≥ 0.95 and expected loss ≤ 0.001 (a tenth of a percentage point of rate). */
export const DEFAULT_STOPPING: StoppingRule = {
  probabilityBest: 0.95,
  maxExpectedLoss: 0.001,
};

/**
 * Checks a policy against the number of arms; throws a `RangeError` that says
 * what is wrong.
 *
 * @param policy - the policy to check.
 * @param armCount - K, the number of channels of the experiment.
 */
export function assertValidPolicy(policy: BanditPolicy, armCount: number): void {
  if (!Number.isInteger(armCount) || armCount < MIN_ARMS || armCount > MAX_ARMS) {
    throw new RangeError(`an experiment needs ${MIN_ARMS}..${MAX_ARMS} channels, got ${armCount}`);
  }
  if (!(policy.minShare >= 0) || policy.minShare * armCount >= 1) {
    throw new RangeError(`minShare must be ≥ 0 with K·minShare < 1, got ${policy.minShare} for K = ${armCount}`);
  }
  if (!(policy.burnIn >= 0)) throw new RangeError(`burnIn must be ≥ 0, got ${policy.burnIn}`);
  if (!(policy.holdout >= 0 && policy.holdout <= MAX_HOLDOUT)) {
    throw new RangeError(`holdout must be in [0, ${MAX_HOLDOUT}], got ${policy.holdout}`);
  }
  if (policy.epsilon !== undefined && !(policy.epsilon >= 0 && policy.epsilon <= 1)) {
    throw new RangeError(`epsilon must be in [0, 1], got ${policy.epsilon}`);
  }
}

/**
 * Checks a stopping rule; throws a `RangeError` that says what is wrong.
 *
 * @param stopping - the rule to check.
 */
export function assertValidStopping(stopping: StoppingRule): void {
  if (!(stopping.probabilityBest > 0 && stopping.probabilityBest <= 1)) {
    throw new RangeError(`probabilityBest must be in (0, 1], got ${stopping.probabilityBest}`);
  }
  if (!(stopping.maxExpectedLoss >= 0)) {
    throw new RangeError(`maxExpectedLoss must be ≥ 0, got ${stopping.maxExpectedLoss}`);
  }
}
