import { describe, expect, it } from 'vitest';
import { experimentWebhookSecret, signWebhookBody, verifyWebhookSignature } from '../../../../shared/adapters/channels/webhook-signature';

const SECRET = 'whsec-test-0123456789abcdef';
const BODY = '{"to":"cust-1"}';
const TIMESTAMP = '1748779200';
const NOW = 1748779200;
const SIGNATURE = signWebhookBody(SECRET, TIMESTAMP, BODY);

describe('signWebhookBody', () => {
  // Receivers implement the check themselves: the value is fixed, computed independently with
  // `printf '%s' '1748779200.{"to":"cust-1"}' | openssl dgst -sha256 -hmac 'whsec-test-0123456789abcdef'`.
  it('signs "<timestamp>.<body>" with HMAC-SHA256 as documented, to a fixed expected value', () => {
    expect(SIGNATURE).toBe('v1=cd01f4aa7210d7ac8105fe19c3ecf1c17fad62d2db54f85be9c923bdf2753a38');
  });
});

describe('verifyWebhookSignature', () => {
  it.each([
    { name: 'valid', input: {}, expected: true },
    { name: 'valid at the edge of the tolerance', input: { nowSeconds: NOW + 300 }, expected: true },
    { name: 'valid among rotated signatures', input: { signature: `v1=${'0'.repeat(64)}, ${SIGNATURE}` }, expected: true },
    { name: 'valid under one of two secrets', input: { secret: ['old-secret', SECRET] }, expected: true },
    { name: 'byte body', input: { body: Buffer.from(BODY) }, expected: true },
    { name: 'stale timestamp (replay)', input: { nowSeconds: NOW + 301 }, expected: false },
    { name: 'future timestamp', input: { nowSeconds: NOW - 301 }, expected: false },
    { name: 'body altered', input: { body: '{"to":"cust-2"}' }, expected: false },
    { name: 'timestamp altered', input: { timestamp: String(NOW + 1), nowSeconds: NOW + 1 }, expected: false },
    { name: 'wrong secret', input: { secret: 'another' }, expected: false },
    { name: 'unknown scheme', input: { signature: SIGNATURE.replace('v1=', 'v0=') }, expected: false },
    { name: 'truncated mac', input: { signature: SIGNATURE.slice(0, -1) }, expected: false },
    { name: 'missing signature', input: { signature: undefined }, expected: false },
    { name: 'missing timestamp', input: { timestamp: undefined }, expected: false },
    { name: 'non-numeric timestamp', input: { timestamp: '17e8' }, expected: false },
    { name: 'repeated header', input: { signature: [SIGNATURE, SIGNATURE] }, expected: false },
  ])('$name', ({ input, expected }) => {
    expect(verifyWebhookSignature({ secret: SECRET, body: BODY, timestamp: TIMESTAMP, signature: SIGNATURE, nowSeconds: NOW, ...input })).toBe(expected);
  });
});

describe('per-experiment webhook secrets', () => {
  const MASTER = 'webhook-master-key-0123456789abcdef0123456789';

  it("each experiment's receiver verifies only its own experiment's calls", () => {
    const mine = experimentWebhookSecret(MASTER, 'exp-a');
    const theirs = experimentWebhookSecret(MASTER, 'exp-b');
    expect(mine).not.toBe(theirs);
    expect(mine).not.toContain(MASTER);
    const signature = signWebhookBody(mine, TIMESTAMP, BODY);
    expect(verifyWebhookSignature({ secret: mine, body: BODY, timestamp: TIMESTAMP, signature, nowSeconds: NOW })).toBe(true);
    expect(verifyWebhookSignature({ secret: theirs, body: BODY, timestamp: TIMESTAMP, signature, nowSeconds: NOW })).toBe(false);
  });

  it('during a rotation both keys sign, so a receiver with either secret verifies', () => {
    const [next, previous] = [experimentWebhookSecret(`${MASTER}-new`, 'exp-a'), experimentWebhookSecret(MASTER, 'exp-a')];
    const signature = signWebhookBody([next, previous], TIMESTAMP, BODY);
    expect(signature.split(',')).toHaveLength(2);
    for (const secret of [next, previous]) expect(verifyWebhookSignature({ secret, body: BODY, timestamp: TIMESTAMP, signature, nowSeconds: NOW })).toBe(true);
  });
});
