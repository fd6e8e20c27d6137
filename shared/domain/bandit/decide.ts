/**
 * Deciding one send: holdout or a channel, drawn from the segment's weights
 * renormalised over the channels this customer may receive.
 */
import type { Rng } from '../random';
import type { Channel } from './policy';

/** The outcome of a decision and its exact probability (the propensity to log). */
export type Decision =
  | { readonly kind: 'channel'; readonly channel: Channel; readonly propensity: number }
  | { readonly kind: 'holdout'; readonly propensity: number }
  | { readonly kind: 'no_eligible_channel' };

/** Weights per channel, as stored with an allocation. */
export type ChannelWeights = Readonly<Partial<Record<Channel, number>>>;

/**
 * Draws the decision for one send.
 *
 * With probability `holdoutShare` the customer is held out (no message);
 * otherwise channel c is chosen with probability `w_c / Σ_{e ∈ eligible} w_e`.
 * The propensity returned is the exact probability of the outcome:
 * `holdoutShare` for the holdout, `(1 − holdoutShare) · w_c / Σ_eligible w` for a channel.
 * When no eligible channel has a positive weight the decision is
 * `no_eligible_channel` (the customer is not held out either, so the holdout
 * stays comparable to the messaged population).
 *
 * @param weights - the segment's weights (sum 1, floor applied).
 * @param eligibleChannels - channels the customer may receive (consent, address, quiet hours); duplicates ignored.
 * @param holdoutShare - share in [0, 1) held out.
 * @param rng - the seeded source (two draws per decision).
 * @returns the decision and its propensity.
 */
export function decide(weights: ChannelWeights, eligibleChannels: readonly Channel[], holdoutShare: number, rng: Rng): Decision {
  if (!(holdoutShare >= 0 && holdoutShare < 1)) throw new RangeError(`holdoutShare must be in [0, 1), got ${holdoutShare}`);
  const candidates: Channel[] = [];
  let total = 0;
  for (const channel of new Set(eligibleChannels)) {
    const weight = weights[channel] ?? 0;
    if (weight > 0) {
      candidates.push(channel);
      total += weight;
    }
  }
  const last = candidates[candidates.length - 1];
  if (last === undefined) return { kind: 'no_eligible_channel' };
  const holdoutDraw = rng.next();
  const channelDraw = rng.next();
  if (holdoutDraw < holdoutShare) return { kind: 'holdout', propensity: holdoutShare };
  let threshold = channelDraw * total;
  let chosen: Channel = last;
  for (const channel of candidates) {
    threshold -= weights[channel] ?? 0;
    if (threshold < 0) {
      chosen = channel;
      break;
    }
  }
  return { kind: 'channel', channel: chosen, propensity: ((1 - holdoutShare) * (weights[chosen] ?? 0)) / total };
}

/**
 * The propensity of every eligible channel (and of the holdout), as
 * {@link decide} would draw them; useful for offline policy evaluation.
 *
 * @param weights - the segment's weights.
 * @param eligibleChannels - channels the customer may receive.
 * @param holdoutShare - share held out.
 * @returns probability per eligible channel with positive weight, summing to `1 − holdoutShare`.
 */
export function eligiblePropensities(weights: ChannelWeights, eligibleChannels: readonly Channel[], holdoutShare: number): Partial<Record<Channel, number>> {
  const unique = [...new Set(eligibleChannels)].filter((c) => (weights[c] ?? 0) > 0);
  const total = unique.reduce((sum, c) => sum + (weights[c] ?? 0), 0);
  const result: Partial<Record<Channel, number>> = {};
  for (const channel of unique) result[channel] = ((1 - holdoutShare) * (weights[channel] ?? 0)) / total;
  return result;
}
