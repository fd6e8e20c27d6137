/**
 * Centres for sharing that sees the channel × segment structure. Segments often differ by a level
 * of their own (some audiences answer everything more) times a factor per channel (push answers
 * more than email, everywhere). Fitted by iterative proportional fitting on the evidence, an arm's
 * centre is its channel's factor times its segment's level **estimated from the segment's other
 * arms** (leave one out), so an arm's own data do not pull its prior toward them.
 */
import type { Evidence } from './delay-correction';

/** A prior centre for one arm: its mean, and the variance of that mean's estimate. */
export interface PriorCentre {
  /** Centre of the arm's prior rate. */
  readonly mean: number;
  /** Variance of the centre's estimate. */
  readonly variance: number;
}

/** Iterations of the proportional fit (it settles in a few). */
const FIT_ITERATIONS = 12;
/** Pseudo-responses (expected at the channel factors) that pull a segment's level toward the overall level 1. */
const LEVEL_PSEUDO_RESPONSES = 2;
/** Centres are kept inside [ε, 1 − ε]. */
const RATE_EPSILON = 1e-4;

/**
 * Leave-one-out multiplicative centres: for arm (s, c), `q_c · r_s^(−c)`, where `q_c` is the
 * channel factor and `r_s^(−c)` the segment's level from its other arms, smoothed toward the
 * overall level. The centre's variance is its relative sampling variance, 1 / (the responses
 * behind the level + 1), times its square.
 *
 * @param table - evidence per segment (rows) and channel (columns, the same in every row).
 * @returns a centre per segment and channel, or null when fewer than two segments hold data.
 */
export function segmentLevelCentres(table: readonly (readonly Evidence[])[]): PriorCentre[][] | null {
  const segmentCount = table.length;
  const channelCount = table[0]?.length ?? 0;
  if (channelCount < 2 || table.filter((row) => row.some((e) => e.trials > 0)).length < 2) return null;
  const successes = (s: number, c: number): number => table[s]?.[c]?.successes ?? 0;
  const trials = (s: number, c: number): number => table[s]?.[c]?.trials ?? 0;
  const factors = new Array<number>(channelCount).fill(0);
  const levels = new Array<number>(segmentCount).fill(1);
  /** The segment's level from its arms other than `skip` (−1: all of them). */
  const levelOf = (s: number, skip: number): number => {
    let observed = 0;
    let expected = 0;
    for (let c = 0; c < channelCount; c += 1) {
      if (c === skip) continue;
      observed += successes(s, c);
      expected += trials(s, c) * (factors[c] as number);
    }
    return (observed + LEVEL_PSEUDO_RESPONSES) / (expected + LEVEL_PSEUDO_RESPONSES);
  };
  for (let iteration = 0; iteration < FIT_ITERATIONS; iteration += 1) {
    for (let c = 0; c < channelCount; c += 1) {
      let observed = 0;
      let expected = 0;
      for (let s = 0; s < segmentCount; s += 1) {
        observed += successes(s, c);
        expected += trials(s, c) * (levels[s] as number);
      }
      // Jeffreys-smoothed, so a channel with no data yet has a small positive factor.
      factors[c] = (observed + 0.5) / (expected + 1);
    }
    for (let s = 0; s < segmentCount; s += 1) levels[s] = levelOf(s, -1);
  }
  return table.map((row, s) =>
    row.map((_, c) => {
      let behind = 0;
      for (let other = 0; other < channelCount; other += 1) if (other !== c) behind += successes(s, other);
      const mean = Math.min(1 - RATE_EPSILON, Math.max(RATE_EPSILON, levelOf(s, c) * (factors[c] as number)));
      return { mean, variance: (mean * mean) / (behind + 1) };
    }),
  );
}
