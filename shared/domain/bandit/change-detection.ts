/**
 * Change detection per segment and channel: a generalised likelihood-ratio test for one change
 * point in an arm's matured cohorts (final outcomes only, oldest first). If splitting the series
 * at some cohort explains it better than one rate by more than {@link CHANGE_THRESHOLD_NATS}, the
 * arm's rate has changed there: the allocator then counts only the evidence since the change
 * (older sends no longer count), and the results say when and where.
 *
 * The threshold is high enough that a rate that holds still almost never triggers a reset (a
 * false alarm only forgets history, it does not bias the estimate), so detection is on by
 * default; the benchmark measures what it costs when rates hold (`main`) and what it gains when
 * they move (`shift`, `slow_degradation`).
 */

/** One matured cohort of an arm: its sends and their responses. */
export interface CohortOutcome {
  /** Sends of the cohort. */
  readonly sends: number;
  /** Responses among them (final: the cohort has matured). */
  readonly successes: number;
}

/** A detected change. */
export interface RateChange {
  /** Index of the first cohort after the change. */
  readonly index: number;
  /** Rate before the change (responses / sends). */
  readonly rateBefore: number;
  /** Rate since the change. */
  readonly rateAfter: number;
  /** Log-likelihood ratio of the split, in nats. */
  readonly logLikelihoodRatio: number;
}

/** Log-likelihood ratio (nats) a split must reach to count as a change. */
export const CHANGE_THRESHOLD_NATS = 12;
/** Sends each side of a split needs (a few hundred: rates of a few percent are told apart). */
export const MIN_SENDS_PER_SIDE = 300;
/** Relative change of rate a split must show to count (smaller ones are not worth forgetting history). */
export const MIN_RELATIVE_CHANGE = 0.2;

/** Binomial log-likelihood of s successes in n at rate s/n (0·ln 0 = 0). */
function logLikelihood(successes: number, sends: number): number {
  if (sends <= 0) return 0;
  const failures = sends - successes;
  const rate = successes / sends;
  return (successes > 0 ? successes * Math.log(rate) : 0) + (failures > 0 ? failures * Math.log(1 - rate) : 0);
}

/**
 * The most likely change point of an arm's rate, if the evidence for it is strong enough.
 *
 * @param cohorts - matured cohorts, oldest first.
 * @returns the change, or null when one rate explains the series.
 */
export function detectRateChange(cohorts: readonly CohortOutcome[]): RateChange | null {
  let totalSends = 0;
  let totalSuccesses = 0;
  for (const cohort of cohorts) {
    totalSends += cohort.sends;
    totalSuccesses += cohort.successes;
  }
  if (totalSends < 2 * MIN_SENDS_PER_SIDE) return null;
  const whole = logLikelihood(totalSuccesses, totalSends);
  let best: RateChange | null = null;
  let sendsBefore = 0;
  let successesBefore = 0;
  for (let i = 0; i < cohorts.length - 1; i += 1) {
    sendsBefore += cohorts[i]?.sends ?? 0;
    successesBefore += cohorts[i]?.successes ?? 0;
    const sendsAfter = totalSends - sendsBefore;
    if (sendsBefore < MIN_SENDS_PER_SIDE) continue;
    if (sendsAfter < MIN_SENDS_PER_SIDE) break;
    const successesAfter = totalSuccesses - successesBefore;
    const ratio = logLikelihood(successesBefore, sendsBefore) + logLikelihood(successesAfter, sendsAfter) - whole;
    if (best === null || ratio > best.logLikelihoodRatio) {
      best = { index: i + 1, rateBefore: successesBefore / sendsBefore, rateAfter: successesAfter / sendsAfter, logLikelihoodRatio: ratio };
    }
  }
  if (best === null || best.logLikelihoodRatio < CHANGE_THRESHOLD_NATS) return null;
  const larger = Math.max(best.rateBefore, best.rateAfter);
  if (larger === 0 || Math.abs(best.rateAfter - best.rateBefore) / larger < MIN_RELATIVE_CHANGE) return null;
  return best;
}
