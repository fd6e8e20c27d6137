import * as z from 'zod';
import { type Channel, ChannelSchema } from '../experiment/channels';
import { type ExperimentStatus, ExperimentStatusSchema } from '../experiment/lifecycle';
import type { ResultsSnapshot } from '../statistics/allocation-record';

/** What the allocator stores on the experiment item after each allocation (small: a few hundred bytes). */
export interface StoredSummary {
  /** Allocation the figures come from. */
  readonly allocationVersion: number;
  /** When it was computed. */
  readonly computedAt: string;
  /** First-decision sends over all segments. */
  readonly sends: number;
  /** Their responses. */
  readonly responses: number;
  /** Leader and winner per segment. */
  readonly segments: readonly { readonly segment: string; readonly sends: number; readonly leader: Channel; readonly winner: Channel | null }[];
}

/** The one-line summary of an experiment in `GET /v1/experiments`. */
export const ExperimentSummarySchema = z.object({
  status: ExperimentStatusSchema,
  allocationVersion: z.number().int().min(0),
  computedAt: z.string().nullable(),
  sends: z.number().int().min(0),
  responses: z.number().int().min(0),
  segments: z.array(z.object({ segment: z.string(), sends: z.number().int().min(0), leader: ChannelSchema, winner: ChannelSchema.nullable() })),
  line: z.string().describe('One line for a listing, e.g. "running · 1200 sends, 96 responses · over_50: sms (winner) · default: email (leading)"'),
});
/** The listing summary. */
export type ExperimentSummary = z.output<typeof ExperimentSummarySchema>;

/** The summary the allocator stores, from the snapshot it just wrote. */
export function summarizeSnapshot(snapshot: ResultsSnapshot): StoredSummary {
  const segments = snapshot.segments.map((segment) => ({
    segment: segment.segment,
    sends: segment.arms.reduce((sum, arm) => sum + arm.sends, 0),
    leader: segment.leader,
    winner: segment.winner,
  }));
  return {
    allocationVersion: snapshot.allocationVersion,
    computedAt: snapshot.computedAt,
    sends: segments.reduce((sum, segment) => sum + segment.sends, 0),
    responses: snapshot.segments.reduce((sum, segment) => sum + segment.arms.reduce((inner, arm) => inner + arm.responses, 0), 0),
    segments,
  };
}

function segmentPhrase(segment: StoredSummary['segments'][number]): string {
  if (segment.winner !== null) return `${segment.segment}: ${segment.winner} (winner)`;
  if (segment.sends === 0) return `${segment.segment}: no sends`;
  return `${segment.segment}: ${segment.leader} (leading)`;
}

/** The listing summary of an experiment in its current status, from the stored one (if any). */
export function describeSummary(status: ExperimentStatus, stored: StoredSummary | undefined): ExperimentSummary {
  if (!stored) {
    return { status, allocationVersion: 0, computedAt: null, sends: 0, responses: 0, segments: [], line: `${status} · no results yet` };
  }
  const counts = `${stored.sends} sends, ${stored.responses} responses`;
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
