/**
 * What to tell the marketer about one segment (pure: unit-tested in Node): the results API's own
 * sentence (`recommendation`, e.g. "sms wins for over_50, 97 % sure, 16 % vs 4.1 %: complete the
 * experiment or keep exploiting"), what the stopping rule still needs (`missing[]`) and the rate
 * changes the allocator detected (`changes[]`), plus the kind of situation, which the view styles
 * (border pattern and colour) so that a winner never looks like a guess.
 */
import type { SegmentResultView } from '../../../../shared/domain/results/results-schema';

/** P(best) from which a leader that is not a winner is "likely" rather than "unclear". */
export const LIKELY_PROBABILITY = 0.8;

/** The kind of situation a segment is in. */
export type NextStepKind = 'no_sends' | 'too_early' | 'burn_in' | 'winner' | 'likely' | 'unclear';

/** What to tell the marketer about one segment. */
export interface NextStep {
  /** The situation. */
  readonly kind: NextStepKind;
  readonly sentence: string;
}

/** The kind of situation of a segment, from the API's `status` and, while learning, its burn-in and its leader's P(best). */
export function nextStepKind(segment: SegmentResultView): NextStepKind {
  switch (segment.status) {
    case 'no_sends':
    case 'too_early':
    case 'winner':
      return segment.status;
    case 'learning': {
      if (segment.inBurnIn) return 'burn_in';
      const leader = segment.arms.find((arm) => arm.channel === segment.leader);
      return leader && leader.probabilityBest >= LIKELY_PROBABILITY ? 'likely' : 'unclear';
    }
  }
}

/** The next step for one segment: the API's sentence and its kind. */
export function nextStep(segment: SegmentResultView): NextStep {
  return { kind: nextStepKind(segment), sentence: segment.recommendation };
}

/** What the stopping rule still needs before a winner, in words (empty with a winner). */
export function segmentMissing(segment: SegmentResultView): string[] {
  return segment.missing.map((item) => item.text);
}

/** Rate changes the allocator detected in the segment, in words. */
export function segmentChanges(segment: SegmentResultView): string[] {
  return segment.changes.map((item) => item.text);
}
