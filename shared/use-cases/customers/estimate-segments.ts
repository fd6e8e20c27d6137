import * as z from 'zod';
import { MAX_SEGMENTS, SegmentSchema } from '../../domain/experiment/experiment-definition';
import { assignSegment, type Attributes, DEFAULT_SEGMENT } from '../../domain/segments/evaluate-segment';

/** Most customers an estimate reads (a sample beyond that: the answer says so). */
export const MAX_ESTIMATE_CUSTOMERS = 5000;

/** Body of an estimate: the segments as an experiment would define them (first match wins). */
export const EstimateSegmentsSchema = z.strictObject({
  segments: z.array(SegmentSchema).max(MAX_SEGMENTS, `at most ${MAX_SEGMENTS} segments`),
});
/** The segments to estimate, parsed. */
export type EstimateSegmentsInput = z.output<typeof EstimateSegmentsSchema>;

/** Reads customers' attributes for estimates (a bounded sample, never the whole table at once). */
export interface CustomerSample {
  /** The attributes of up to `limit` customers, and whether more exist. */
  attributes(limit: number): Promise<{ readonly items: readonly Attributes[]; readonly truncated: boolean }>;
}

/** What {@link estimateSegments} needs. */
export interface EstimateDependencies {
  /** Customers' attributes. */
  readonly customerSample: CustomerSample;
}

/** How many known customers fall in each segment. */
export interface SegmentEstimate {
  /** Customers read. */
  readonly customersConsidered: number;
  /** Whether more customers exist than were read. */
  readonly truncated: boolean;
  /** Per segment in evaluation order, `default` last. */
  readonly segments: readonly { readonly segment: string; readonly customers: number }[];
}

/**
 * Counts, over the known customers (up to {@link MAX_ESTIMATE_CUSTOMERS}), how many each segment
 * would get with the experiment's own rule evaluation (first match wins, `default` takes the rest).
 *
 * @param input - segments parsed with {@link EstimateSegmentsSchema} (the router's body schema).
 */
export async function estimateSegments(deps: EstimateDependencies, { segments }: EstimateSegmentsInput): Promise<SegmentEstimate> {
  const { items, truncated } = await deps.customerSample.attributes(MAX_ESTIMATE_CUSTOMERS);
  const counts = new Map<string, number>([...segments.map((segment) => [segment.name, 0] as const), [DEFAULT_SEGMENT, 0]]);
  for (const attributes of items) {
    const name = assignSegment(segments, attributes);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return { customersConsidered: items.length, truncated, segments: [...counts].map(([segment, customers]) => ({ segment, customers })) };
}
