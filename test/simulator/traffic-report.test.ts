import { describe, expect, it } from 'vitest';
import { topChannel, trafficLines } from '../../simulator/traffic-report';

describe('topChannel', () => {
  it.each([
    { name: 'the largest weight', arms: [{ channel: 'sms', weight: 0.7, sends: 9 }, { channel: 'email', weight: 0.3, sends: 4 }], expected: { channel: 'sms', weight: 0.7 } },
    { name: 'an arm no customer can receive is left out, the rest renormalised', arms: [{ channel: 'push', weight: 0.6, sends: 0 }, { channel: 'email', weight: 0.3, sends: 5 }, { channel: 'in_app', weight: 0.1, sends: 2 }], expected: { channel: 'email', weight: 0.75 } },
    { name: 'no traffic yet', arms: [{ channel: 'sms', weight: 0.5, sends: 0 }], expected: undefined },
  ] as const)('$name', ({ arms, expected }) => {
    const top = topChannel(arms);
    if (expected === undefined) expect(top).toBeUndefined();
    else expect(top).toEqual({ channel: expected.channel, weight: expect.closeTo(expected.weight, 9) });
  });
});

describe('trafficLines', () => {
  it('one line per experiment, each segment against the truth', () => {
    const lines = trafficLines([
      { experiment: 'Survey', segment: 'seniors', top: { channel: 'sms', weight: 0.81 }, trueBest: 'sms', sends: 40 },
      { experiment: 'Survey', segment: 'default', top: { channel: 'email', weight: 0.5 }, trueBest: 'in_app', sends: 60 },
      { experiment: 'Cart', segment: 'default', top: undefined, trueBest: 'sms', sends: 0 },
    ]);
    expect(lines).toEqual(['  Survey: seniors → sms 81 % (true best ✓) · default → email 50 % (true best: in_app)', '  Cart: default –']);
  });
});
