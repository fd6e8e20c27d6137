import * as z from 'zod';
import { type Channel, ChannelSchema } from '../experiment/channels';
import { type ExperimentStatus, ExperimentStatusSchema } from '../experiment/lifecycle';
import type { ResultsSnapshot } from '../statistics/allocation-record';
import type { SegmentStatus } from './results-schema';
import { SegmentStatusSchema } from './results-schema';
import { countedNoun, leaderToShow, segmentStatus } from './segment-wording';

/** One segment of the stored summary. */
export interface StoredSegmentSummary {
  /** Segment name. */
  readonly segment: string;
  /** First-decision sends. */
  readonly sends: number;
  /** The leader worth naming (null before evidence, as the results say), or the winner. */
  readonly leader: Channel | null;
  /** Declared winner, if any. */
  readonly winner: Channel | null;
  /** What the results can say (absent in summaries stored before it existed). */
  readonly status?: SegmentStatus;
}

/** What the allocator stores on the experiment item after each allocation (small: a few hundred bytes). */
export interface StoredSummary {
  /** Allocation the figures come from. */
  readonly allocationVersion: number;
  /** When it was computed. */
  readonly computedAt: string;
  /** First-decision sends over all segments. */
  readonly sends: number;
  readonly responses: number;
  /** Status, leader and winner per segment. */
  readonly segments: readonly StoredSegmentSummary[];
}

/** The one-line summary of an experiment in `GET /v1/experiments`. */
export const ExperimentSummarySchema = z.object({
  status: ExperimentStatusSchema,
  allocationVersion: z.number().int().min(0),
  computedAt: z.string().nullable(),
  sends: z.number().int().min(0),
  responses: z.number().int().min(0),
  segments: z.array(
    z.object({
      segment: z.string(),
      sends: z.number().int().min(0),
      leader: ChannelSchema.nullable().describe('The leader worth naming: null while it is too early to say or no arm leads on evidence'),
      winner: ChannelSchema.nullable(),
      status: SegmentStatusSchema.optional().describe('As in the results: `no_sends`, `too_early`, `learning` or `winner` (absent in summaries stored before it existed)'),
    }),
  ),
  line: z.string().describe('One line for a listing, e.g. "running · 1200 sends, 96 responses · over_50: sms (winner) · default: email (leading) · new: too early to say"'),
});
/** The listing summary. */
export type ExperimentSummary = z.output<typeof ExperimentSummarySchema>;

/** The summary the allocator stores, from the snapshot it just wrote. */
export function summarizeSnapshot(snapshot: ResultsSnapshot): StoredSummary {
  const segments = snapshot.segments.map((segment): StoredSegmentSummary => {
    const status = segmentStatus(segment.arms, segment.winner);
    const responses = segment.arms.reduce((sum, arm) => sum + arm.responses, 0);
    return {
      segment: segment.segment,
      sends: segment.arms.reduce((sum, arm) => sum + arm.sends, 0),
      leader: leaderToShow(status, responses, segment.winner ?? segment.leader, segment.arms),
      winner: segment.winner,
      status,
    };
  });
  return {
    allocationVersion: snapshot.allocationVersion,
    computedAt: snapshot.computedAt,
    sends: segments.reduce((sum, segment) => sum + segment.sends, 0),
    responses: snapshot.segments.reduce((sum, segment) => sum + segment.arms.reduce((inner, arm) => inner + arm.responses, 0), 0),
    segments,
  };
}

/** One segment in the listing line: the winner, the leader worth naming, or why there is none. */
function segmentPhrase(segment: StoredSegmentSummary): string {
  if (segment.winner !== null) return `${segment.segment}: ${segment.winner} (winner)`;
  if (segment.sends === 0 || segment.status === 'no_sends') return `${segment.segment}: no sends`;
  if (segment.status === 'too_early') return `${segment.segment}: too early to say`;
  if (segment.leader === null) return `${segment.segment}: no clear leader yet`;
  return `${segment.segment}: ${segment.leader} (leading)`;
}

/** The listing summary of an experiment in its current status, from the stored one (if any). */
export function describeSummary(status: ExperimentStatus, stored: StoredSummary | undefined): ExperimentSummary {
  if (!stored) {
    return { status, allocationVersion: 0, computedAt: null, sends: 0, responses: 0, segments: [], line: `${status} · no results yet` };
  }
  const counts = `${countedNoun(stored.sends, 'send')}, ${countedNoun(stored.responses, 'response')}`;
  return {
    status,
    allocationVersion: stored.allocationVersion,
    computedAt: stored.computedAt,
    sends: stored.sends,
    responses: stored.responses,
    segments: stored.segments.map((segment) => ({ ...segment })),
    line: [status, counts, ...stored.segments.map(segmentPhrase)].join(' · '),
  };
}
