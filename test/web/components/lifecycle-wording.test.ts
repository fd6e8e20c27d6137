import { describe, expect, it } from 'vitest';
import { ACTION_WORDING, allowedActions } from '../../../web/src/components/lifecycle-wording';

describe('lifecycle wording', () => {
  it.each([
    ['draft', ['start', 'archive']],
    ['running', ['pause', 'complete']],
    ['paused', ['resume', 'complete', 'archive']],
    ['completed', ['archive']],
    ['archived', []],
  ] as const)('a %s experiment offers %j', (status, actions) => {
    expect(allowedActions(status)).toEqual(actions);
  });

  it.each(Object.entries(ACTION_WORDING))('%s says what happens to traffic', (_action, wording) => {
    expect(wording.traffic).toMatch(/[Ss]end/);
  });
});
