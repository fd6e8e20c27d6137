import * as z from 'zod';
import { DEFAULT_EPSILON, DEFAULT_POLICY, DEFAULT_STOPPING, type PolicyType } from '../bandit/policy';
import { MAX_HOLDOUT } from './limits';

export { DEFAULT_EPSILON, MAX_HOLDOUT };

/** Allocation policies. */
export const POLICY_TYPES = ['thompson', 'uniform', 'epsilon_greedy'] as const satisfies readonly PolicyType[];
export type { PolicyType };

/** Default minimum traffic share per arm (additive floor), as tuned by the regret benchmark. */
export const DEFAULT_MIN_SHARE = DEFAULT_POLICY.minShare;
/** Default sends (exposures) per arm before leaving the uniform burn-in (tuned: none; see docs/bandit.md). */
export const DEFAULT_BURN_IN = DEFAULT_POLICY.burnIn;
/**
 * Default share of decisions held out (no message). The bandit's benchmark runs without one;
 * the product holds out 5 % by default so that the lift of messaging at all is measured.
 */
export const DEFAULT_HOLDOUT = 0.05;
/** Change detection per segment and channel is on unless the policy turns it off (docs/bandit.md). */
export const DEFAULT_CHANGE_DETECTION = DEFAULT_POLICY.changeDetection ?? true;
/** Default minutes between allocation updates. */
export const DEFAULT_UPDATE_EVERY_MINUTES = 15;
/** Shortest allowed update cadence. */
export const MIN_UPDATE_EVERY_MINUTES = 1;
/** Default P(best) for declaring a winner. */
export const DEFAULT_PROBABILITY_BEST = DEFAULT_STOPPING.probabilityBest;
/** Default largest expected loss (absolute rate) for declaring a winner. */
export const DEFAULT_MAX_EXPECTED_LOSS = DEFAULT_STOPPING.maxExpectedLoss;

/** How traffic is split between channels within a segment. */
export const PolicySchema = z
  .strictObject({
    type: z.enum(POLICY_TYPES).default('thompson'),
    minShare: z.number().min(0, 'minShare must be ≥ 0').max(0.5, 'minShare must be ≤ 0.5').default(DEFAULT_MIN_SHARE),
    burnIn: z.int('burnIn must be a whole number').min(0).max(1_000_000).default(DEFAULT_BURN_IN),
    holdout: z.number().min(0, 'holdout must be ≥ 0').max(MAX_HOLDOUT, `holdout must be ≤ ${MAX_HOLDOUT}`).default(DEFAULT_HOLDOUT),
    updateEveryMinutes: z
      .number()
      .min(MIN_UPDATE_EVERY_MINUTES, `updateEveryMinutes must be ≥ ${MIN_UPDATE_EVERY_MINUTES}`)
      .max(24 * 60, 'updateEveryMinutes must be ≤ 1440')
      .default(DEFAULT_UPDATE_EVERY_MINUTES),
    epsilon: z.number().gt(0, 'epsilon must be > 0').max(1, 'epsilon must be ≤ 1').optional(),
    sharing: z.boolean().default(true),
    changeDetection: z
      .boolean('changeDetection must be true or false')
      .default(DEFAULT_CHANGE_DETECTION)
      .describe("Detect when a channel's response rate changes in a segment and count only the evidence since (default true)"),
  })
  .superRefine((policy, ctx) => {
    if (policy.epsilon !== undefined && policy.type !== 'epsilon_greedy') {
      ctx.addIssue({ code: 'custom', path: ['epsilon'], message: 'epsilon applies only to policy type "epsilon_greedy"' });
    }
  })
  .transform((policy) =>
    policy.type === 'epsilon_greedy' ? { ...policy, epsilon: policy.epsilon ?? DEFAULT_EPSILON } : policy,
  );
/** A policy with defaults applied. */
export type Policy = z.output<typeof PolicySchema>;

/** When a segment's winner is declared. */
export const StoppingSchema = z.strictObject({
  probabilityBest: z.number().gt(0.5, 'probabilityBest must be > 0.5').lt(1, 'probabilityBest must be < 1').default(DEFAULT_PROBABILITY_BEST),
  maxExpectedLoss: z.number().min(0).max(1).default(DEFAULT_MAX_EXPECTED_LOSS),
  /** After a winner: keep exploiting it (floor kept) or keep learning with the bandit. */
  onWinner: z.enum(['exploit', 'keep_learning']).default('exploit'),
});
/** Stopping rule with defaults applied. */
export type Stopping = z.output<typeof StoppingSchema>;
