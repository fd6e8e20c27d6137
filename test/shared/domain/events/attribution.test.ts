import { describe, expect, it } from 'vitest';
import { attribute } from '../../../../shared/domain/events/attribution';

const goal = { event: 'converted' as const, windowHours: 48 };
const sent = { decidedAt: '2026-11-01T10:00:00.000Z', sentAt: '2026-11-01T10:00:05.000Z' };
const holdout = { decidedAt: '2026-11-01T10:00:00.000Z' };

describe('attribute', () => {
  it.each([
    { name: 'the goal inside the window counts, delay from the send', event: { type: 'converted', occurredAt: '2026-11-01T12:00:05.000Z' }, decision: sent, expected: { kind: 'goal', delayMs: 2 * 3_600_000 } },
    { name: 'the goal exactly at the end of the window counts', event: { type: 'converted', occurredAt: '2026-11-03T10:00:05.000Z' }, decision: sent, expected: { kind: 'goal', delayMs: 48 * 3_600_000 } },
    { name: 'one millisecond after the window is late', event: { type: 'converted', occurredAt: '2026-11-03T10:00:05.001Z' }, decision: sent, expected: { kind: 'late' } },
    { name: 'another event type is not the goal', event: { type: 'clicked', occurredAt: '2026-11-01T11:00:00.000Z' }, decision: sent, expected: { kind: 'not_goal' } },
    { name: 'an event dated more than a minute before the decision does not count', event: { type: 'converted', occurredAt: '2026-11-01T09:58:59.999Z' }, decision: sent, expected: { kind: 'before_decision' } },
    { name: 'an event stamped in whole seconds, just before the decision (clock skew), counts with no delay', event: { type: 'converted', occurredAt: '2026-11-01T09:59:59.000Z' }, decision: sent, expected: { kind: 'goal', delayMs: 0 } },
    { name: 'between decision and send: counts with no delay', event: { type: 'converted', occurredAt: '2026-11-01T10:00:01.000Z' }, decision: sent, expected: { kind: 'goal', delayMs: 0 } },
    { name: "the holdout's window opens at the decision", event: { type: 'converted', occurredAt: '2026-11-02T10:00:00.000Z' }, decision: holdout, expected: { kind: 'goal', delayMs: 24 * 3_600_000 } },
  ] as const)('$name', ({ event, decision, expected }) => {
    expect(attribute(event, decision, goal)).toEqual(expected);
  });
});
