/** A channel's marker as a tiny inline SVG (legends, table rows, journey cells): shape + colour. */
import { channelStyle, markerPath } from './channel-style';

/** Properties of {@link ChannelMarker}. */
export interface ChannelMarkerProps {
  readonly channel: string;
  /** Side of the square box, in CSS pixels. */
  readonly size?: number;
}

/** The marker of `channel`, decorative (the channel's name is always written beside it). */
export function ChannelMarker({ channel, size = 12 }: ChannelMarkerProps) {
  const style = channelStyle(channel);
  const half = size / 2;
  return (
    <svg class="channel-marker" width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true" focusable="false">
      <path d={markerPath(style.shape, half, half, half * 0.7)} fill={style.shape === 'cross' ? 'none' : style.colour} stroke={style.colour} stroke-width={style.shape === 'cross' ? 2 : 1} />
    </svg>
  );
}
