import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import cases from '../../../fixtures/bandit/ipw-cases.json';
import type { IpwEstimate, LoggedDecision } from '../../../../shared/domain/bandit';
import { ipwRate } from '../../../../shared/domain/bandit';
import { createSeededRng } from '../../../../shared/domain/random';

interface Case { name: string; decisions: LoggedDecision[]; expect: Record<string, IpwEstimate> }

describe('ipwRate', () => {
  it.each((cases.cases as unknown as Case[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = ipwRate(c.decisions);
    expect(Object.keys(result).sort()).toEqual(Object.keys(c.expect).sort());
    for (const [channel, e] of Object.entries(c.expect)) {
      expect(result[channel]?.rate).toBeCloseTo(e.rate, 12);
      expect(result[channel]?.decisions).toBe(e.decisions);
      expect(result[channel]?.successes).toBe(e.successes);
      expect(result[channel]?.effectiveSampleSize).toBeCloseTo(e.effectiveSampleSize, 12);
    }
  });

  it('refuses a zero propensity', () => {
    expect(() => ipwRate([{ channel: 'sms', propensity: 0, success: true }])).toThrow(/propensity/);
  });

  it('recovers the true rate when allocation depends on the outcome-correlated segment', () => {
    // Two segments: sms answers 20 % in A and 2 % in B; A sends sms with p = 0.9, B with p = 0.1.
    // The population rate of sms (equal-sized segments) is 11 %; the naive rate over sms sends is ~18 %.
    const rng = createSeededRng(3);
    const decisions: LoggedDecision[] = [];
    for (let i = 0; i < 100_000; i += 1) {
      const inA = rng.next() < 0.5;
      const p = inA ? 0.9 : 0.1;
      if (rng.next() < p) decisions.push({ channel: 'sms', propensity: p, success: rng.next() < (inA ? 0.2 : 0.02) });
    }
    expect(Math.abs((ipwRate(decisions).sms?.rate ?? 0) - 0.11)).toBeLessThan(0.006);
  });

  it('is a weighted mean, so it lies between 0 and 1', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ propensity: fc.double({ min: 0.01, max: 1, noNaN: true }), success: fc.boolean() }), { minLength: 1 }), (rows) => {
        const rate = ipwRate(rows.map((r) => ({ channel: 'email', ...r }))).email?.rate ?? Number.NaN;
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      }),
    );
  });
});
