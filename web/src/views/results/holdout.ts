/** The holdout lift of a segment in words (pure: unit-tested in Node). */
import type { SegmentResultView } from '../../../../shared/domain/results/results-schema';
import { percent, plural, signedPercent, signedPoints } from '../../charts/format';

/**
 * Held-out decisions below which the lift is shown as "too few to read": with fewer, a handful
 * of responses swings the holdout rate by several points (see docs/reading-results.md).
 */
export const MIN_HOLDOUT_FOR_LIFT = 100;

/** The holdout in words, and whether its lift can be read. */
export interface HoldoutSummary {
  /** `none`, `too_few` (lift shown with a caveat) or `readable`. */
  readonly state: 'none' | 'unmeasured' | 'too_few' | 'readable';
  /** One or two sentences. */
  readonly text: string;
}

/** The holdout of one segment: how many were held out, their rate, and the lift of messaging. */
export function holdoutSummary(segment: SegmentResultView): HoldoutSummary {
  const { holdout } = segment;
  if (holdout.sends === 0) return { state: 'none', text: 'No holdout yet: nobody in this segment was held out, so the lift of messaging at all is not measured.' };
  const held = `${plural(holdout.sends, 'customer')} held out (no message), ${plural(holdout.responses, 'response')}, ${percent(holdout.rate)}`;
  if (!holdout.lift) return { state: 'unmeasured', text: `${held}. Lift not measurable yet: no messaged sends to compare with.` };
  const messaged = segment.sends === 0 ? 0 : segment.responses / segment.sends;
  const relative = holdout.lift.relative === null ? '' : `, ${signedPercent(holdout.lift.relative)} relative`;
  const lift = `Messaging ${holdout.lift.absolute >= 0 ? 'lifts' : 'lowers'} the goal by ${signedPoints(holdout.lift.absolute)} (${percent(messaged)} messaged vs ${percent(holdout.rate)} held out${relative})`;
  if (holdout.sends < MIN_HOLDOUT_FOR_LIFT) {
    return { state: 'too_few', text: `${held}. Too few held out to read the lift (${holdout.sends} of ${MIN_HOLDOUT_FOR_LIFT}): ${lift.charAt(0).toLowerCase()}${lift.slice(1)} for now, which can still swing.` };
  }
  return { state: 'readable', text: `${lift}; ${held}.` };
}
