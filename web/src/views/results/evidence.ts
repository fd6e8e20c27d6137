/**
 * How much an arm's figures can be trusted yet (pure: unit-tested in Node).
 *
 * An arm whose sends have not matured (their attribution window is still open) has a posterior
 * made mostly of its prior and of partial windows: its rate, interval and P(best) look precise
 * but say little. Such arms are shown as "too early to say" with their raw counts, never with a
 * confident-looking figure. When the results API says so itself (the arm's `assessment` and
 * `summary`, from the bandit's wording), its word wins over this derivation.
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

/** What the results API says of an arm (the bandit's wording); read as optional, so older answers work. */
interface ArmWording {
  readonly assessment?: 'no_sends' | 'too_early' | 'provisional' | 'matured';
  readonly summary?: string;
}

/** An arm's evidence, as the views show it. */
export interface ArmEvidence {
  /** The channel. */
  readonly channel: string;
  /** True when its figures must not be read as a result yet. */
  readonly tooEarly: boolean;
  /** True when its figures are drawn but rest on fewer matured sends than a winner needs. */
  readonly provisional: boolean;
  /** The arm in words, from the API when it says (e.g. "too early to say: 3 responses from 143 sends, none matured yet"), else ''. */
  readonly summary: string;
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
  const tooEarly = wording.assessment === undefined ? arm.ci95 === null || arm.maturedSends < MIN_MATURED_SENDS : wording.assessment === 'no_sends' || wording.assessment === 'too_early';
  const provisional = !tooEarly && (wording.assessment === undefined ? arm.maturedSends < WINNER_MIN_MATURED_SENDS : wording.assessment === 'provisional');
  const derivedMissing =
    arm.sends === 0
      ? `no sends on ${channelName(arm.channel)} yet`
      : arm.maturedSends < MIN_MATURED_SENDS
        ? `${channelName(arm.channel)} has ${count(arm.maturedSends)} of ${MIN_MATURED_SENDS} matured sends`
        : arm.ci95 === null
          ? 'no allocation has run yet'
          : '';
  const missing = tooEarly ? derivedMissing || `none of ${channelName(arm.channel)}'s sends has matured yet` : '';
  return { channel: arm.channel, tooEarly, provisional, summary: wording.summary ?? '', counts: rawCounts(arm), missing };
}

/** The evidence of every arm of a segment, in the API's order. */
export function segmentEvidence(segment: SegmentResultView): ArmEvidence[] {
  return segment.arms.map(armEvidence);
}
