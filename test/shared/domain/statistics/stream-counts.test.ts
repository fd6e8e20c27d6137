import { describe, expect, it } from 'vitest';
import { delayBucketOf } from '../../../../shared/domain/bandit';
import {
  changesAfter,
  compareSequence,
  firstChunk,
  GOAL_COUNTED_BY,
  GOAL_DELAY_MS,
  GOAL_VALUE,
  incrementsOf,
  SEND_COUNTED_BY,
  STREAM_COUNTED,
  type StreamChange,
  UncountableChangeError,
} from '../../../../shared/domain/statistics/stream-counts';

const queued = { entity: 'assignment', experimentId: 'x', segment: 'default', step: 0, channel: 'email', propensity: 0.25, status: 'sending', decidedAt: '2026-06-01T09:59:00.000Z' };
const sent = { ...queued, status: 'sent', sentAt: '2026-06-01T10:30:00.000Z', [SEND_COUNTED_BY]: STREAM_COUNTED };
const goal = { ...sent, goalAt: '2026-06-01T12:00:00.000Z', [GOAL_COUNTED_BY]: STREAM_COUNTED, [GOAL_DELAY_MS]: 5_400_000, [GOAL_VALUE]: 40 };
const change = (sequenceNumber: string, oldImage: Record<string, unknown> | undefined, newImage: Record<string, unknown> | undefined): StreamChange => ({
  sequenceNumber,
  ...(oldImage ? { oldImage } : {}),
  ...(newImage ? { newImage } : {}),
});

describe('incrementsOf: a change counts when the old image lacks what the new one has, and its write asked the stream to count it', () => {
  it('counts a send when sentAt appears: 1 send and 1/p in its send hour', () => {
    expect(incrementsOf(change('1', queued, sent))).toEqual([
      { cell: { experimentId: 'x', segment: 'default', arm: 'email', step: 0, cohortStart: '2026-06-01T10:00:00.000Z' }, addition: expect.objectContaining({ sends: 1, ipwSends: 4, successes: 0 }) },
    ]);
  });

  it('counts a success when goalAt appears: its delay bucket, value and 1/p, in the cohort of the send', () => {
    const [increment] = incrementsOf(change('2', sent, goal));
    expect(increment?.cell.cohortStart).toBe('2026-06-01T10:00:00.000Z');
    expect(increment?.addition).toMatchObject({ sends: 0, successes: 1, ipwSuccesses: 4, valueSum: 40, valueCount: 1 });
    expect(increment?.addition.delayHistogram[delayBucketOf(5_400_000)]).toBe(1);
    expect(increment?.addition.delayHistogram.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('counts a held-out decision’s success in the holdout arm, in its decision hour', () => {
    const holdout = { ...queued, channel: null, status: 'holdout' };
    const [increment] = incrementsOf(change('3', holdout, { ...holdout, goalAt: '2026-06-01T12:00:00.000Z', [GOAL_COUNTED_BY]: STREAM_COUNTED, [GOAL_DELAY_MS]: 0 }));
    expect(increment?.cell).toMatchObject({ arm: 'holdout', cohortStart: '2026-06-01T09:00:00.000Z' });
  });

  it.each([
    ['a write that changes nothing counted (delivered after sent)', change('4', sent, { ...sent, status: 'delivered' })],
    ['a send written before the switch (its transaction counted it: no marker)', change('5', queued, { ...sent, [SEND_COUNTED_BY]: undefined })],
    ['a goal written before the switch (no marker)', change('6', sent, { ...sent, goalAt: '2026-06-01T12:00:00.000Z' })],
    ['a goal on a decision already counted before (goalAt was there)', change('7', goal, { ...goal, goalEventId: 'again' })],
    ['an insert (a new decision)', change('8', undefined, queued)],
    ['a removal', change('9', goal, undefined)],
    ['another item type', change('10', { entity: 'counter' }, { entity: 'counter', sends: 3 })],
  ])('counts nothing for %s', (_, streamChange) => {
    expect(incrementsOf(streamChange)).toEqual([]);
  });

  it('refuses a marked change whose image cannot be counted, naming the change (a bug: the stream stops there and alarms)', () => {
    expect(() => incrementsOf(change('11', queued, { ...sent, propensity: undefined }))).toThrow(UncountableChangeError);
    expect(() => incrementsOf(change('12', sent, { ...goal, [GOAL_DELAY_MS]: undefined }))).toThrow(/12 .*goalDelayMs/);
  });
});

describe('sequence numbers', () => {
  it.each([
    ['9', '10', -1],
    ['000000000000000000010', '10', 0],
    ['1234567890123456789012345678901234567890', '1234567890123456789012345678901234567889', 1],
  ])('compares %s with %s as numbers', (a, b, expected) => {
    expect(compareSequence(a, b)).toBe(expected);
  });

  it('keeps the changes after a checkpoint, in order', () => {
    const changes = ['8', '9', '10', '11'].map((sequence) => change(sequence, queued, sent));
    expect(changesAfter(changes, '9').map((c) => c.sequenceNumber)).toEqual(['10', '11']);
    expect(changesAfter(changes, undefined)).toHaveLength(4);
  });
});

describe('firstChunk', () => {
  const sendIn = (sequence: number, segment: string) => change(String(sequence), { ...queued, segment }, { ...sent, segment });

  it('sums the changes of one cell into one increment', () => {
    const chunk = firstChunk([1, 2, 3].map((sequence) => sendIn(sequence, 'default')), 99);
    expect(chunk).toMatchObject({ firstSequence: '1', lastSequence: '3', changes: 3 });
    expect(chunk.increments).toHaveLength(1);
    expect(chunk.increments[0]?.addition).toMatchObject({ sends: 3, ipwSends: 12 });
  });

  it('stops before the change that would touch one cell too many, and keeps going on cells it has', () => {
    const changes = [sendIn(1, 'a'), sendIn(2, 'b'), sendIn(3, 'a'), sendIn(4, 'c'), sendIn(5, 'a')];
    const chunk = firstChunk(changes, 2);
    expect(chunk).toMatchObject({ firstSequence: '1', lastSequence: '3', changes: 3 });
    expect(chunk.increments.map((increment) => [increment.cell.segment, increment.addition.sends])).toEqual([['a', 2], ['b', 1]]);
  });

  it('covers changes that count nothing without writing for them', () => {
    const chunk = firstChunk([change('1', sent, { ...sent, status: 'delivered' }), sendIn(2, 'a')], 99);
    expect(chunk.changes).toBe(2);
    expect(chunk.increments).toHaveLength(1);
  });
});
