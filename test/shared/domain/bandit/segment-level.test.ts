import { describe, expect, it } from 'vitest';
import { segmentLevelCentres } from '../../../../shared/domain/bandit';

/** Expected counts (no noise) of a table whose rates are a segment level times a channel factor. */
function multiplicativeTable(levels: readonly number[], factors: readonly number[], trials: number) {
  return levels.map((level) => factors.map((factor) => ({ successes: level * factor * trials, trials })));
}

describe('segmentLevelCentres: the channel × segment structure', () => {
  it('recovers level × factor for every arm of a multiplicative table', () => {
    const levels = [0.5, 1, 1.5, 2];
    const factors = [0.04, 0.05, 0.065];
    const centres = segmentLevelCentres(multiplicativeTable(levels, factors, 4000))!;
    levels.forEach((level, s) =>
      factors.forEach((factor, c) => {
        expect(centres[s]![c]!.mean / (level * factor)).toBeGreaterThan(0.95);
        expect(centres[s]![c]!.mean / (level * factor)).toBeLessThan(1.05);
      }),
    );
  });

  it("takes a segment's level from its other arms: doubling an arm's own rate moves its centre far less (only through its channel's factor)", () => {
    const table = multiplicativeTable([0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 0.6, 0.9, 1.1, 1.4, 1.6], [0.04, 0.05, 0.065], 2000);
    const doubled = table.map((row, s) => row.map((e, c) => (s === 1 && c === 2 ? { ...e, successes: 2 * e.successes } : e)));
    const before = segmentLevelCentres(table)![1]![2]!.mean;
    const after = segmentLevelCentres(doubled)![1]![2]!.mean;
    expect(Math.abs(after / before - 1)).toBeLessThan(0.15);
  });

  it('an arm with nothing yet in a segment whose other arms have data gets that segment\'s level', () => {
    const table = multiplicativeTable([0.5, 2], [0.04, 0.05, 0.065], 2000);
    const young = table.map((row, s) => row.map((e, c) => (s === 1 && c === 0 ? { successes: 0, trials: 0 } : e)));
    expect(segmentLevelCentres(young)![1]![0]!.mean / (2 * 0.04)).toBeGreaterThan(0.9);
  });

  it.each([
    ['one segment with data', [[{ successes: 5, trials: 50 }, { successes: 6, trials: 50 }], [{ successes: 0, trials: 0 }, { successes: 0, trials: 0 }]]],
    ['no data at all', [[{ successes: 0, trials: 0 }, { successes: 0, trials: 0 }], [{ successes: 0, trials: 0 }, { successes: 0, trials: 0 }]]],
  ])('has no structure to offer with %s', (_, table) => {
    expect(segmentLevelCentres(table)).toBeNull();
  });
});
