/**
 * A journey's live counts in words (pure: unit-tested in Node): the four figures the journey map
 * shows per stage (triggered, waiting, sent, exited), and why sends exited.
 */
import type { JourneyCounts } from '../../../../shared/contracts/journeys';
import type { ExitReason } from '../../../../shared/contracts/triggers';
import { count } from '../../charts/format';

/** Why a waiting send exited, in words. */
export const EXIT_REASON_WORDS: Readonly<Record<ExitReason, string>> = {
  exit_event: 'by an exit event',
  journey_cap: "over the journey's limit",
  later_stage: 'customer reached a later stage',
  experiment_not_running: 'experiment no longer running',
  customer_erased: 'customer erased',
};

/** One figure of the counts. */
export interface CountFigure {
  /** Stable key (`triggered`, `waiting`, `sent`, `exited`). */
  readonly key: 'triggered' | 'waiting' | 'sent' | 'exited';
  readonly label: string;
  readonly value: number;
  /** The figure as shown. */
  readonly text: string;
}

/** Triggered, waiting, sent, exited. */
export function countFigures(counts: JourneyCounts): CountFigure[] {
  const figures: [CountFigure['key'], string, number][] = [
    ['triggered', 'Triggered', counts.triggered],
    ['waiting', 'Waiting', counts.waiting],
    ['sent', 'Sent', counts.sent],
    ['exited', 'Exited', counts.exited.total],
  ];
  return figures.map(([key, label, value]) => ({ key, label, value, text: count(value) }));
}

/** `2 by an exit event, 1 over the journey's limit; 1 suppressed (no channel the customer may receive)`, or ''. */
export function exitNote(counts: JourneyCounts): string {
  const reasons = (Object.keys(EXIT_REASON_WORDS) as ExitReason[]).flatMap((reason) => {
    const value = counts.exited.byReason[reason] ?? 0;
    return value > 0 ? [`${count(value)} ${EXIT_REASON_WORDS[reason]}`] : [];
  });
  const suppressed = counts.suppressed > 0 ? [`${count(counts.suppressed)} suppressed (no channel the customer may receive)`] : [];
  return [reasons.join(', '), ...suppressed].filter((part) => part !== '').join('; ');
}
