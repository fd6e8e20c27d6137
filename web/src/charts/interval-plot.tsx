/**
 * The dot-and-interval plot of a segment's arms: per channel, the 95 % credible interval as a
 * line and the rate as the channel's marker (shape and colour), the holdout's rate as a dashed
 * reference line. A too-early arm gets its row with "too early" and its raw counts instead of
 * marks. The SVG is an image with a text title and description; the arms table beside it carries
 * every figure as text.
 */
import { channelName, percent } from './format';
import { channelStyle, markerPath } from './channel-style';
import { INTERVAL_PLOT, intervalGeometry } from './interval-geometry';

/** One arm of the plot. */
export interface IntervalPlotArm {
  readonly channel: string;
  readonly rate: number;
  readonly ci95: readonly [number, number] | null;
  readonly tooEarly: boolean;
  /** Raw counts, written in the row of a too-early arm. */
  readonly counts: string;
  /** Marked as the winner or leader. */
  readonly mark?: 'winner' | 'leader';
}

/** Properties of {@link IntervalPlot}. */
export interface IntervalPlotProps {
  /** Used in ids and the title. */
  readonly segment: string;
  readonly arms: readonly IntervalPlotArm[];
  /** The holdout's raw rate, drawn as a reference (null: none). */
  readonly holdoutRate: number | null;
}

/** The plot's text alternative: every arm's rate and interval, or "too early". */
export function intervalDescription(arms: readonly IntervalPlotArm[], holdoutRate: number | null): string {
  const parts = arms.map((arm) =>
    arm.tooEarly
      ? `${channelName(arm.channel)}: too early to say (${arm.counts})`
      : `${channelName(arm.channel)}${arm.mark ? ` (${arm.mark})` : ''}: ${percent(arm.rate)}, 95 % interval ${percent(arm.ci95?.[0] ?? arm.rate)} to ${percent(arm.ci95?.[1] ?? arm.rate)}`,
  );
  const holdout = holdoutRate === null ? '' : `; held-out customers (no message): ${percent(holdoutRate)}`;
  return `${parts.join('; ')}${holdout}.`;
}

/** The dot-and-interval plot. */
export function IntervalPlot({ segment, arms, holdoutRate }: IntervalPlotProps) {
  const geometry = intervalGeometry(arms, holdoutRate);
  const id = `interval-${segment.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <svg
      class="chart interval-plot"
      viewBox={`0 0 ${geometry.width} ${geometry.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-segment={segment}
    >
      <title id={`${id}-title`}>Response rate per channel with its 95 % credible interval, segment {segment}</title>
      <desc id={`${id}-desc`}>{intervalDescription(arms, holdoutRate)}</desc>
      <g class="axes">
        {geometry.ticks.map((tick) => (
          <g key={tick.value}>
            <line class="grid" x1={tick.x} x2={tick.x} y1={INTERVAL_PLOT.top} y2={geometry.axisY} />
            <text x={tick.x} y={geometry.axisY + 16} text-anchor="middle">
              {tick.label}
            </text>
          </g>
        ))}
        <line class="axis" x1={INTERVAL_PLOT.left} x2={INTERVAL_PLOT.width - INTERVAL_PLOT.right} y1={geometry.axisY} y2={geometry.axisY} />
      </g>
      {geometry.holdoutX === null ? null : (
        <g class="holdout-ref">
          <line x1={geometry.holdoutX} x2={geometry.holdoutX} y1={INTERVAL_PLOT.top - 4} y2={geometry.axisY} stroke-dasharray="3 3" />
          <text x={geometry.holdoutX} y={INTERVAL_PLOT.top - 8} text-anchor={geometry.holdoutX < INTERVAL_PLOT.left + 40 ? 'start' : 'middle'}>
            no message
          </text>
        </g>
      )}
      {geometry.rows.map((row, index) => {
        const arm = arms[index] as IntervalPlotArm;
        const style = channelStyle(row.channel);
        return (
          <g key={row.channel} class={`arm${arm.tooEarly ? ' too-early' : ''}`} data-channel={row.channel}>
            <text class="arm-label" x={INTERVAL_PLOT.left - 8} y={row.y + 4} text-anchor="end" font-weight={arm.mark ? 'bold' : 'normal'}>
              {channelName(row.channel)}
            </text>
            {row.marks === null ? (
              <text class="too-early-note" x={INTERVAL_PLOT.left + 6} y={row.y + 4}>
                Too early to say · {arm.counts}
              </text>
            ) : (
              <>
                <line class="interval" x1={row.marks.x1} x2={row.marks.x2} y1={row.y} y2={row.y} stroke={style.colour} stroke-width={3} />
                <line x1={row.marks.x1} x2={row.marks.x1} y1={row.y - 6} y2={row.y + 6} stroke={style.colour} stroke-width={2} />
                <line x1={row.marks.x2} x2={row.marks.x2} y1={row.y - 6} y2={row.y + 6} stroke={style.colour} stroke-width={2} />
                <path
                  class="rate-marker"
                  d={markerPath(style.shape, row.marks.x, row.y, 6)}
                  fill={style.shape === 'cross' ? 'none' : arm.mark ? style.colour : '#ffffff'}
                  stroke={style.colour}
                  stroke-width={2.5}
                />
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}
