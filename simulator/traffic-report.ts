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
  readonly segment: string;
  /** Among the channels that carried traffic, the one with the largest weight, and its share of their weights. */
  readonly top: { readonly channel: Channel; readonly weight: number } | undefined;
  /** The simulated truth's best channel for the segment. */
  readonly trueBest: Channel | undefined;
  /** Sends so far in the segment (as of the last allocation). */
  readonly sends: number;
}

/**
 * Among the arms that carried traffic, the one with the largest weight and its share of their
 * weights: a channel no customer of the segment can receive keeps a weight but gets no sends.
 */
export function topChannel(arms: readonly { readonly channel: Channel; readonly weight: number; readonly sends: number }[]): { channel: Channel; weight: number } | undefined {
  const used = arms.filter((arm) => arm.sends > 0);
  const total = used.reduce((sum, arm) => sum + arm.weight, 0);
  const shares = used.map((arm) => ({ channel: arm.channel, weight: total > 0 ? arm.weight / total : 0 }));
  return shares.reduce<{ channel: Channel; weight: number } | undefined>((best, arm) => (best === undefined || arm.weight > best.weight ? arm : best), undefined);
}

/** Reads each experiment's results and compares each segment's largest weight with the truth. */
export async function readTraffic(api: ApiClient, scenario: Scenario, experiments: readonly PreparedExperiment[]): Promise<SegmentTraffic[]> {
  const rows: SegmentTraffic[] = [];
  for (const experiment of experiments) {
    const { body } = await api.request<ExperimentResults>('GET', `/v1/experiments/${encodeURIComponent(experiment.id)}/results`);
    const truth = segmentTruth(scenario, experiment);
    for (const segment of body.segments) {
      const top = topChannel(segment.arms);
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
