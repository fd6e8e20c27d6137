import type { ApiClient } from '../cli/api-client';
import type { Channel } from '../shared/domain/experiment/channels';
import type { ExperimentResults } from '../shared/domain/results/results-schema';
import { bestChannel, segmentTruth } from './describe';
import type { Scenario } from './scenario';
import type { PreparedExperiment } from './target';

/** Where one segment's traffic goes now, against the truth. */
export interface SegmentTraffic {
  /** Experiment name. */
  readonly experiment: string;
  /** Segment. */
  readonly segment: string;
  /** The channel with the largest current weight, and that weight. */
  readonly top: { readonly channel: Channel; readonly weight: number } | undefined;
  /** The simulated truth's best channel for the segment. */
  readonly trueBest: Channel | undefined;
  /** Sends so far in the segment (as of the last allocation). */
  readonly sends: number;
}

/** Reads each experiment's results and compares each segment's largest weight with the truth. */
export async function readTraffic(api: ApiClient, scenario: Scenario, experiments: readonly PreparedExperiment[]): Promise<SegmentTraffic[]> {
  const rows: SegmentTraffic[] = [];
  for (const experiment of experiments) {
    const { body } = await api.request<ExperimentResults>('GET', `/v1/experiments/${encodeURIComponent(experiment.id)}/results`);
    const truth = segmentTruth(scenario, experiment);
    for (const segment of body.segments) {
      const top = segment.arms.reduce<{ channel: Channel; weight: number } | undefined>((best, arm) => (best === undefined || arm.weight > best.weight ? { channel: arm.channel, weight: arm.weight } : best), undefined);
      rows.push({ experiment: experiment.name, segment: segment.segment, top, trueBest: bestChannel(truth.get(segment.segment) ?? {}), sends: segment.sends });
    }
  }
  return rows;
}

/** One line per experiment: each segment's largest share of traffic, and whether it is the true best. */
export function trafficLines(rows: readonly SegmentTraffic[]): string[] {
  const byExperiment = new Map<string, SegmentTraffic[]>();
  for (const row of rows) byExperiment.set(row.experiment, [...(byExperiment.get(row.experiment) ?? []), row]);
  return [...byExperiment.entries()].map(
    ([name, segments]) =>
      `  ${name}: ${segments
        .map((row) => (row.top === undefined ? `${row.segment} –` : `${row.segment} → ${row.top.channel} ${Math.round(row.top.weight * 100)} %${row.trueBest === undefined ? '' : row.top.channel === row.trueBest ? ' (true best ✓)' : ` (true best: ${row.trueBest})`}`))
        .join(' · ')}`,
  );
}
