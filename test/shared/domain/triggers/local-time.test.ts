import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../../support/fast-check-seed';
import { localMinutes } from '../../../../shared/domain/eligibility/quiet-hours';
import { nextLocalTime } from '../../../../shared/domain/triggers/local-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Widest DST shift of any zone (Troll): the slack of the upper bound. */
const DST_SLACK = 2 * HOUR;

describe('nextLocalTime', () => {
  it.each([
    { name: 'later the same day', from: '2026-06-10T06:00:00Z', time: '10:00', zone: 'Europe/Paris', expected: '2026-06-10T08:00:00.000Z' },
    { name: 'exactly at the time', from: '2026-06-10T08:00:00Z', time: '10:00', zone: 'Europe/Paris', expected: '2026-06-10T08:00:00.000Z' },
    { name: 'a second past the time: tomorrow', from: '2026-06-10T08:00:01Z', time: '10:00', zone: 'Europe/Paris', expected: '2026-06-11T08:00:00.000Z' },
    { name: 'the next day, west of UTC', from: '2026-06-10T20:00:00Z', time: '09:30', zone: 'America/New_York', expected: '2026-06-11T13:30:00.000Z' },
    { name: 'midnight (05:00 in Tokyo: the next one)', from: '2026-06-10T20:00:00Z', time: '00:00', zone: 'Asia/Tokyo', expected: '2026-06-11T15:00:00.000Z' },
    { name: 'a half-hour zone', from: '2026-06-10T00:00:00Z', time: '09:00', zone: 'Asia/Kolkata', expected: '2026-06-10T03:30:00.000Z' },
    { name: 'across a spring-forward night (offset changes in between)', from: '2026-03-28T12:00:00Z', time: '10:00', zone: 'Europe/Paris', expected: '2026-03-29T08:00:00.000Z' },
    { name: 'a time in the spring-forward gap: when the clock jumps past it', from: '2026-03-29T00:00:00Z', time: '02:30', zone: 'Europe/Paris', expected: '2026-03-29T01:00:00.000Z' },
    { name: 'a repeated fall-back time: its first occurrence', from: '2026-10-24T12:00:00Z', time: '02:30', zone: 'Europe/Paris', expected: '2026-10-25T00:30:00.000Z' },
    { name: 'across a fall-back night', from: '2026-10-24T12:00:00Z', time: '10:00', zone: 'Europe/Paris', expected: '2026-10-25T09:00:00.000Z' },
    { name: 'UTC', from: '2026-01-01T23:59:00Z', time: '23:58', zone: 'UTC', expected: '2026-01-02T23:58:00.000Z' },
  ])('$name', ({ from, time, zone, expected }) => {
    expect(nextLocalTime(new Date(from), time, zone).toISOString()).toBe(expected);
  });

  const zones = ['Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC', 'America/Santiago', 'Antarctica/Troll'];

  it('lands at or after `from`, within a day (plus DST slack), on the local HH:MM or the first minute past it, and is the first such minute', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...zones),
        (from, hour, minute, zone) => {
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const target = hour * 60 + minute;
          const result = nextLocalTime(from, time, zone).getTime();
          expect(result).toBeGreaterThanOrEqual(from.getTime());
          expect(result).toBeLessThan(from.getTime() + 24 * HOUR + DST_SLACK);
          expect(result % MINUTE).toBe(0);
          const local = localMinutes(new Date(result), zone);
          const before = localMinutes(new Date(result - MINUTE), zone);
          // On the target, or (a DST gap swallowed it) the clock jumped from before it to after it.
          const jumpedOver = local !== target && (target - before + 1440) % 1440 <= (local - before + 1440) % 1440;
          expect(local === target || jumpedOver).toBe(true);
          // No earlier whole minute at or after `from` showed the target (checked every minute).
          for (let at = Math.ceil(from.getTime() / MINUTE) * MINUTE; at < result; at += MINUTE) {
            if (localMinutes(new Date(at), zone) === target) expect.fail(`${new Date(at).toISOString()} already shows ${time} in ${zone}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
