import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CohortOutcome } from '../../../../shared/domain/bandit';
import { detectRateChange } from '../../../../shared/domain/bandit';
import fixture from '../../../fixtures/bandit/change-cases.json';

/** Cohorts from constant-rate segments. */
function series(segments: readonly { cohorts: number; sends: number; successes: number }[]): CohortOutcome[] {
  return segments.flatMap((segment) => Array.from({ length: segment.cohorts }, () => ({ sends: segment.sends, successes: segment.successes })));
}

describe('detectRateChange (fixture scenarios)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const change = detectRateChange(series(c.segments));
    if (c.change === null) expect(change).toBeNull();
    else expect(change?.index).toBe(c.change);
  });
});

describe('detectRateChange laws', () => {
  it('a rate that holds exactly never triggers a reset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (cohorts, sends, rate) => {
        expect(detectRateChange(series([{ cohorts, sends, successes: sends * rate }]))).toBeNull();
      }),
    );
  });

  it('the reported rates are those of the two sides', () => {
    const change = detectRateChange(series([{ cohorts: 100, sends: 40, successes: 4 }, { cohorts: 100, sends: 40, successes: 1 }]));
    expect(change?.rateBefore).toBeCloseTo(0.1, 9);
    expect(change?.rateAfter).toBeCloseTo(0.025, 9);
  });
});
