import { describe, expect, it } from 'vitest';
import { SHARE_CHART, shareGeometry } from '../../../web/src/charts/share-geometry';

const runs = [
  { at: '2026-03-02T13:00:00.000Z', weights: { sms: 0.5, email: 0.5 } },
  { at: '2026-03-02T13:30:00.000Z', weights: { sms: 0.8, email: 0.2 } },
  { at: '2026-03-02T13:15:00.000Z', weights: { sms: 0.6, email: 0.4 } },
];

describe('the traffic-share chart', () => {
  it('draws steps: the share holds from one allocator run to the next, and the last one on after it', () => {
    const geometry = shareGeometry(runs, ['sms', 'email']);
    const sms = geometry.lines[0];
    expect(sms?.points.map((point) => point.weight)).toEqual([0.5, 0.6, 0.8]);
    expect(sms?.d).toBe('M58 91H254.4V75.2H450.7V43.6H490');
    expect(geometry.xTicks.map((tick) => tick.label)).toEqual(['13:00', '13:15', '13:30 UTC']);
    expect(geometry.xTicks.at(-1)?.x).toBe(sms?.points.at(-1)?.x);
  });

  it('draws a single run as a level line across the plot', () => {
    const geometry = shareGeometry([runs[0] as (typeof runs)[number]], ['sms']);
    expect(geometry.lines[0]?.d).toBe(`M58 91H${SHARE_CHART.width - SHARE_CHART.right}`);
    expect(geometry.xTicks).toEqual([{ x: SHARE_CHART.left, label: '13:00 UTC' }]);
  });

  it('keeps line labels apart when the shares end close together', () => {
    const geometry = shareGeometry([{ at: '2026-03-02T13:00:00.000Z', weights: { sms: 0.5, email: 0.49, push: 0.01 } }], ['sms', 'email', 'push']);
    const ys = geometry.lines.map((line) => line.labelY).sort((a, b) => a - b);
    for (let index = 1; index < ys.length; index += 1) expect((ys[index] ?? 0) - (ys[index - 1] ?? 0)).toBeGreaterThanOrEqual(14);
  });

  it('gives each channel its own dash pattern and marker, the same in every chart', () => {
    const geometry = shareGeometry(runs, ['sms', 'email']);
    const [sms, email] = geometry.lines;
    expect(sms?.style.dash).not.toBe(email?.style.dash);
    expect(sms?.style.shape).not.toBe(email?.style.shape);
    expect(shareGeometry(runs, ['email', 'sms']).lines[1]?.style).toEqual(sms?.style);
  });
});
