/** SVG rendering of the traffic-split chart (DOM). */
import { CHART, chartGeometry, type HistoryPoint } from './chart-geometry';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * The SVG line chart of one segment's traffic split: one `<path>` per channel (colour and dash
 * pattern), a marker per allocator run, each line labelled with its channel at its end.
 */
export function renderChart(segment: string, points: readonly HistoryPoint[], channels: readonly string[]): SVGSVGElement {
  const geometry = chartGeometry(points, channels);
  const root = svg('svg', { viewBox: `0 0 ${CHART.width} ${CHART.height}`, role: 'img', class: 'chart', 'data-segment': segment });
  const lastWeights = channels.map((channel) => `${channel} ${Math.round((points[points.length - 1]?.weights[channel] ?? 0) * 100)} %`).join(', ');
  root.append(svg('title', {}, `Traffic share per channel over time, segment ${segment}: ${points.length} allocator runs; latest ${lastWeights}`));
  const axes = svg('g', { class: 'axes' });
  for (const tick of geometry.yTicks) {
    axes.append(svg('line', { x1: CHART.left, x2: CHART.width - CHART.right, y1: tick.y, y2: tick.y, class: 'grid' }));
    axes.append(svg('text', { x: CHART.left - 6, y: tick.y + 4, 'text-anchor': 'end' }, tick.label));
  }
  for (const tick of geometry.xTicks) {
    axes.append(svg('text', { x: tick.x, y: CHART.height - CHART.bottom + 18, 'text-anchor': 'middle' }, tick.label));
  }
  root.append(axes);
  for (const line of geometry.lines) {
    const group = svg('g', { class: 'line', 'data-channel': line.channel });
    group.append(svg('path', { d: line.d, fill: 'none', stroke: line.style.colour, 'stroke-width': 2.5, ...(line.style.dash ? { 'stroke-dasharray': line.style.dash } : {}), 'data-channel': line.channel }));
    for (const point of line.points) {
      const marker = svg('circle', { cx: point.x, cy: point.y, r: 3.5, fill: line.style.colour });
      marker.append(svg('title', {}, `${line.channel}: ${Math.round(point.weight * 1000) / 10} % at ${point.at}`));
      group.append(marker);
    }
    const end = line.points[line.points.length - 1];
    if (end) group.append(svg('text', { x: CHART.width - CHART.right + 8, y: line.labelY + 4, fill: line.style.colour, class: 'line-label' }, line.channel));
    root.append(group);
  }
  return root;
}
