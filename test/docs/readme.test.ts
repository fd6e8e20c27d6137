import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOAL_EVENTS } from '../../shared/domain/experiment/journey';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it("names the goal with the API's own event types (no words the API refuses)", () => {
    const sentence = /the goal event \(([^)]*)\)/.exec(README)?.[1];
    expect(sentence, 'the introduction names the goal event with its types in parentheses').toBeDefined();
    const words = [...(sentence ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    expect(new Set(words)).toEqual(new Set(GOAL_EVENTS));
  });
});
