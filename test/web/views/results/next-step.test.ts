import { describe, expect, it } from 'vitest';
import { nextStep, segmentChanges, segmentMissing } from '../../../../web/src/views/results/next-step';
import { arm, segment } from '../../fixtures/results';

const sms = (probabilityBest: number) => arm({ channel: 'sms', rate: 0.16, probabilityBest });
const email = arm({ channel: 'email', rate: 0.04, probabilityBest: 0.03 });

describe('the next step of a segment', () => {
  it.each([
    { case: 'no sends', seg: segment({ arms: [sms(0.5), email], status: 'no_sends', leader: null }), kind: 'no_sends' },
    { case: 'nothing matured', seg: segment({ arms: [sms(0.5), email], status: 'too_early', leader: null }), kind: 'too_early' },
    { case: 'a declared winner', seg: segment({ arms: [sms(0.97), email], status: 'winner', winner: 'sms' }), kind: 'winner' },
    { case: 'learning in burn-in', seg: segment({ arms: [sms(0.97), email], inBurnIn: true }), kind: 'burn_in' },
    { case: 'a likely leader', seg: segment({ arms: [sms(0.85), email] }), kind: 'likely' },
    { case: 'an unclear race', seg: segment({ arms: [sms(0.55), email] }), kind: 'unclear' },
    { case: 'learning without a leader to show', seg: segment({ arms: [sms(0.99), email], leader: null }), kind: 'unclear' },
  ])('$case → $kind', ({ seg, kind }) => {
    expect(nextStep({ ...seg, recommendation: 'The API says.' })).toEqual({ kind, sentence: 'The API says.' });
  });

  it('lists what the API says is missing and the rate changes it detected', () => {
    const seg = segment({
      arms: [sms(0.9), email],
      missing: [{ requirement: 'matured_sends', needed: 100, current: 37, etaHours: 2, text: 'needs 100 matured sends per arm: 37 so far, about 2 h at the current traffic' }],
      changes: [{ at: '2026-03-04T10:00:00.000Z', channel: 'email', rateBefore: 0.08, rateAfter: 0.04, text: 'email changed at 2026-03-04 10:00 UTC' }],
    });
    expect(segmentMissing(seg)).toEqual(['needs 100 matured sends per arm: 37 so far, about 2 h at the current traffic']);
    expect(segmentChanges(seg)).toEqual(['email changed at 2026-03-04 10:00 UTC']);
  });
});
