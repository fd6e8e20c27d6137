import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../shared/runtime/config';

/** The one variable every function needs. */
const BASE = { TABLE_NAME: 'channel-lab' };

describe('config loader: the dispatch queue receive limit (DISPATCH_MAX_RECEIVE_COUNT)', () => {
  it.each([
    { value: undefined, parsed: undefined },
    { value: '5', parsed: 5 },
    { value: '1', parsed: 1 },
  ])('$value reads as $parsed', ({ value, parsed }) => {
    expect(loadConfig({ ...BASE, DISPATCH_MAX_RECEIVE_COUNT: value }).DISPATCH_MAX_RECEIVE_COUNT).toBe(parsed);
  });

  it.each(['0', '2.5', 'five', '-1'])('%s is refused at start with the variable named', (value) => {
    expect(() => loadConfig({ ...BASE, DISPATCH_MAX_RECEIVE_COUNT: value })).toThrow(/DISPATCH_MAX_RECEIVE_COUNT/);
  });
});
