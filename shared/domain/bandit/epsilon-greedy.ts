/**
 * The `epsilon_greedy` policy: ε of the traffic split evenly, the rest to the
 * arm(s) with the highest posterior mean.
 */

/** Two means closer than this are a tie (the greedy share is split). */
const TIE_TOLERANCE = 1e-12;

/**
 * Epsilon-greedy weights.
 *
 * @param means - posterior mean per arm.
 * @param epsilon - exploration share in [0, 1].
 * @returns weights summing to 1; tied leaders share the greedy part.
 */
export function epsilonGreedyWeights(means: readonly number[], epsilon: number): number[] {
  const armCount = means.length;
  const top = Math.max(...means);
  const leaders = means.map((m) => top - m <= TIE_TOLERANCE);
  const leaderCount = leaders.filter(Boolean).length;
  return leaders.map((isLeader) => epsilon / armCount + (isLeader ? (1 - epsilon) / leaderCount : 0));
}
