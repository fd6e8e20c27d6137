/**
 * Where each arm's reported estimate is shrunk to: a segment level times a channel factor, fitted
 * without the arm itself. Shrinking every segment's arm toward its channel's pooled rate (as the
 * allocator's sharing does) drags the arms of a high-rate segment down and those of a low-rate one
 * up; when the high segment's arm is starved (few sends), the drag is not undone, and the channel's
 * reported rate reads low overall (`main` in-app −12 %). A segment level × channel factor keeps a
 * high segment's arms high.
 */
import type { Evidence } from '../bandit';

/** Iterations of the proportional fit (it settles within a few). */
const FIT_ITERATIONS = 12;
/** A segment level starts at, and is pulled toward, this rate by {@link LEVEL_PSEUDO_TRIALS}. */
const LEVEL_PRIOR_RATE = 0.05;
/** Pseudo-trials pulling a segment level toward {@link LEVEL_PRIOR_RATE} (so a segment with no data has one). */
const LEVEL_PSEUDO_TRIALS = 10;
/** Pseudo-trials (at the level) pulling a channel factor toward 1. */
const FACTOR_PSEUDO_TRIALS = 0.5;
/** Centres are kept inside these bounds (a Beta prior needs a rate strictly inside (0, 1)). */
const CENTRE_BOUNDS: readonly [number, number] = [1e-4, 0.95];

/** Segment levels and channel factors of a fit. */
interface Fit {
  readonly levels: readonly number[];
  readonly factors: readonly number[];
}

/**
 * Fits `rate(s, c) ≈ level_s × factor_c` to the evidence by iterative proportional fitting, with
 * one cell left out.
 */
function fitWithout(evidence: readonly (readonly Evidence[])[], skipSegment: number, skipChannel: number): Fit {
  const segments = evidence.length;
  const channels = evidence[0]?.length ?? 0;
  const levels = new Array<number>(segments).fill(LEVEL_PRIOR_RATE);
  const factors = new Array<number>(channels).fill(1);
  const kept = (s: number, c: number): Evidence | null => (s === skipSegment && c === skipChannel ? null : (evidence[s]?.[c] ?? null));
  for (let iteration = 0; iteration < FIT_ITERATIONS; iteration += 1) {
    for (let c = 0; c < channels; c += 1) {
      let successes = FACTOR_PSEUDO_TRIALS * LEVEL_PRIOR_RATE;
      let expected = FACTOR_PSEUDO_TRIALS * LEVEL_PRIOR_RATE;
      for (let s = 0; s < segments; s += 1) {
        const cell = kept(s, c);
        if (cell === null) continue;
        successes += cell.successes;
        expected += (levels[s] as number) * cell.trials;
      }
      factors[c] = successes / expected;
    }
    for (let s = 0; s < segments; s += 1) {
      let successes = LEVEL_PSEUDO_TRIALS * LEVEL_PRIOR_RATE;
      let expected = LEVEL_PSEUDO_TRIALS;
      for (let c = 0; c < channels; c += 1) {
        const cell = kept(s, c);
        if (cell === null) continue;
        successes += cell.successes;
        expected += (factors[c] as number) * cell.trials;
      }
      levels[s] = successes / expected;
    }
  }
  return { levels, factors };
}

/**
 * Each arm's centre: its segment's level times its channel's factor, both fitted to every other
 * arm's evidence (an arm is never shrunk toward a mean that contains its own data).
 *
 * @param evidence - per segment, per channel (same channel order in every row).
 * @returns the centres, same shape, each strictly inside (0, 1).
 */
export function leaveOneOutCentres(evidence: readonly (readonly Evidence[])[]): number[][] {
  return evidence.map((row, s) =>
    row.map((_, c) => {
      const fit = fitWithout(evidence, s, c);
      const centre = (fit.levels[s] as number) * (fit.factors[c] as number);
      return Math.min(CENTRE_BOUNDS[1], Math.max(CENTRE_BOUNDS[0], centre));
    }),
  );
}
