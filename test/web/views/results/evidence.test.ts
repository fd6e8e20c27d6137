import { describe, expect, it } from 'vitest';
import { armEvidence, rawCounts } from '../../../../web/src/views/results/evidence';
import { arm } from '../../fixtures/results';

describe("how far an arm can be read, as the API's assessment says", () => {
  it.each([
    { assessment: 'no_sends', tooEarly: true, provisional: false },
    { assessment: 'too_early', tooEarly: true, provisional: false },
    { assessment: 'provisional', tooEarly: false, provisional: true },
    { assessment: 'matured', tooEarly: false, provisional: false },
  ] as const)('$assessment', ({ assessment, tooEarly, provisional }) => {
    const fromApi = arm({ channel: 'sms', sends: 5, maturedSends: 2, responses: 1, assessment, summary: 'from the API' });
    expect(armEvidence(fromApi)).toEqual({ channel: 'sms', tooEarly, provisional, summary: 'from the API', counts: '5 sends (2 matured), 1 response' });
  });

  it.each([
    [{ sends: 200, maturedSends: 200, responses: 20 }, '200 sends, all matured, 20 responses'],
    [{ sends: 1, maturedSends: 0, responses: 1 }, '1 send (0 matured), 1 response'],
    [{ sends: 0, maturedSends: 0, responses: 0 }, '0 sends, 0 responses'],
    [{ sends: 12_345, maturedSends: 1_000, responses: 2 }, '12,345 sends (1,000 matured), 2 responses'],
  ])('raw counts of %o', (counts, text) => expect(rawCounts(counts)).toBe(text));
});
