import { describe, expect, it } from 'vitest';
import { holdoutSummary } from '../../../../web/src/views/results/holdout';
import { arm, segment } from '../../fixtures/results';

const arms = [arm({ channel: 'sms', sends: 300, responses: 45 }), arm({ channel: 'email', sends: 100, responses: 3 })];

describe('the holdout lift in words', () => {
  it.each([
    { case: 'no holdout', holdout: { sends: 0, responses: 0, rate: null, lift: null }, state: 'none', text: 'No holdout yet: nobody in this segment was held out, so the lift of messaging at all is not measured.' },
    {
      case: 'a readable lift',
      holdout: { sends: 200, responses: 10, rate: 0.05, lift: { absolute: 0.07, relative: 1.4 } },
      state: 'readable',
      text: 'Messaging lifts the goal by +7.0 pts (12.0 % messaged vs 5.0 % held out, +140.0 % relative); 200 customers held out (no message), 10 responses, 5.0 %.',
    },
    {
      case: 'too few held out',
      holdout: { sends: 7, responses: 4, rate: 4 / 7, lift: { absolute: 0.12 - 4 / 7, relative: (0.12 - 4 / 7) / (4 / 7) } },
      state: 'too_few',
      text: '7 customers held out (no message), 4 responses, 57.1 %. Too few held out to read the lift (7 of 100): messaging lowers the goal by −45.1 pts (12.0 % messaged vs 57.1 % held out, −79.0 % relative) for now, which can still swing.',
    },
    { case: 'a zero holdout rate', holdout: { sends: 150, responses: 0, rate: 0, lift: { absolute: 0.12, relative: null } }, state: 'readable', text: 'Messaging lifts the goal by +12.0 pts (12.0 % messaged vs 0.0 % held out); 150 customers held out (no message), 0 responses, 0.0 %.' },
  ])('$case', ({ holdout, state, text }) => {
    expect(holdoutSummary(segment({ arms, holdout }))).toEqual({ state, text });
  });
});
