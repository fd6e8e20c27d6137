import * as z from 'zod';
import type { ExperimentStatus } from '../experiment/lifecycle';

/** Milliseconds in a minute. */
const MS_PER_MINUTE = 60_000;

/** When results change next, and a sentence that says so (results are as of the last allocation). */
export const RefreshViewSchema = z.object({
  nextUpdateAt: z.string().nullable().describe('When the allocator next recomputes these results (null: not scheduled, or at its first run within a minute)'),
  everyMinutes: z.number().describe("The experiment's allocation cadence (updateEveryMinutes)"),
  note: z.string().describe('When the figures were computed (counts trail sends and responses by a few seconds) and when those since then will show, in words'),
});
/** See {@link RefreshViewSchema}. */
export type RefreshView = z.output<typeof RefreshViewSchema>;

/** `10:15 UTC` for an ISO instant. */
function clockTime(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

/**
 * When results refresh: they are the allocator's snapshot, so a send shows in them only at the
 * next allocation. Says when that is, in words and as an instant, and that the counts trail by a
 * few seconds (sends and responses are counted from the table's stream, in batches).
 */
export function refreshView(input: { status: ExperimentStatus; allocationVersion: number; updatedAt: string; everyMinutes: number }): RefreshView {
  const { status, allocationVersion, updatedAt, everyMinutes } = input;
  const every = `every ${everyMinutes} min`;
  if (status === 'draft') return { nextUpdateAt: null, everyMinutes, note: 'A draft has no results yet: start it, and the first allocation (within a minute) shows its sends.' };
  if (status === 'paused') return { nextUpdateAt: null, everyMinutes, note: `Paused: the figures stay as of ${clockTime(updatedAt)}; they refresh again after resume (${every}).` };
  if (status !== 'running') return { nextUpdateAt: null, everyMinutes, note: `Final figures, computed at ${clockTime(updatedAt)}.` };
  if (allocationVersion === 0) {
    return { nextUpdateAt: null, everyMinutes, note: `No allocation yet: sends and responses show at the first one, within a minute of the start, then ${every}.` };
  }
  const next = new Date(Date.parse(updatedAt) + everyMinutes * MS_PER_MINUTE).toISOString();
  return {
    nextUpdateAt: next,
    everyMinutes,
    note: `Figures as of the allocation at ${clockTime(updatedAt)}, with the sends and responses counted until a few seconds before it; those since then show at the next one, due ${clockTime(next)} (${every}).`,
  };
}
