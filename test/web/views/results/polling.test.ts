import { describe, expect, it } from 'vitest';
import { maxAgeSeconds, pollSeconds } from '../../../../web/src/views/results/polling';

describe('when to poll again', () => {
  it.each([
    { cacheControl: 'private, max-age=180', override: null, seconds: 180 },
    { cacheControl: 'private, max-age=1', override: null, seconds: 5 },
    { cacheControl: null, override: null, seconds: 30 },
    { cacheControl: 'no-store', override: null, seconds: 30 },
    { cacheControl: 'private, max-age=180', override: '1', seconds: 1 },
    { cacheControl: 'private, max-age=180', override: 'soon', seconds: 180 },
    { cacheControl: 'private, max-age=180', override: '-3', seconds: 180 },
  ])('$cacheControl with override $override → $seconds s', ({ cacheControl, override, seconds }) => {
    expect(pollSeconds(override, maxAgeSeconds(cacheControl))).toBe(seconds);
  });

  it('reads max-age wherever it stands in the header', () => {
    expect(maxAgeSeconds('max-age=12')).toBe(12);
    expect(maxAgeSeconds('private,max-age=60')).toBe(60);
    expect(maxAgeSeconds('s-maxage=60')).toBeUndefined();
  });
});
