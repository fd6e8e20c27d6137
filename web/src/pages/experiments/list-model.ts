/**
 * The experiments list's wording and filtering, pure: the leader or winner of each segment in
 * words, and the search over what a row shows.
 */
import type { ListedExperiment } from '../../api/client';
import { channelName, stageName } from '../../charts/format';

/** One segment's verdict in words: "seniors: SMS wins", "default: email leads", "new: no sends yet". */
export function segmentVerdict(segment: { readonly segment: string; readonly sends: number; readonly leader: string | null; readonly winner: string | null; readonly status?: string }): string {
  if (segment.winner !== null) return `${segment.segment}: ${channelName(segment.winner)} wins`;
  if (segment.sends === 0) return `${segment.segment}: no sends yet`;
  if (segment.status === 'too_early') return `${segment.segment}: too early to say`;
  if (segment.leader === null) return `${segment.segment}: no clear leader yet`;
  return `${segment.segment}: ${channelName(segment.leader)} leads (not sure yet)`;
}

/** The verdicts of a listed experiment, or what is missing. */
export function verdicts(experiment: ListedExperiment): string[] {
  const segments = experiment.summary?.segments ?? [];
  if (segments.length > 0) return segments.map(segmentVerdict);
  return [experiment.status === 'draft' ? 'Not started' : 'No results yet: the allocator has not run'];
}

/** The segment names of an experiment in evaluation order, `default` last. */
export function segmentList(experiment: ListedExperiment): string[] {
  return [...experiment.definition.segments.map((segment) => segment.name), 'default'];
}

/** Whether an experiment matches a free-text search (name, id, stage, segments, channels). */
export function matchesSearch(experiment: ListedExperiment, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  const haystack = [
    experiment.definition.name,
    experiment.id,
    experiment.definition.description ?? '',
    stageName(experiment.definition.stage),
    ...segmentList(experiment),
    ...experiment.definition.channels.map((content) => channelName(content.channel)),
  ]
    .join(' ')
    .toLowerCase();
  return needle.split(/\s+/).every((word) => haystack.includes(word));
}
