import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors/channel-lab-error';
import type { TrackingPayload } from '../../../../shared/domain/tracking/tracking-payload';
import {
  MAX_TRACKING_TOKEN_CHARACTERS,
  signTrackingToken,
  verifyTrackingToken,
} from '../../../../shared/domain/tracking/tracking-token';

const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
const OTHER_SECRET = 'another-secret-0123456789abcdef0123456789ab';

const CLICK: TrackingPayload = {
  v: 1,
  kind: 'click',
  assignmentId: 'asg_01HZX',
  customerId: 'cust-42',
  experimentId: 'exp-7',
  channel: 'email',
  url: 'https://shop.example.com/survey?a=1&b=é',
};
const UNSUBSCRIBE: TrackingPayload = { v: 1, kind: 'unsubscribe', assignmentId: 'asg_01HZX', customerId: 'cust-42', channel: 'sms' };
const OPEN: TrackingPayload = { v: 1, kind: 'open', assignmentId: 'asg_01HZX' };

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Encodes an arbitrary JSON value the way a forger would (same format, no valid MAC). */
const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('signTrackingToken / verifyTrackingToken', () => {
  it.each([
    { name: 'click with target url', payload: CLICK },
    { name: 'one-click unsubscribe', payload: UNSUBSCRIBE },
    { name: 'open pixel', payload: OPEN },
  ])('round trip: $name', ({ payload }) => {
    const token = signTrackingToken(payload, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyTrackingToken(token, SECRET)).toEqual(payload);
  });

  it('accepts the token under any of several secrets (rotation)', () => {
    const token = signTrackingToken(CLICK, OTHER_SECRET);
    expect(verifyTrackingToken(token, [SECRET, OTHER_SECRET])).toEqual(CLICK);
  });

  const token = signTrackingToken(CLICK, SECRET);
  const [payloadPart, signaturePart] = token.split('.') as [string, string];
  const forgedPayload = encode({ ...CLICK, url: 'https://evil.example.net/' });

  it.each([
    { name: 'signed with another secret', forged: signTrackingToken(CLICK, OTHER_SECRET) },
    { name: 'payload swapped for another url', forged: `${forgedPayload}.${signaturePart}` },
    { name: 'signature of another token', forged: `${payloadPart}.${signTrackingToken(OPEN, SECRET).split('.')[1]}` },
    { name: 'signature truncated by one character', forged: token.slice(0, -1) },
    { name: 'signature missing', forged: `${payloadPart}.` },
    { name: 'no separator', forged: payloadPart },
    { name: 'payload truncated', forged: `${payloadPart.slice(0, -4)}.${signaturePart}` },
    { name: 'extra segment', forged: `${token}.x` },
    { name: 'padding added to signature', forged: `${token}=` },
    { name: 'whitespace around', forged: ` ${token}` },
    { name: 'empty string', forged: '' },
    { name: 'oversized', forged: 'a'.repeat(MAX_TRACKING_TOKEN_CHARACTERS + 1) },
  ])('refuses a token: $name', ({ forged }) => {
    expect(verifyTrackingToken(forged, SECRET)).toBeUndefined();
  });

  /** Signs any JSON with the documented MAC input, bypassing the payload schema of signTrackingToken. */
  const signRaw = (value: unknown) => {
    const payload = encode(value);
    return `${payload}.${createHmac('sha256', SECRET).update(`channel-lab/tracking/v1.${payload}`).digest('base64url')}`;
  };

  it.each([
    { name: 'the current format', value: { v: 1, kind: 'open', assignmentId: 'x' }, valid: true },
    { name: 'an unknown version', value: { v: 2, kind: 'open', assignmentId: 'x' }, valid: false },
    { name: 'a click without url', value: { v: 1, kind: 'click', assignmentId: 'x' }, valid: false },
    { name: 'not an object', value: 'hello', valid: false },
  ])('with a valid MAC, checks the payload: $name', ({ value, valid }) => {
    expect(verifyTrackingToken(signRaw(value), SECRET) !== undefined).toBe(valid);
  });

  it.each([
    { name: 'click without url', payload: { v: 1, kind: 'click', assignmentId: 'a' } },
    { name: 'javascript url', payload: { v: 1, kind: 'click', assignmentId: 'a', url: 'javascript:alert(1)' } },
    { name: 'empty assignment id', payload: { v: 1, kind: 'open', assignmentId: '' } },
    { name: 'unknown field', payload: { v: 1, kind: 'open', assignmentId: 'a', admin: true } },
  ])('refuses to sign an invalid payload: $name', ({ payload }) => {
    expect(() => signTrackingToken(payload as TrackingPayload, SECRET)).toThrow(ValidationError);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => signTrackingToken(OPEN, 'short')).toThrow(ValidationError);
  });

  it('any single-character change to a token makes it fail to verify', () => {
    const alphabet = `${BASE64URL_ALPHABET}.=+/ `;
    fc.assert(
      fc.property(
        fc.constantFrom(CLICK, UNSUBSCRIBE, OPEN),
        fc.nat(),
        fc.constantFrom(...alphabet.split('')),
        (payload, position, replacement) => {
          const original = signTrackingToken(payload, SECRET);
          const index = position % original.length;
          fc.pre(original[index] !== replacement);
          const altered = `${original.slice(0, index)}${replacement}${original.slice(index + 1)}`;
          return verifyTrackingToken(altered, SECRET) === undefined;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a deleted or inserted character makes it fail to verify', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...BASE64URL_ALPHABET.split('')), fc.boolean(), (position, character, insert) => {
        const original = signTrackingToken(CLICK, SECRET);
        const index = position % original.length;
        const altered = insert
          ? `${original.slice(0, index)}${character}${original.slice(index)}`
          : `${original.slice(0, index)}${original.slice(index + 1)}`;
        return verifyTrackingToken(altered, SECRET) === undefined;
      }),
      { numRuns: 1000 },
    );
  });
});
