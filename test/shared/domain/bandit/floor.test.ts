import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFloor, epsilonGreedyWeights, floorShare, normalise, SETTLED_FLOOR_FRACTION, uniformWeights } from '../../../../shared/domain/bandit';

const weightsArbitrary = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 8 }).map(normalise);

describe('applyFloor', () => {
  it.each([
    ['K = 2, f = 0.1', [1, 0], 0.1, [0.9, 0.1]],
    ['K = 4, f = 0.05', [0.5, 0.5, 0, 0], 0.05, [0.45, 0.45, 0.05, 0.05]],
    ['no floor', [0.2, 0.8], 0, [0.2, 0.8]],
  ])('%s', (_, weights, floor, expected) => {
    applyFloor(weights, floor).forEach((w, i) => expect(w).toBeCloseTo(expected[i] ?? Number.NaN, 12));
  });

  it('refuses K·f ≥ 1', () => {
    expect(() => applyFloor([0.5, 0.5], 0.5)).toThrow(/minShare/);
  });

  it('keeps the sum at 1, every share ≥ f, and the order of the weights', () => {
    fc.assert(
      fc.property(weightsArbitrary, fc.double({ min: 0, max: 0.999, noNaN: true }), (weights, fraction) => {
        const floor = fraction / weights.length;
        const shares = applyFloor(weights, floor);
        expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
        shares.forEach((s, i) => {
          expect(s).toBeGreaterThanOrEqual(floor - 1e-15);
          shares.forEach((t, j) => {
            if ((weights[i] ?? 0) > (weights[j] ?? 0)) expect(s).toBeGreaterThanOrEqual(t);
          });
        });
      }),
    );
  });
});

describe('floorShare', () => {
  it.each([
    ['no winner yet: the full floor', 0.01, false, 0.01],
    ['a settled winner: a quarter of it', 0.01, true, 0.0025],
    ['a marketer\'s 5 % floor, settled', 0.05, true, 0.0125],
    ['no floor stays none', 0, true, 0],
  ])('%s', (_, minShare, settled, expected) => {
    expect(floorShare(minShare, settled)).toBeCloseTo(expected, 15);
  });

  it('keeps a positive floor once settled (propensities stay > 0 for the IPW estimate)', () => {
    expect(SETTLED_FLOOR_FRACTION).toBeGreaterThan(0);
    expect(SETTLED_FLOOR_FRACTION).toBeLessThan(1);
  });
});

describe('uniform and epsilon-greedy weights', () => {
  it('uniform is 1/K', () => {
    expect(uniformWeights(4)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('epsilon-greedy splits the greedy share between tied leaders', () => {
    // ε = 0.1, K = 3: ε/K = 1/30 each, the two leaders share 0.9.
    const weights = epsilonGreedyWeights([0.2, 0.2, 0.1], 0.1);
    expect(weights[0]).toBeCloseTo(1 / 30 + 0.45, 12);
    expect(weights[1]).toBeCloseTo(1 / 30 + 0.45, 12);
    expect(weights[2]).toBeCloseTo(1 / 30, 12);
  });
});
