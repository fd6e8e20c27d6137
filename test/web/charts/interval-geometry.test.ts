import { describe, expect, it } from 'vitest';
import { axisMax, INTERVAL_PLOT, intervalGeometry } from '../../../web/src/charts/interval-geometry';

describe('the dot-and-interval plot', () => {
  it.each([
    { values: [0.16, 0.2], max: 0.25, step: 0.05 },
    { values: [0.04, 0.07], max: 0.08, step: 0.02 },
    { values: [0.6, 0.95], max: 1, step: 0.2 },
    { values: [], max: 0.01, step: 0.005 },
    { values: [0.001], max: 0.01, step: 0.005 },
  ])('an axis that holds $values ends at $max (ticks every $step)', ({ values, max, step }) => {
    const axis = axisMax(values);
    expect(axis.max).toBeCloseTo(max, 10);
    expect(axis.step).toBe(step);
    for (const value of values) expect(axis.max).toBeGreaterThanOrEqual(value);
  });

  it('draws each arm as an interval with its rate inside it, left to right on one axis from 0', () => {
    const geometry = intervalGeometry([
      { channel: 'sms', rate: 0.16, ci95: [0.12, 0.2], tooEarly: false },
      { channel: 'email', rate: 0.04, ci95: [0.02, 0.07], tooEarly: false },
    ]);
    expect(geometry.ticks[0]).toMatchObject({ x: INTERVAL_PLOT.left, value: 0, label: '0 %' });
    expect(geometry.ticks.at(-1)).toMatchObject({ x: INTERVAL_PLOT.width - INTERVAL_PLOT.right, label: '25 %' });
    const [sms, email] = geometry.rows;
    expect(sms?.marks).toEqual({ x: 374, x1: 302, x2: 446 });
    expect(email?.marks?.x).toBeLessThan(sms?.marks?.x1 ?? 0);
    expect(sms && email && email.y - sms.y).toBe(INTERVAL_PLOT.rowHeight);
    expect(geometry.holdoutX).toBeNull();
  });

  it('gives a too-early arm its row but no marks, and keeps it out of the axis range', () => {
    const geometry = intervalGeometry([
      { channel: 'sms', rate: 0.5, ci95: [0.01, 0.99], tooEarly: true },
      { channel: 'email', rate: 0.04, ci95: [0.02, 0.07], tooEarly: false },
    ]);
    expect(geometry.rows[0]?.marks).toBeNull();
    expect(geometry.ticks.at(-1)?.value).toBeCloseTo(0.08, 10);
  });

  it('places the holdout reference line on the same axis', () => {
    const geometry = intervalGeometry([{ channel: 'sms', rate: 0.1, ci95: [0.05, 0.15], tooEarly: false }], 0.2);
    expect(geometry.holdoutX).toBe(geometry.ticks.find((tick) => Math.abs(tick.value - 0.2) < 1e-9)?.x);
  });
});
