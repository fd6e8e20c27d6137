/** Geometry of the traffic-split chart (pure: no DOM, unit-tested in Node). */

/** One allocator run of one segment, as in the results' `history[]`. */
export interface HistoryPoint {
  readonly at: string;
  readonly segment: string;
  readonly weights: Readonly<Record<string, number>>;
  readonly sends: number;
  readonly responses: number;
}

/** Size and margins of the chart, in SVG units. */
export const CHART = { width: 640, height: 220, left: 48, right: 96, top: 12, bottom: 32 } as const;

/** Line styles by channel position: colour AND dash pattern, so lines differ without colour. */
export const LINE_STYLES = [
  { colour: '#1f5fa8', dash: '' },
  { colour: '#b34a00', dash: '8 4' },
  { colour: '#2d7a3a', dash: '2 4' },
  { colour: '#7b3fa0', dash: '12 4 3 4' },
  { colour: '#4d4d4d', dash: '4 2' },
] as const;

/** Least vertical distance between two line labels. */
const LABEL_GAP = 15;

/** A channel's line. */
export interface ChartLine {
  readonly channel: string;
  /** SVG path data. */
  readonly d: string;
  readonly points: readonly { readonly x: number; readonly y: number; readonly weight: number; readonly at: string }[];
  readonly style: (typeof LINE_STYLES)[number];
  /** Vertical position of the channel's label at the line's end (spread so labels never overlap). */
  readonly labelY: number;
}

/** Everything the SVG needs. */
export interface ChartGeometry {
  readonly lines: readonly ChartLine[];
  readonly yTicks: readonly { readonly y: number; readonly label: string }[];
  readonly xTicks: readonly { readonly x: number; readonly label: string }[];
}

function timeLabel(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  return spanMs >= 2 * 86_400_000 ? iso.slice(5, 10) : iso.slice(11, 16);
}

/** Lines of the weights of `channels` over `points` (one segment's history, oldest first). */
export function chartGeometry(points: readonly HistoryPoint[], channels: readonly string[]): ChartGeometry {
  const sorted = [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const times = sorted.map((point) => Date.parse(point.at));
  const first = times[0] ?? 0;
  const last = times[times.length - 1] ?? first;
  const span = last - first;
  const xOf = (ms: number) => CHART.left + (span === 0 ? plotWidth / 2 : ((ms - first) / span) * plotWidth);
  const yOf = (weight: number) => CHART.top + (1 - weight) * plotHeight;
  const round = (value: number) => Math.round(value * 10) / 10;
  const lines = channels.map((channel, index) => {
    const linePoints = sorted.map((point, position) => {
      const weight = point.weights[channel] ?? 0;
      return { x: round(xOf(times[position] ?? first)), y: round(yOf(weight)), weight, at: point.at };
    });
    const d = linePoints.map((point, position) => `${position === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' ');
    return { channel, d, points: linePoints, style: LINE_STYLES[index % LINE_STYLES.length] ?? LINE_STYLES[0], labelY: 0 };
  });
  const order = lines.map((line, index) => ({ index, y: line.points[line.points.length - 1]?.y ?? CHART.top })).sort((a, b) => a.y - b.y);
  const labelY: number[] = [];
  let previous = -Infinity;
  for (const entry of order) {
    previous = Math.max(entry.y, previous + LABEL_GAP);
    labelY[entry.index] = previous;
  }
  const labelled = lines.map((line, index) => ({ ...line, labelY: labelY[index] ?? line.labelY }));
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((weight) => ({ y: round(yOf(weight)), label: `${weight * 100} %` }));
  const xTicks =
    sorted.length === 0
      ? []
      : span === 0
        ? [{ x: round(xOf(first)), label: `${timeLabel(first, 0)} UTC` }]
        : [0, 0.5, 1].map((fraction) => ({ x: round(xOf(first + fraction * span)), label: `${timeLabel(first + fraction * span, span)}${fraction === 1 ? ' UTC' : ''}` }));
  return { lines: labelled, yTicks, xTicks };
}
