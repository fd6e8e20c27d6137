/**
 * Geometry of the traffic-share chart (pure: no DOM, unit-tested in Node): one step line per
 * channel over the allocator runs of a segment. The share is drawn as steps because it holds
 * from one allocator run to the next: a sloped line would show shares that never existed.
 */
import { channelStyle, type ChannelStyle } from './channel-style';

/** One allocator run of one segment, as in the results' `history[]`. */
export interface SharePoint {
  readonly at: string;
  readonly weights: Readonly<Partial<Record<string, number>>>;
}

/** Size and margins of the chart, in SVG units. */
export const SHARE_CHART = { width: 560, height: 200, left: 58, right: 70, top: 12, bottom: 30 } as const;

/** Least vertical distance between two line labels. */
const LABEL_GAP = 14;
/**
 * Room after the last run, as a fraction of the runs' span: the last share holds until the next
 * run, so it is drawn as a level stretch too, not only as a point at the edge.
 */
const TAIL_FRACTION = 0.1;

/** A channel's line. */
export interface ShareLine {
  readonly channel: string;
  /** SVG path data of the step line. */
  readonly d: string;
  /** One marker per run. */
  readonly points: readonly { readonly x: number; readonly y: number; readonly weight: number; readonly at: string }[];
  readonly style: ChannelStyle;
  /** Vertical position of the label at the line's end (spread so labels never overlap). */
  readonly labelY: number;
}

/** Everything the SVG needs. */
export interface ShareGeometry {
  readonly lines: readonly ShareLine[];
  readonly yTicks: readonly { readonly y: number; readonly label: string }[];
  readonly xTicks: readonly { readonly x: number; readonly label: string }[];
}

function timeLabel(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  return spanMs >= 2 * 86_400_000 ? iso.slice(5, 10) : iso.slice(11, 16);
}

/** Step lines of the shares of `channels` over `points` (any order; sorted by time here). */
export function shareGeometry(points: readonly SharePoint[], channels: readonly string[]): ShareGeometry {
  const sorted = [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const plotWidth = SHARE_CHART.width - SHARE_CHART.left - SHARE_CHART.right;
  const plotHeight = SHARE_CHART.height - SHARE_CHART.top - SHARE_CHART.bottom;
  const times = sorted.map((point) => Date.parse(point.at));
  const first = times[0] ?? 0;
  const last = times[times.length - 1] ?? first;
  const span = last - first;
  const domain = span * (1 + TAIL_FRACTION);
  const round = (value: number) => Math.round(value * 10) / 10;
  const xOf = (ms: number) => round(SHARE_CHART.left + (span === 0 ? 0 : ((ms - first) / domain) * plotWidth));
  const yOf = (weight: number) => round(SHARE_CHART.top + (1 - weight) * plotHeight);
  const endX = SHARE_CHART.left + plotWidth;
  const lines = channels.map((channel) => {
    const linePoints = sorted.map((point, index) => {
      const weight = point.weights[channel] ?? 0;
      return { x: xOf(times[index] ?? first), y: yOf(weight), weight, at: point.at };
    });
    const steps = linePoints.map((point, index) => (index === 0 ? `M${point.x} ${point.y}` : `H${point.x}V${point.y}`)).join('');
    const lastPoint = linePoints[linePoints.length - 1];
    const d = lastPoint && lastPoint.x < endX ? `${steps}H${endX}` : steps;
    return { channel, d, points: linePoints, style: channelStyle(channel), labelY: lastPoint?.y ?? SHARE_CHART.top };
  });
  const order = lines.map((line, index) => ({ index, y: line.labelY })).sort((a, b) => a.y - b.y);
  const labelY: number[] = [];
  let previous = -Infinity;
  for (const entry of order) {
    previous = Math.max(entry.y, previous + LABEL_GAP);
    labelY[entry.index] = previous;
  }
  const labelled = lines.map((line, index) => ({ ...line, labelY: labelY[index] ?? line.labelY }));
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((weight) => ({ y: yOf(weight), label: `${weight * 100} %` }));
  const xTicks =
    sorted.length === 0
      ? []
      : span === 0
        ? [{ x: xOf(first), label: `${timeLabel(first, 0)} UTC` }]
        : [0, 0.5, 1].map((fraction) => ({ x: xOf(first + fraction * span), label: `${timeLabel(first + fraction * span, span)}${fraction === 1 ? ' UTC' : ''}` }));
  return { lines: labelled, yTicks, xTicks };
}
