import { describe, expect, it } from 'vitest';
import { armEvidence, MIN_MATURED_SENDS } from '../../../../web/src/views/results/evidence';
import { arm } from '../../fixtures/results';

describe('how far an arm can be read, derived when the API does not say', () => {
  it.each([
    { case: 'all matured', input: arm({ channel: 'sms', sends: 200, maturedSends: 200, responses: 20 }), tooEarly: false, provisional: false, counts: '200 sends, all matured, 20 responses', missing: '' },
    { case: 'too few matured', input: arm({ channel: 'sms', sends: 40, maturedSends: 3, responses: 1 }), tooEarly: true, provisional: false, counts: '40 sends (3 matured), 1 response', missing: 'SMS has 3 of 10 matured sends' },
    { case: 'no sends', input: arm({ channel: 'in_app', sends: 0, maturedSends: 0, responses: 0, ci95: null }), tooEarly: true, provisional: false, counts: '0 sends, 0 responses', missing: 'no sends on In-app yet' },
    { case: 'no interval yet', input: arm({ channel: 'email', sends: 50, maturedSends: 50, responses: 5, ci95: null }), tooEarly: true, provisional: false, counts: '50 sends, all matured, 5 responses', missing: 'no allocation has run yet' },
    { case: 'exactly the minimum', input: arm({ channel: 'email', sends: 30, maturedSends: MIN_MATURED_SENDS, responses: 1 }), tooEarly: false, provisional: true, counts: '30 sends (10 matured), 1 response', missing: '' },
  ])('$case', ({ input, tooEarly, provisional, counts, missing }) => {
    expect(armEvidence(input)).toEqual({ channel: input.channel, tooEarly, provisional, summary: '', counts, missing });
  });
});

describe("how far an arm can be read, as the API's assessment says", () => {
  it.each([
    { assessment: 'no_sends', tooEarly: true, provisional: false },
    { assessment: 'too_early', tooEarly: true, provisional: false },
    { assessment: 'provisional', tooEarly: false, provisional: true },
    { assessment: 'matured', tooEarly: false, provisional: false },
  ])('$assessment', ({ assessment, tooEarly, provisional }) => {
    const fromApi = { ...arm({ channel: 'sms', sends: 5, maturedSends: 2 }), assessment, summary: 'from the API' };
    expect(armEvidence(fromApi)).toMatchObject({ tooEarly, provisional, summary: 'from the API' });
  });

  it('says what is missing for a too-early arm even when its counts pass the derived threshold', () => {
    const fromApi = { ...arm({ channel: 'sms', sends: 200, maturedSends: 200 }), assessment: 'too_early', summary: 'too early' };
    expect(armEvidence(fromApi).missing).toBe("none of SMS's sends has matured yet");
  });
});
