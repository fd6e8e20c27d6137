/**
 * A channel nobody in a segment can receive (no push endpoint, no consent, no address): the
 * decision skips it for every customer, so it gets no sends whatever its weight. Its posterior is
 * then its prior alone, which can make it look likely best, absorb the weight shown for the
 * segment, and keep the stopping rule waiting forever for its matured sends. The counters cannot
 * say who was eligible, but they can say that an arm stayed at zero sends while its segment did
 * not: every arm starts with an equal share and keeps at least the floor, so a reachable arm with
 * no send among hundreds is next to impossible.
 */

/**
 * Segment sends after which an arm still at zero sends is taken as unreachable: at a 1 % floor a
 * reachable arm gets none of 500 sends with probability 0.99^500 ≈ 0.7 %, and it gets about 1/K of
 * the first sends, before any weight moves, so in practice never.
 */
export const UNREACHED_AFTER_SEGMENT_SENDS = 500;

/**
 * Whether an arm is unreachable in its segment (zero sends while the segment has had
 * {@link UNREACHED_AFTER_SEGMENT_SENDS}). Such an arm is left out of P(best), the leader, the
 * winner and the matured sends a winner waits for, and keeps only the floor of the traffic (so
 * that it is tried again if customers become able to receive it).
 *
 * @param armSends - the arm's sends in the segment.
 * @param segmentSends - the segment's sends over all arms.
 * @returns true when the arm is taken as unreachable.
 */
export function isUnreachedArm(armSends: number, segmentSends: number): boolean {
  return armSends === 0 && segmentSends >= UNREACHED_AFTER_SEGMENT_SENDS;
}
