/**
 * Geometry of the dot-and-interval plot (pure: no DOM, unit-tested in Node): one row per arm, a
 * horizontal line from the 95 % interval's low to its high end and a marker at the rate, on a
 * shared rate axis that starts at 0; optionally a vertical reference line at the holdout's rate.
 * Arms that are too early get no marks, only their row (the view writes their raw counts there).
 */

/** Size and margins of the plot, in SVG units (the label column is left of `left`). */
export const INTERVAL_PLOT = { width: 560, rowHeight: 34, left: 86, right: 24, top: 24, bottom: 26 } as const;

/** Steps the rate axis may use, smallest first (as rates: 0.005 = half a point). */
const TICK_STEPS = [0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25] as const;
/** Most ticks on the axis, 0 included. */
const MAX_TICKS = 6;
/** Head room above the largest value drawn, as a fraction of it. */
const HEADROOM = 1.08;

/** One arm as the plot needs it. */
export interface IntervalInput {
  readonly channel: string;
  readonly rate: number;
  readonly ci95: readonly [number, number] | null;
  /** Drawn without marks when true. */
  readonly tooEarly: boolean;
}

/** One row of the plot. */
export interface IntervalRow {
  readonly channel: string;
  /** Vertical centre of the row. */
  readonly y: number;
  /** Marks, or null for a too-early arm. */
  readonly marks: { readonly x: number; readonly x1: number; readonly x2: number } | null;
}

/** Everything the SVG needs. */
export interface IntervalGeometry {
  readonly width: number;
  readonly height: number;
  readonly rows: readonly IntervalRow[];
  readonly ticks: readonly { readonly x: number; readonly value: number; readonly label: string }[];
  /** Holdout reference line's x, or null. */
  readonly holdoutX: number | null;
  /** Top of the axis area (below the last row). */
  readonly axisY: number;
}

/** The largest rate the axis shows: a multiple of a tick step, from the values drawn, at most 1. */
export function axisMax(values: readonly number[]): { max: number; step: number } {
  const top = Math.min(1, Math.max(0.01, ...values.map((value) => value * HEADROOM)));
  for (const step of TICK_STEPS) {
    const ticks = Math.ceil(top / step);
    if (ticks + 1 <= MAX_TICKS) return { max: Math.min(1, ticks * step), step };
  }
  return { max: 1, step: 0.25 };
}

function tickLabel(value: number, step: number): string {
  const digits = step < 0.01 ? 1 : 0;
  return `${(value * 100).toFixed(digits)} %`;
}

/** The plot of `arms` (in the given order), with the holdout's rate as a reference when given. */
export function intervalGeometry(arms: readonly IntervalInput[], holdoutRate: number | null = null): IntervalGeometry {
  const drawn = arms.filter((arm) => !arm.tooEarly);
  const values = drawn.flatMap((arm) => [arm.rate, ...(arm.ci95 ?? [])]);
  if (holdoutRate !== null) values.push(holdoutRate);
  const { max, step } = axisMax(values);
  const plotWidth = INTERVAL_PLOT.width - INTERVAL_PLOT.left - INTERVAL_PLOT.right;
  const round = (value: number) => Math.round(value * 10) / 10;
  const xOf = (rate: number) => round(INTERVAL_PLOT.left + (Math.min(Math.max(rate, 0), max) / max) * plotWidth);
  const rows = arms.map((arm, index) => ({
    channel: arm.channel,
    y: INTERVAL_PLOT.top + INTERVAL_PLOT.rowHeight * (index + 0.5),
    marks: arm.tooEarly ? null : { x: xOf(arm.rate), x1: xOf(arm.ci95?.[0] ?? arm.rate), x2: xOf(arm.ci95?.[1] ?? arm.rate) },
  }));
  const axisY = INTERVAL_PLOT.top + INTERVAL_PLOT.rowHeight * arms.length;
  const count = Math.round(max / step);
  const ticks = Array.from({ length: count + 1 }, (_, index) => {
    const value = Math.min(max, index * step);
    return { x: xOf(value), value, label: tickLabel(value, step) };
  });
  return { width: INTERVAL_PLOT.width, height: axisY + INTERVAL_PLOT.bottom, rows, ticks, holdoutX: holdoutRate === null ? null : xOf(holdoutRate), axisY };
}
