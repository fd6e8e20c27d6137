/**
 * The bandit allocator's pure core.
 *
 * - The allocator (schedule) calls {@link computeAllocation} with every
 *   segment's {@link ArmStatistics}, and stores the weights and the seed.
 * - The send path calls {@link decide} with a segment's weights, the eligible
 *   channels and the holdout share, and logs the returned propensity.
 * - Results call {@link ipwRate} over logged decisions.
 */
export * from './policy';
export * from './delay-buckets';
export * from './arm-statistics';
export * from './delay-correction';
export * from './beta-posterior';
export * from './beta-quantile';
export * from './log-gamma';
export * from './empirical-bayes';
export * from './probability-best';
export * from './floor';
export * from './uniform';
export * from './thompson';
export * from './epsilon-greedy';
export * from './stopping';
export * from './decide';
export * from './ipw';
export * from './allocation';
export * from './delay-model';
export * from './hierarchical-prior';
export * from './segment-level';
export * from './structured-prior';
export * from './change-detection';
export * from './unreached-arm';
