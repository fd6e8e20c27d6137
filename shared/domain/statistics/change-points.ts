/**
 * Change detection on the stored counters: per segment and channel, the matured hourly cohorts
 * since the arm's last change are tested (`detectRateChange`); a change moves the arm's start to
 * the first cohort after it, and the allocator counts only the cohorts since. Pure.
 */
import { detectRateChange } from '../bandit/change-detection';
import type { Channel } from '../experiment/channels';
import type { DetectedChangeRecord } from './allocation-record';
import { COHORT_MS, type CohortCounter, HOLDOUT_ARM, mergeShards } from './cohort-counters';

/** Milliseconds in an hour. */
const MS_PER_HOUR = 3_600_000;

/** Per segment and channel: the ISO cohort start from which the arm's evidence counts. */
export type EvidenceStarts = Readonly<Record<string, Readonly<Partial<Record<Channel, string>>>>>;

/**
 * Where each arm's evidence starts, from the changes detected so far (the latest per arm wins).
 *
 * @param changes - detected changes per segment (as stored in the snapshot).
 * @returns the starts.
 */
export function evidenceStarts(changes: Readonly<Record<string, readonly DetectedChangeRecord[]>>): EvidenceStarts {
  const starts: Record<string, Partial<Record<Channel, string>>> = {};
  for (const [segment, list] of Object.entries(changes)) {
    for (const change of list) {
      if (change.since === undefined) continue;
      const bySegment = (starts[segment] ??= {});
      const current = bySegment[change.channel];
      if (current === undefined || change.since > current) bySegment[change.channel] = change.since;
    }
  }
  return starts;
}

/**
 * The counters without the first-decision cohorts of an arm from before its evidence start.
 *
 * @param counters - all counters.
 * @param starts - where each arm's evidence starts.
 * @returns the counters the allocator counts.
 */
export function countersSince(counters: readonly CohortCounter[], starts: EvidenceStarts): CohortCounter[] {
  return counters.filter((counter) => {
    if (counter.step !== 0 || counter.arm === HOLDOUT_ARM) return true;
    const start = starts[counter.segment]?.[counter.arm];
    return start === undefined || Date.parse(counter.cohortStart) >= Date.parse(start);
  });
}

/**
 * Tests every arm's matured cohorts (since its evidence start) for a change of rate.
 *
 * @param counters - the counters since the current starts.
 * @param input - now, the window, the channels and segments of the experiment.
 * @returns the changes detected now, per segment (with `since`, the first cohort after the change).
 */
export function detectChanges(
  counters: readonly CohortCounter[],
  input: { readonly now: Date; readonly windowHours: number; readonly channels: readonly Channel[]; readonly segments: readonly string[] },
): { readonly segment: string; readonly change: DetectedChangeRecord }[] {
  const nowMs = input.now.getTime();
  const windowMs = input.windowHours * MS_PER_HOUR;
  const series = new Map<string, CohortCounter[]>();
  for (const counter of mergeShards(counters)) {
    if (counter.step !== 0 || counter.arm === HOLDOUT_ARM) continue;
    if (Date.parse(counter.cohortStart) + COHORT_MS + windowMs > nowMs) continue;
    const key = `${counter.segment}\u0000${counter.arm}`;
    const list = series.get(key) ?? [];
    list.push(counter);
    series.set(key, list);
  }
  const changes: { segment: string; change: DetectedChangeRecord }[] = [];
  for (const segment of input.segments) {
    for (const channel of input.channels) {
      const cohorts = (series.get(`${segment}\u0000${channel}`) ?? []).sort((a, b) => Date.parse(a.cohortStart) - Date.parse(b.cohortStart));
      const change = detectRateChange(cohorts.map((cohort) => ({ sends: cohort.sends, successes: cohort.successes })));
      const first = change === null ? undefined : cohorts[change.index];
      if (change !== null && first !== undefined) {
        changes.push({ segment, change: { at: input.now.toISOString(), channel, since: first.cohortStart, rateBefore: change.rateBefore, rateAfter: change.rateAfter } });
      }
    }
  }
  return changes;
}
