import { formatTable } from '../cli/format';
import type { Channel } from '../shared/domain/experiment/channels';
import { assignSegment } from '../shared/domain/segments/evaluate-segment';
import type { SimulationProgress } from './run-simulation';
import type { Scenario } from './scenario';
import type { PreparedExperiment } from './target';

/** Width of the progress bar, in characters. */
const BAR_WIDTH = 24;
/** Milliseconds in a minute. */
const MS_PER_MINUTE = 60_000;

/** A rate as a percentage with one decimal. */
function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)} %`;
}

/** A simulated duration in words: `45 s`, `4 min`, `2.5 h`, `3 d`. */
export function describeDuration(ms: number): string {
  if (ms < MS_PER_MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < 60 * MS_PER_MINUTE) return `${Math.round(ms / MS_PER_MINUTE)} min`;
  if (ms < 24 * 60 * MS_PER_MINUTE) return `${Number((ms / 3_600_000).toFixed(1))} h`;
  return `${Number((ms / 86_400_000).toFixed(1))} d`;
}

/** The channel with the highest rate, if any. */
export function bestChannel(rates: Readonly<Partial<Record<Channel, number>>>): Channel | undefined {
  let best: Channel | undefined;
  for (const [channel, rate] of Object.entries(rates) as [Channel, number][]) if (best === undefined || rate > (rates[best] ?? 0)) best = channel;
  return best;
}

/**
 * The true rate of each arm, per segment of the experiment (by its own rules): the mean of the
 * kinds' rates over the kinds in the segment that the channel reaches, weighted by share. This is
 * what the bandit should find per segment.
 */
export function segmentTruth(scenario: Scenario, experiment: PreparedExperiment): Map<string, Partial<Record<Channel, number>>> {
  const sums = new Map<string, Partial<Record<Channel, { weight: number; rate: number }>>>();
  for (const kind of scenario.customers) {
    const segment = assignSegment(experiment.segments, kind.attributes);
    const row = sums.get(segment) ?? {};
    for (const channel of experiment.channels) {
      if (!kind.reachable.includes(channel)) continue;
      const cell = row[channel] ?? { weight: 0, rate: 0 };
      row[channel] = { weight: cell.weight + kind.share, rate: cell.rate + kind.share * (experiment.spec.rates[kind.kind]?.[channel] ?? 0) };
    }
    sums.set(segment, row);
  }
  const truth = new Map<string, Partial<Record<Channel, number>>>();
  for (const [segment, row] of sums) {
    truth.set(segment, Object.fromEntries(Object.entries(row).map(([channel, cell]) => [channel, cell.weight === 0 ? 0 : cell.rate / cell.weight])));
  }
  return truth;
}

/**
 * The simulated truth, printed at the start: per experiment, each customer kind's segment (by the
 * experiment's own rules) and true goal rate per channel, the best one marked; then the delays.
 */
export function truthLines(scenario: Scenario, experiments: readonly PreparedExperiment[]): string[] {
  const lines: string[] = [];
  const totalShare = scenario.customers.reduce((sum, kind) => sum + kind.share, 0);
  for (const experiment of experiments) {
    lines.push(`${experiment.name} (${experiment.stage}, goal ${experiment.goal}, id ${experiment.id}): true ${experiment.goal} rate per customer kind and channel`);
    const rows = scenario.customers.map((kind) => {
      const rates = experiment.spec.rates[kind.kind] ?? {};
      const reachable = experiment.channels.filter((channel) => kind.reachable.includes(channel));
      const best = reachable.reduce<string | undefined>((top, channel) => (top === undefined || (rates[channel] ?? 0) > (rates[top as never] ?? 0) ? channel : top), undefined);
      return [
        kind.kind,
        `${Math.round((kind.share / totalShare) * 100)} %`,
        assignSegment(experiment.segments, kind.attributes),
        ...experiment.channels.map((channel) => (kind.reachable.includes(channel) ? `${percent(rates[channel] ?? 0)}${channel === best ? ' *' : ''}` : 'unreachable')),
      ];
    });
    lines.push(...formatTable(['KIND', 'SHARE', 'SEGMENT', ...experiment.channels.map((channel) => channel.toUpperCase())], rows).map((line) => `  ${line}`));
    const truth = segmentTruth(scenario, experiment);
    const segmentRows = [...truth.entries()].map(([segment, rates]) => {
      const best = bestChannel(rates);
      return [segment, ...experiment.channels.map((channel) => (rates[channel] === undefined ? '–' : `${percent(rates[channel] ?? 0)}${channel === best ? ' *' : ''}`))];
    });
    lines.push('  per segment (what each arm truly sees: the kinds of the segment that the channel reaches, by share):');
    lines.push(...formatTable(['SEGMENT', ...experiment.channels.map((channel) => channel.toUpperCase())], segmentRows).map((line) => `    ${line}`));
    lines.push('');
  }
  const delays = Object.entries(scenario.delays).map(([channel, model]) => `${channel} ${describeDuration(model?.median ?? 0)}`);
  lines.push(`Response delays (median after the message leaves; log-normal, spread as given): ${delays.join(', ')}`);
  lines.push(`Arrivals: ${scenario.arrivalsPerMinute} new customers per simulated minute per experiment; * marks the best channel for that kind.`);
  return lines;
}

/** One line of progress: a bar over simulated time and the counts so far. */
export function progressLine(progress: SimulationProgress): string {
  const fraction = progress.durationMs === 0 ? 1 : Math.min(1, progress.elapsedMs / progress.durationMs);
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const missed = progress.missed > 0 ? ` · ${progress.missed} customers missed (the platform fell behind the clock)` : '';
  const errors = progress.errors > 0 ? ` · ${progress.errors} failed requests (last: ${progress.lastError ?? '?'})` : '';
  return `${bar} ${String(Math.floor(fraction * 100)).padStart(3)} % · ${describeDuration(progress.elapsedMs)} of ${describeDuration(progress.durationMs)} simulated · ${progress.customers} customers, ${progress.messages} messages, ${progress.heldOut} held out · ${progress.responses} responses (${progress.counted} counted)${missed}${errors}`;
}
