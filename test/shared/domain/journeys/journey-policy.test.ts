import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JourneyStage } from '../../../../shared/domain/experiment/journey';
import type { JourneyCap } from '../../../../shared/domain/journeys/journey-definition';
import {
  admitSend,
  capAdmits,
  confirmSent,
  currentStage,
  DAY_MS,
  EMPTY_JOURNEY_STATE,
  enterStage,
  isSuperseded,
  type JourneyCustomerState,
  pruneSlots,
  RESERVATION_LEASE_MS,
} from '../../../../shared/domain/journeys/journey-policy';

const T0 = Date.parse('2026-06-01T00:00:00Z');
const HOUR_MS = 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (n: number) => T0 + n * DAY_MS;

describe('capAdmits: at most `messages` in any window of `perDays` days', () => {
  it.each([
    { name: 'no cap admits everything', cap: undefined, sent: [day(0), day(0), day(0)], at: day(0), admits: true },
    { name: 'nothing sent yet', cap: { messages: 1, perDays: 1 }, sent: [], at: day(0), admits: true },
    { name: 'one sent, cap of one, same day', cap: { messages: 1, perDays: 1 }, sent: [day(0)], at: day(0) + HOUR_MS, admits: false },
    { name: 'one sent exactly a window ago: out of the window', cap: { messages: 1, perDays: 1 }, sent: [day(0)], at: day(1), admits: true },
    { name: 'one sent a minute short of a window ago', cap: { messages: 1, perDays: 1 }, sent: [day(0)], at: day(1) - 60_000, admits: false },
    { name: 'two of three in a week', cap: { messages: 3, perDays: 7 }, sent: [day(0), day(3)], at: day(6), admits: true },
    { name: 'three of three in a week', cap: { messages: 3, perDays: 7 }, sent: [day(0), day(3), day(5)], at: day(6), admits: false },
    { name: 'the oldest left the week', cap: { messages: 3, perDays: 7 }, sent: [day(0), day(3), day(5)], at: day(7) + 1, admits: true },
    { name: 'a confirmation dated after the question still counts', cap: { messages: 1, perDays: 1 }, sent: [day(0) + HOUR_MS], at: day(0), admits: false },
  ] as { name: string; cap: JourneyCap | undefined; sent: number[]; at: number; admits: boolean }[])('$name', ({ cap, sent, at, admits }) => {
    expect(capAdmits(cap, sent, at)).toBe(admits);
  });
});

describe('stage order: a customer in a later stage leaves the earlier stages', () => {
  it.each([
    { name: 'nothing entered', stage: 'awareness', entered: {}, superseded: false },
    { name: 'only this stage entered', stage: 'awareness', entered: { awareness: iso(day(0)) }, superseded: false },
    { name: 'purchase entered: awareness is superseded', stage: 'awareness', entered: { awareness: iso(day(0)), purchase: iso(day(1)) }, superseded: true },
    { name: 'purchase entered: consideration is superseded', stage: 'consideration', entered: { purchase: iso(day(1)) }, superseded: true },
    { name: 'an earlier stage never supersedes a later one', stage: 'purchase', entered: { awareness: iso(day(1)), consideration: iso(day(1)) }, superseded: false },
    { name: 'the same stage does not supersede itself', stage: 'purchase', entered: { purchase: iso(day(1)) }, superseded: false },
    { name: 'a later stage entered after the question does not count yet', stage: 'awareness', entered: { purchase: iso(day(3)) }, superseded: false },
  ] as { name: string; stage: JourneyStage; entered: JourneyCustomerState['entered']; superseded: boolean }[])('$name', ({ stage, entered, superseded }) => {
    expect(isSuperseded(stage, entered, day(2))).toBe(superseded);
  });

  it('the current stage is the furthest entered; entering again keeps the first time', () => {
    const state = enterStage(enterStage(enterStage(EMPTY_JOURNEY_STATE, 'consideration', iso(day(1))), 'awareness', iso(day(2))), 'consideration', iso(day(3)));
    expect(state.entered).toEqual({ consideration: iso(day(1)), awareness: iso(day(2)) });
    expect(currentStage(state.entered)).toBe('consideration');
    expect(currentStage({})).toBeUndefined();
  });
});

describe('admitSend: order first, then the cap, reserving a place', () => {
  const cap = { messages: 1, perDays: 2 };
  const request = (key: string, at: number, stage: JourneyStage = 'awareness') => ({ key, experimentId: key.split('/')[0] ?? key, stage, at: iso(at) });

  it.each([
    { name: 'first send of the journey is admitted', state: EMPTY_JOURNEY_STATE, req: request('a/1', day(0)), answer: { admitted: true } },
    {
      name: 'a later stage entered: refused as later_stage even with room under the cap',
      state: enterStage(EMPTY_JOURNEY_STATE, 'purchase', iso(day(0))),
      req: request('a/1', day(1)),
      answer: { admitted: false, reason: 'later_stage' },
    },
    {
      name: 'cap full with another experiment’s send: refused as journey_cap',
      state: { entered: {}, slots: [{ key: 'b/1', experimentId: 'b', admittedAt: iso(day(0)), sentAt: iso(day(0)) }] },
      req: request('a/1', day(1)),
      answer: { admitted: false, reason: 'journey_cap' },
    },
    {
      name: 'an unconfirmed place within its lease holds the cap',
      state: { entered: {}, slots: [{ key: 'b/1', experimentId: 'b', admittedAt: iso(day(0)) }] },
      req: request('a/1', day(0) + RESERVATION_LEASE_MS - 1),
      answer: { admitted: false, reason: 'journey_cap' },
    },
    {
      name: 'an unconfirmed place past its lease is freed',
      state: { entered: {}, slots: [{ key: 'b/1', experimentId: 'b', admittedAt: iso(day(0)) }] },
      req: request('a/1', day(0) + RESERVATION_LEASE_MS),
      answer: { admitted: true },
    },
    {
      name: 'a retried admit of the same send is admitted again without a second place',
      state: { entered: {}, slots: [{ key: 'a/1', experimentId: 'a', admittedAt: iso(day(0)) }] },
      req: request('a/1', day(0) + 1000),
      answer: { admitted: true },
    },
  ] as { name: string; state: JourneyCustomerState; req: ReturnType<typeof request>; answer: object }[])('$name', ({ state, req, answer }) => {
    const outcome = admitSend(state, req, cap);
    expect(outcome).toMatchObject(answer);
    if (outcome.admitted) expect(outcome.state.slots.filter((slot) => slot.key === req.key)).toHaveLength(1);
  });

  it('without a cap nothing is stored but the order still applies', () => {
    const outcome = admitSend(EMPTY_JOURNEY_STATE, request('a/1', day(0)), undefined);
    expect(outcome).toEqual({ admitted: true, state: EMPTY_JOURNEY_STATE, changed: false });
    expect(admitSend(enterStage(EMPTY_JOURNEY_STATE, 'loyalty', iso(day(0))), request('a/1', day(0), 'post_purchase'), undefined)).toEqual({ admitted: false, reason: 'later_stage' });
  });
});

describe('confirmSent: a retried confirmation never counts twice', () => {
  const admitted: JourneyCustomerState = { entered: {}, slots: [{ key: 'a/1', experimentId: 'a', admittedAt: iso(day(0)) }] };

  it.each([
    { name: 'by key', sent: { key: 'a/1', experimentId: 'a', at: iso(day(0) + 1) } },
    { name: 'by experiment (the oldest unconfirmed place)', sent: { experimentId: 'a', at: iso(day(0) + 1) } },
  ])('$name: confirmed once, the repeat changes nothing', ({ sent }) => {
    const once = confirmSent(admitted, sent);
    expect(once?.slots).toEqual([{ key: 'a/1', experimentId: 'a', admittedAt: iso(day(0)), sentAt: iso(day(0) + 1) }]);
    expect(confirmSent(once ?? admitted, sent)).toBeUndefined();
  });

  it('by key, a confirmed place is never confused with another unconfirmed place of the experiment', () => {
    const two: JourneyCustomerState = { entered: {}, slots: [...admitted.slots, { key: 'a/2', experimentId: 'a', admittedAt: iso(day(0) + 5) }] };
    const once = confirmSent(two, { key: 'a/2', experimentId: 'a', at: iso(day(0) + 6) });
    expect(once?.slots.map((slot) => slot.sentAt)).toEqual([undefined, iso(day(0) + 6)]);
    expect(confirmSent(once ?? two, { key: 'a/2', experimentId: 'a', at: iso(day(0) + 7) })).toBeUndefined();
  });

  it('a confirmation of an experiment with no place changes nothing', () => {
    expect(confirmSent(admitted, { experimentId: 'b', at: iso(day(0)) })).toBeUndefined();
  });

  it('pruning keeps only what the cap counts, so the state stays bounded', () => {
    const slots = [
      { key: 'old', experimentId: 'a', admittedAt: iso(day(0)), sentAt: iso(day(0)) },
      { key: 'lapsed', experimentId: 'a', admittedAt: iso(day(2)) },
      { key: 'recent', experimentId: 'b', admittedAt: iso(day(3)), sentAt: iso(day(3)) },
    ];
    expect(pruneSlots(slots, { messages: 5, perDays: 2 }, day(4)).map((slot) => slot.key)).toEqual(['recent']);
    expect(pruneSlots(slots, undefined, day(4))).toEqual([]);
  });
});

describe('property: never more than the cap in any window, whatever the order of questions', () => {
  const step = fc.record({
    gapMs: fc.integer({ min: 0, max: 3 * DAY_MS }),
    experiment: fc.constantFrom('a', 'b', 'c'),
    confirm: fc.boolean(),
    confirmDelayMs: fc.integer({ min: 0, max: RESERVATION_LEASE_MS - 1 }),
    retry: fc.boolean(),
  });

  it('sent messages in any window of perDays days are at most cap.messages; a free cap admits', () => {
    fc.assert(
      fc.property(fc.record({ messages: fc.integer({ min: 1, max: 4 }), perDays: fc.integer({ min: 1, max: 5 }) }), fc.array(step, { maxLength: 60 }), (cap, steps) => {
        let state = EMPTY_JOURNEY_STATE;
        let now = T0;
        const sentTimes: number[] = [];
        steps.forEach((s, index) => {
          now += s.gapMs;
          const key = `${s.experiment}/${index}`;
          const countedBefore = pruneSlots(state.slots, cap, now).length;
          const outcome = admitSend(state, { key, experimentId: s.experiment, stage: 'awareness', at: iso(now) }, cap);
          // Liveness: with room under the cap, the send is admitted.
          if (countedBefore < cap.messages && pruneSlots(state.slots, cap, now).every((slot) => (slot.sentAt ?? slot.admittedAt) <= iso(now))) expect(outcome.admitted).toBe(true);
          if (!outcome.admitted) return;
          state = outcome.state;
          if (s.retry) {
            const again = admitSend(state, { key, experimentId: s.experiment, stage: 'awareness', at: iso(now) }, cap);
            expect(again).toMatchObject({ admitted: true, changed: false });
          }
          if (!s.confirm) return;
          const sentAt = now + s.confirmDelayMs;
          state = confirmSent(state, { key, experimentId: s.experiment, at: iso(sentAt) }) ?? state;
          if (s.retry) expect(confirmSent(state, { key, experimentId: s.experiment, at: iso(sentAt) })).toBeUndefined();
          sentTimes.push(sentAt);
        });
        for (const end of sentTimes) {
          expect(sentTimes.filter((time) => time > end - cap.perDays * DAY_MS && time <= end).length).toBeLessThanOrEqual(cap.messages);
        }
      }),
      { numRuns: 300 },
    );
  });
});
