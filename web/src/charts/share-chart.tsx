/**
 * The traffic-share chart of a segment: one step line per channel (colour, dash pattern and
 * marker shape), each labelled at its end, over the allocator runs; the same figures as a table
 * in a disclosure under it.
 */
import { channelName, count, percent, shortTime } from './format';
import { markerPath } from './channel-style';
import { SHARE_CHART, type SharePoint, shareGeometry } from './share-geometry';

/** One run, as the results' history has it. */
export interface ShareRun extends SharePoint {
  readonly sends: number;
  readonly responses: number;
  /** Channels whose rate change the allocator detected at this run. */
  readonly changes?: readonly string[];
}

/** Properties of {@link ShareChart}. */
export interface ShareChartProps {
  readonly segment: string;
  readonly runs: readonly ShareRun[];
  readonly channels: readonly string[];
}

/** The traffic-share chart with its table. */
export function ShareChart({ segment, runs, channels }: ShareChartProps) {
  if (runs.length === 0) return <p class="chart-empty">No allocator run yet: the split has not moved.</p>;
  const geometry = shareGeometry(runs, channels);
  const sorted = [...runs].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const latest = sorted[sorted.length - 1];
  const latestText = channels.map((channel) => `${channelName(channel)} ${percent(latest?.weights[channel] ?? 0, 0)}`).join(', ');
  const id = `share-${segment.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <>
      <svg class="chart share-chart" viewBox={`0 0 ${SHARE_CHART.width} ${SHARE_CHART.height}`} role="img" aria-labelledby={`${id}-title`} data-segment={segment}>
        <title id={`${id}-title`}>
          Traffic share per channel over {runs.length} allocator run{runs.length === 1 ? '' : 's'}, segment {segment}; latest: {latestText}
        </title>
        <g class="axes">
          {geometry.yTicks.map((tick) => (
            <g key={tick.label}>
              <line class="grid" x1={SHARE_CHART.left} x2={SHARE_CHART.width - SHARE_CHART.right} y1={tick.y} y2={tick.y} />
              <text x={SHARE_CHART.left - 6} y={tick.y + 4} text-anchor="end">
                {tick.label}
              </text>
            </g>
          ))}
          {geometry.xTicks.map((tick) => (
            <text key={tick.x} x={tick.x} y={SHARE_CHART.height - SHARE_CHART.bottom + 18} text-anchor="middle">
              {tick.label}
            </text>
          ))}
        </g>
        {sorted.map((run, index) =>
          run.changes && run.changes.length > 0 ? (
            <g key={`change-${run.at}`} class="change-mark">
              <line x1={geometry.lines[0]?.points[index]?.x} x2={geometry.lines[0]?.points[index]?.x} y1={SHARE_CHART.top} y2={SHARE_CHART.height - SHARE_CHART.bottom} stroke-dasharray="1 3" />
              <text x={(geometry.lines[0]?.points[index]?.x ?? 0) + 3} y={SHARE_CHART.top + 10}>
                change: {run.changes.map(channelName).join(', ')}
              </text>
            </g>
          ) : null,
        )}
        {geometry.lines.map((line) => (
          <g key={line.channel} class="line" data-channel={line.channel}>
            <path d={line.d} fill="none" stroke={line.style.colour} stroke-width={2.5} stroke-dasharray={line.style.dash || undefined} />
            {line.points.map((point) => (
              <path key={point.at} class="run-marker" d={markerPath(line.style.shape, point.x, point.y, 3.5)} fill={line.style.shape === 'cross' ? 'none' : line.style.colour} stroke={line.style.colour} stroke-width={1.5} />
            ))}
            <text class="line-label" x={SHARE_CHART.width - SHARE_CHART.right + 6} y={line.labelY + 4} fill={line.style.colour}>
              {channelName(line.channel)}
            </text>
          </g>
        ))}
      </svg>
      <details class="chart-table">
        <summary>Traffic share as a table</summary>
        <div class="table-wrap" tabIndex={0} role="region" aria-label={`Traffic share table, segment ${segment} (scrolls sideways)`}>
          <table>
            <caption>Traffic share per allocator run, segment {segment}</caption>
            <thead>
              <tr>
                <th scope="col">Run at</th>
                {channels.map((channel) => (
                  <th key={channel} scope="col">
                    {channelName(channel)}
                  </th>
                ))}
                <th scope="col">Sends</th>
                <th scope="col">Responses</th>
                <th scope="col">Rate change detected</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((run) => (
                <tr key={run.at}>
                  <th scope="row">{shortTime(run.at)}</th>
                  {channels.map((channel) => (
                    <td key={channel} class="num">
                      {percent(run.weights[channel] ?? 0)}
                    </td>
                  ))}
                  <td class="num">{count(run.sends)}</td>
                  <td class="num">{count(run.responses)}</td>
                  <td>{run.changes && run.changes.length > 0 ? run.changes.map(channelName).join(', ') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
