import { describe, expect, it } from 'vitest';
import { armEvidence, MIN_MATURED_SENDS } from '../../../../web/src/views/results/evidence';
import { arm } from '../../fixtures/results';

describe('how far an arm can be read', () => {
  it.each([
    { case: 'all matured', input: arm({ channel: 'sms', sends: 200, maturedSends: 200, responses: 20 }), tooEarly: false, counts: '200 sends, all matured, 20 responses', missing: '' },
    { case: 'too few matured', input: arm({ channel: 'sms', sends: 40, maturedSends: 3, responses: 1 }), tooEarly: true, counts: '40 sends (3 matured), 1 response', missing: 'SMS has 3 of 10 matured sends' },
    { case: 'no sends', input: arm({ channel: 'in_app', sends: 0, maturedSends: 0, responses: 0, ci95: null }), tooEarly: true, counts: '0 sends, 0 responses', missing: 'no sends on In-app yet' },
    { case: 'no interval yet', input: arm({ channel: 'email', sends: 50, maturedSends: 50, responses: 5, ci95: null }), tooEarly: true, counts: '50 sends, all matured, 5 responses', missing: 'no allocation has run yet' },
    { case: 'exactly the minimum', input: arm({ channel: 'email', sends: 30, maturedSends: MIN_MATURED_SENDS, responses: 1 }), tooEarly: false, counts: '30 sends (10 matured), 1 response', missing: '' },
  ])('$case', ({ input, tooEarly, counts, missing }) => {
    expect(armEvidence(input)).toEqual({ channel: input.channel, tooEarly, counts, missing });
  });

  it("follows the API's own tooEarly and missing when the results carry them", () => {
    const fromApi = { ...arm({ channel: 'sms', sends: 200, maturedSends: 200 }), tooEarly: true, missing: 'SMS: 40 more matured sends' };
    expect(armEvidence(fromApi)).toMatchObject({ tooEarly: true, missing: 'SMS: 40 more matured sends' });
    const notEarly = { ...arm({ channel: 'sms', sends: 5, maturedSends: 2 }), tooEarly: false };
    expect(armEvidence(notEarly)).toMatchObject({ tooEarly: false, missing: '' });
  });
});
