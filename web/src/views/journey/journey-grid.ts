/**
 * The journey map as a grid (pure: unit-tested in Node): journey stages (columns, in journey
 * order) × segments (rows), each slot holding the touchpoint map's cells for that stage and
 * segment (one per goal event), and saying plainly when a stage or a slot has not been tested.
 */
import { JOURNEY_STAGES, type JourneyStage } from '../../../../shared/domain/experiment/journey-stages';
import type { TouchpointCell } from '../../../../shared/domain/insights/touchpoint-map';
import { channelName, percent, plural, surePercent } from '../../charts/format';

/** Sends each channel of a cell needs before the cell's verdict is shown as more than "too early". */
export const MIN_CELL_SENDS = 10;
/** P(best) from which a cell's channel is "sure". */
export const SURE_PROBABILITY = 0.95;
/** P(best) from which a cell's channel is "likely". */
export const LIKELY_PROBABILITY = 0.8;

/** How sure the map is of a cell's channel. */
export type Sureness = 'too_early' | 'unclear' | 'likely' | 'sure';

/** One goal's verdict in a slot, in words. */
export interface SlotEntry {
  readonly cell: TouchpointCell;
  readonly sureness: Sureness;
  /** `SMS leads, 16.0 % (12.1–20.4), 97 % sure; no winner declared yet`, or the raw counts when too early. */
  readonly headline: string;
  /** Extra caveat (`experiments disagree`), or ''. */
  readonly caveat: string;
}

/** An experiment at a stage that does not feed the map yet (draft, or no allocation yet). */
export interface PendingExperiment {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly stage: JourneyStage;
}

/** One stage × segment slot. */
export interface GridSlot {
  readonly stage: JourneyStage;
  readonly segment: string;
  /** What the map says (empty: not tested here). */
  readonly entries: readonly SlotEntry[];
}

/** The grid. */
export interface JourneyGrid {
  readonly stages: readonly { readonly stage: JourneyStage; readonly tested: boolean; readonly pending: readonly PendingExperiment[] }[];
  readonly segments: readonly string[];
  /** `slots[segmentIndex][stageIndex]`. */
  readonly slots: readonly (readonly GridSlot[])[];
}

/** How sure a cell is: too early while any of its channels has fewer than {@link MIN_CELL_SENDS} sends. */
export function cellSureness(cell: TouchpointCell): Sureness {
  if (cell.channels.some((channel) => channel.sends < MIN_CELL_SENDS)) return 'too_early';
  if (cell.probabilityBest >= SURE_PROBABILITY) return 'sure';
  if (cell.probabilityBest >= LIKELY_PROBABILITY) return 'likely';
  return 'unclear';
}

/** A cell in words. */
export function slotEntry(cell: TouchpointCell): SlotEntry {
  const sureness = cellSureness(cell);
  const name = channelName(cell.channel);
  const interval = `${percent(cell.rate)} (${(cell.ci95[0] * 100).toFixed(1)}–${(cell.ci95[1] * 100).toFixed(1)})`;
  const headline =
    sureness === 'too_early'
      ? `Too early to say: ${cell.channels.map((channel) => `${channelName(channel.channel)} ${plural(channel.sends, 'send')}, ${plural(channel.responses, 'response')}`).join('; ')}`
      : sureness === 'unclear'
        ? `No clear best yet: ${name} leads, ${interval}, ${surePercent(cell.probabilityBest)} sure`
        : `${name} ${cell.verdict === 'winner' ? 'wins' : 'leads'}, ${interval}, ${surePercent(cell.probabilityBest)} sure${cell.verdict === 'winner' ? '' : '; no winner declared yet'}`;
  const caveat = cell.consensus === 'disagree' ? 'Experiments disagree: some lead with another channel' : '';
  return { cell, sureness, headline, caveat };
}

/** Segment names in the map's cells, `default` last. */
function segmentsOf(cells: readonly TouchpointCell[]): string[] {
  const names = [...new Set(cells.map((cell) => cell.segment))];
  return names.filter((name) => name !== 'default').sort().concat(names.includes('default') ? ['default'] : []);
}

/**
 * The grid of `cells`, every journey stage shown. `pending` lists experiments that exist but feed
 * no cell yet, so a stage that is being tested is not called untested.
 */
export function journeyGrid(cells: readonly TouchpointCell[], pending: readonly PendingExperiment[] = []): JourneyGrid {
  const segments = segmentsOf(cells);
  const contributing = new Set(cells.flatMap((cell) => cell.experiments.map((experiment) => experiment.experimentId)));
  const stages = JOURNEY_STAGES.map((stage) => ({
    stage,
    tested: cells.some((cell) => cell.stage === stage),
    pending: pending.filter((experiment) => experiment.stage === stage && !contributing.has(experiment.id)),
  }));
  const slots = segments.map((segment) =>
    JOURNEY_STAGES.map((stage) => ({
      stage,
      segment,
      entries: cells.filter((cell) => cell.stage === stage && cell.segment === segment).map(slotEntry),
    })),
  );
  return { stages, segments, slots };
}
