import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DELAY_BUCKET_COUNT } from '../../../../shared/domain/bandit';
import { aggregateCounters, type CohortCounter, cohortOf, mergeShards } from '../../../../shared/domain/statistics/cohort-counters';

const zeros = () => new Array<number>(DELAY_BUCKET_COUNT).fill(0);
function counter(overrides: Partial<CohortCounter>): CohortCounter {
  return { segment: 'default', arm: 'email', step: 0, cohortStart: '2026-11-01T10:00:00.000Z', sends: 0, successes: 0, delayHistogram: zeros(), valueSum: 0, valueCount: 0, ipwSends: 0, ipwSuccesses: 0, ...overrides };
}
const input = { windowHours: 24, channels: ['email', 'sms'] as const, segments: ['default'] };

describe('cohort counters', () => {
  it('puts a cohort hour at its start', () => {
    expect(cohortOf('2026-11-01T10:59:59.999Z')).toBe('2026-11-01T10:00:00.000Z');
  });

  it('adds shards of the same counter', () => {
    const histogram = zeros();
    histogram[3] = 1;
    const merged = mergeShards([counter({ sends: 3, successes: 1, delayHistogram: histogram, ipwSends: 6 }), counter({ sends: 4, ipwSends: 8 }), counter({ arm: 'sms', sends: 1 })]);
    expect(merged).toHaveLength(2);
    expect(merged.find((item) => item.arm === 'email')).toMatchObject({ sends: 7, successes: 1, ipwSends: 14 });
  });

  it.each([
    { name: 'a cohort whose window closed for its last send is matured', now: '2026-11-02T11:00:00.000Z', matured: 10, open: 0 },
    { name: 'one minute earlier it is still open', now: '2026-11-02T10:59:00.000Z', matured: 0, open: 10 },
  ])('$name', ({ now, matured, open }) => {
    const stats = aggregateCounters([counter({ sends: 10, successes: 2 })], { ...input, now: new Date(now) });
    const arm = stats.segments[0]!.arms.find((item) => item.channel === 'email')!;
    expect(arm.maturedSends).toBe(matured);
    expect(arm.openSendsByElapsed.reduce((a, b) => a + b, 0)).toBe(open);
    expect(arm.successes).toBe(2);
  });

  it('reads a cell whose bounce was counted before its send (the stream trails by seconds) as no send, never a negative one', () => {
    // markUndelivered takes the send back in its own transaction; the send itself arrives from the table's stream a few seconds later.
    const bounced = counter({ sends: -1, ipwSends: -2, failures: 1 });
    for (const now of ['2026-11-01T10:30:00.000Z', '2026-11-05T00:00:00.000Z']) {
      const stats = aggregateCounters([bounced, counter({ cohortStart: '2026-11-01T09:00:00.000Z', sends: 4, ipwSends: 8 })], { ...input, now: new Date(now) });
      const arm = stats.segments[0]!.arms.find((item) => item.channel === 'email')!;
      expect(arm.sends).toBe(4);
      expect([arm.maturedSends, ...arm.openSendsByElapsed].every((value) => value >= 0)).toBe(true);
      expect(stats.values.default?.email).toMatchObject({ ipwSends: 8, failures: 1 });
    }
  });

  it('issue 14: adds the elapsed minutes of open sends per bucket, so the delay model knows their mean age', () => {
    const stats = aggregateCounters([counter({ sends: 10 }), counter({ sends: 30, cohortStart: '2026-11-01T11:00:00.000Z' })], { ...input, now: new Date('2026-11-01T16:00:00.000Z') });
    const arm = stats.segments[0]!.arms.find((item) => item.channel === 'email')!;
    // 5.5 h and 4.5 h old (cohort midpoints), both in the [256, 512) minute bucket.
    const bucket = arm.openSendsByElapsed.findIndex((count) => count > 0);
    expect(arm.openSendsByElapsed[bucket]).toBe(40);
    expect(arm.openElapsedMinutes?.[bucket]).toBe(10 * 330 + 30 * 270);
  });

  it('issue 14: weighs each cohort by 1/√(its propensity) for the reported estimates', () => {
    // 10 sends at p = 0.25 (Σ 1/p = 40, weight 2), 2 answered, matured; 30 open sends at p = 1 (weight 1), 3 answered.
    const stats = aggregateCounters(
      [counter({ sends: 10, successes: 2, ipwSends: 40, ipwSuccesses: 8 }), counter({ sends: 30, successes: 3, ipwSends: 30, ipwSuccesses: 3, cohortStart: '2026-11-03T11:00:00.000Z' })],
      { ...input, now: new Date('2026-11-03T16:00:00.000Z') },
    );
    const weights = stats.segments[0]!.arms.find((item) => item.channel === 'email')!.adaptiveWeights!;
    expect(weights).toMatchObject({ maturedSends: 20, maturedSquares: 40, successes: 2 * 2 + 3 });
    expect(weights.openSendsByElapsed.reduce((a, b) => a + b, 0)).toBe(30);
    expect(weights.openSquaresByElapsed.reduce((a, b) => a + b, 0)).toBe(30);
  });

  it('keeps the holdout and follow-ups apart from the arms', () => {
    const stats = aggregateCounters(
      [counter({ arm: 'holdout', sends: 5, successes: 1 }), counter({ step: 1, arm: 'sms', sends: 2, successes: 1 }), counter({ sends: 7 })],
      { ...input, now: new Date('2026-11-05T00:00:00Z') },
    );
    expect(stats.holdout.default).toMatchObject({ sends: 5, successes: 1, maturedSends: 5 });
    expect(stats.followUps[1]?.default?.sms).toMatchObject({ sends: 2, successes: 1 });
    expect(stats.segments[0]!.arms.map((arm) => arm.sends)).toEqual([7, 0]);
  });

  it('never loses a send, however the counters are sharded', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ sends: fc.nat(50), shard: fc.nat(19), hour: fc.nat(72), arm: fc.constantFrom('email' as const, 'sms' as const) }), { maxLength: 60 }), (writes) => {
        const counters = writes.map((write) => counter({ arm: write.arm, sends: write.sends, cohortStart: new Date(Date.UTC(2026, 10, 1) + write.hour * 3_600_000).toISOString() }));
        const stats = aggregateCounters(counters, { ...input, now: new Date('2026-11-03T12:00:00Z') });
        const total = stats.segments[0]!.arms.reduce((sum, arm) => sum + arm.sends, 0);
        const matured = stats.segments[0]!.arms.reduce((sum, arm) => sum + arm.maturedSends + arm.openSendsByElapsed.reduce((a, b) => a + b, 0), 0);
        return total === writes.reduce((sum, write) => sum + write.sends, 0) && matured === total;
      }),
    );
  });
});
