import { describe, expect, it } from 'vitest';
import { logBeta, logGamma, STIRLING_MIN_ARGUMENT, stirlingCorrection } from '../../../../shared/domain/bandit';

describe('ln Γ and ln B', () => {
  it.each([
    [1, 0],
    [5, Math.log(24)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
  ])('logGamma(%d)', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 10);
  });

  it.each([
    [1, 1, 0],
    [2, 3, Math.log(1 / 12)],
    [0.5, 0.5, Math.log(Math.PI)],
  ])('logBeta(%d, %d)', (a, b, expected) => {
    expect(logBeta(a, b)).toBeCloseTo(expected, 10);
  });

  it.each([STIRLING_MIN_ARGUMENT, 25, 1e3])("Stirling's remainder at %d is ln Γ(x) less its leading terms", (x) => {
    const leading = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI);
    expect(stirlingCorrection(x)).toBeCloseTo(logGamma(x) - leading, 11);
  });
});
