/**
 * How each channel is drawn, the same in every chart: a colour (contrast ≥ 4.5:1 on white), a
 * dash pattern for lines and a marker shape for points, so channels differ without colour too.
 */

/** Marker shapes. */
export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'cross';

/** A channel's drawing style. */
export interface ChannelStyle {
  /** Stroke and fill colour. */
  readonly colour: string;
  /** SVG `stroke-dasharray` ('' for solid). */
  readonly dash: string;
  /** Marker shape. */
  readonly shape: MarkerShape;
}

/** Styles of the known channels (fixed per channel, so a channel looks the same in every view). */
export const CHANNEL_STYLES: Readonly<Record<string, ChannelStyle>> = {
  email: { colour: '#1f5fa8', dash: '', shape: 'circle' },
  sms: { colour: '#a8430a', dash: '8 4', shape: 'square' },
  push: { colour: '#23703a', dash: '2 4', shape: 'diamond' },
  in_app: { colour: '#6f3a99', dash: '12 4 3 4', shape: 'triangle' },
  webhook: { colour: '#4d4d4d', dash: '4 2', shape: 'cross' },
};

/** Style of a channel unknown to this build (a newer API): grey, dotted, crosses. */
const FALLBACK_STYLE: ChannelStyle = { colour: '#555555', dash: '1 3', shape: 'cross' };

/** The style of `channel`. */
export function channelStyle(channel: string): ChannelStyle {
  return CHANNEL_STYLES[channel] ?? FALLBACK_STYLE;
}

/**
 * SVG path data of a marker of `shape` centred on (x, y) with half-size `r` (paths, so every shape
 * is one element that takes `fill` and `stroke`).
 */
export function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  const f = (value: number) => Math.round(value * 10) / 10;
  switch (shape) {
    case 'circle':
      return `M${f(x - r)} ${f(y)}a${r} ${r} 0 1 0 ${f(2 * r)} 0a${r} ${r} 0 1 0 ${f(-2 * r)} 0Z`;
    case 'square':
      return `M${f(x - r)} ${f(y - r)}h${f(2 * r)}v${f(2 * r)}h${f(-2 * r)}Z`;
    case 'diamond':
      return `M${f(x)} ${f(y - r * 1.3)}L${f(x + r * 1.3)} ${f(y)}L${f(x)} ${f(y + r * 1.3)}L${f(x - r * 1.3)} ${f(y)}Z`;
    case 'triangle':
      return `M${f(x)} ${f(y - r * 1.3)}L${f(x + r * 1.2)} ${f(y + r)}L${f(x - r * 1.2)} ${f(y + r)}Z`;
    case 'cross':
      return `M${f(x - r)} ${f(y - r)}L${f(x + r)} ${f(y + r)}M${f(x + r)} ${f(y - r)}L${f(x - r)} ${f(y + r)}`;
  }
}
