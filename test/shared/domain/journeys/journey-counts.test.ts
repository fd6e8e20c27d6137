import { describe, expect, it } from 'vitest';
import { addCounts, journeyCountsReport } from '../../../../shared/domain/journeys/journey-counts';
import { EMPTY_TRIGGER_COUNTS, type TriggerCounts } from '../../../../shared/domain/triggers/pending-send';

const counts = (triggered: number, waiting: number, sent: number, byReason: TriggerCounts['exited']['byReason'] = {}): TriggerCounts => {
  const total = Object.values(byReason).reduce((sum, n) => sum + (n ?? 0), 0);
  return { triggered, waiting, sent, suppressed: 0, exited: { total, byReason } };
};

describe('journey counts: each experiment, each stage added up, the whole journey', () => {
  it.each([
    { name: 'nothing plus nothing', a: EMPTY_TRIGGER_COUNTS, b: EMPTY_TRIGGER_COUNTS, sum: EMPTY_TRIGGER_COUNTS },
    { name: 'exits add up by reason', a: counts(3, 1, 1, { journey_cap: 1 }), b: counts(2, 0, 1, { journey_cap: 1, later_stage: 0, exit_event: 1 }), sum: counts(5, 1, 2, { journey_cap: 2, exit_event: 1 }) },
  ])('$name', ({ a, b, sum }) => {
    expect(addCounts(a, b)).toEqual(sum);
  });

  it('reports every stage in order, an experiment without counts as zero', () => {
    const journey = { id: 'j', stages: [{ stage: 'awareness' as const, experimentIds: ['a', 'b'] }, { stage: 'purchase' as const, experimentIds: ['c'] }] };
    const report = journeyCountsReport(journey, new Map([['a', counts(4, 1, 2, { later_stage: 1 })], ['c', counts(2, 0, 2)]]), '2026-06-01T00:00:00.000Z');
    expect(report.stages.map((stage) => [stage.stage, stage.counts.triggered, stage.experiments.map((e) => e.counts.triggered)])).toEqual([
      ['awareness', 4, [4, 0]],
      ['purchase', 2, [2]],
    ]);
    expect(report.counts).toEqual(counts(6, 1, 4, { later_stage: 1 }));
  });
});
