import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../../shared/domain/bandit';
import { leaveOneOutCentres } from '../../../../shared/domain/results/multiplicative-centres';

/** Evidence at a rate with many trials. */
const at = (rate: number, trials = 10_000): Evidence => ({ successes: rate * trials, trials });

describe('leave-one-out centres', () => {
  it('issue 14: a starved arm of a high-rate segment is centred high, not on its channel\'s pooled rate', () => {
    // Segments at levels 1, 1, 3 (vip) × channel factors (email 2 %, in_app 1 %); vip's in-app arm has 20 sends.
    const evidence = [
      [at(0.02), at(0.01)],
      [at(0.02), at(0.01)],
      [at(0.06), { successes: 0, trials: 20 }],
    ];
    const centres = leaveOneOutCentres(evidence);
    expect(centres[2]![1]).toBeCloseTo(0.03, 3);
    // A well-measured arm of a low segment sits on the structure too.
    expect(centres[0]![0]).toBeCloseTo(0.02, 3);
  });

  it('never uses an arm\'s own data for its centre', () => {
    const base = [
      [at(0.02), at(0.04)],
      [at(0.03), at(0.06)],
    ];
    const changed = [base[0]!, [base[1]![0]!, at(0.3)]];
    expect(leaveOneOutCentres(changed)[1]![1]).toBeCloseTo(leaveOneOutCentres(base)[1]![1]!, 12);
  });

  it.each([
    { name: 'no data at all', evidence: [[{ successes: 0, trials: 0 }, { successes: 0, trials: 0 }]] },
    { name: 'every send answered', evidence: [[at(1), at(1)], [at(1), at(1)]] },
    { name: 'nothing answered', evidence: [[at(0), at(0)], [at(0), at(0)]] },
  ])('stays strictly inside (0, 1) with $name', ({ evidence }) => {
    for (const centre of leaveOneOutCentres(evidence).flat()) {
      expect(centre).toBeGreaterThan(0);
      expect(centre).toBeLessThan(1);
    }
  });
});
