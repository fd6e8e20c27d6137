/**
 * How much an arm's figures can be trusted yet (pure: unit-tested in Node).
 *
 * An arm whose sends have not matured (their attribution window is still open) has a posterior
 * made mostly of its prior and of partial windows: its rate, interval and P(best) look precise
 * but say little. Such arms are shown as "too early to say" with their raw counts, never with a
 * confident-looking figure. When the results API says so itself (fields `tooEarly`, `missing` on
 * the arm, added by the bandit's wording), its word wins over this derivation.
 */
import type { ArmResultView, SegmentResultView } from '../../../../shared/domain/results/results-schema';
import { channelName, count, plural } from '../../charts/format';

/**
 * Matured sends an arm needs before its figures are shown as a result (below it: "too early").
 * A Beta posterior on fewer than 10 final outcomes has an interval wider than ±15 points at
 * typical rates: too wide to tell channels apart, narrow enough to mislead if drawn as a dot.
 */
export const MIN_MATURED_SENDS = 10;

/** Sends every arm needs before the stopping rule may declare a winner (the bandit's default). */
export const WINNER_MIN_MATURED_SENDS = 100;

/** What the API may add to an arm (the bandit's honest wording); optional until it lands. */
interface ArmWording {
  readonly tooEarly?: boolean;
  readonly missing?: string | null;
}

/** An arm's evidence, as the views show it. */
export interface ArmEvidence {
  /** The channel. */
  readonly channel: string;
  /** True when its figures must not be read as a result yet. */
  readonly tooEarly: boolean;
  /** Raw counts in words: `12 sends (3 matured), 1 response`. */
  readonly counts: string;
  /** What is missing before it can be read (empty when nothing is). */
  readonly missing: string;
}

/** Raw counts of an arm in words. */
export function rawCounts(arm: Pick<ArmResultView, 'sends' | 'maturedSends' | 'responses'>): string {
  const matured = arm.sends === 0 ? '' : arm.maturedSends === arm.sends ? ', all matured' : ` (${count(arm.maturedSends)} matured)`;
  return `${plural(arm.sends, 'send')}${matured}, ${plural(arm.responses, 'response')}`;
}

/** The evidence of one arm: too early when it has no interval yet or fewer than {@link MIN_MATURED_SENDS} matured sends. */
export function armEvidence(arm: ArmResultView): ArmEvidence {
  const wording = arm as ArmResultView & ArmWording;
  const derivedTooEarly = arm.ci95 === null || arm.maturedSends < MIN_MATURED_SENDS;
  const tooEarly = typeof wording.tooEarly === 'boolean' ? wording.tooEarly : derivedTooEarly;
  const derivedMissing =
    arm.sends === 0
      ? `no sends on ${channelName(arm.channel)} yet`
      : arm.maturedSends < MIN_MATURED_SENDS
        ? `${channelName(arm.channel)} has ${count(arm.maturedSends)} of ${MIN_MATURED_SENDS} matured sends`
        : arm.ci95 === null
          ? 'no allocation has run yet'
          : '';
  const missing = tooEarly ? (typeof wording.missing === 'string' && wording.missing !== '' ? wording.missing : derivedMissing || 'more matured sends') : '';
  return { channel: arm.channel, tooEarly, counts: rawCounts(arm), missing };
}

/** The evidence of every arm of a segment, in the API's order. */
export function segmentEvidence(segment: SegmentResultView): ArmEvidence[] {
  return segment.arms.map(armEvidence);
}
