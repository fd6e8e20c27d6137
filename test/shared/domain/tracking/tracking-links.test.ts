import { describe, expect, it } from 'vitest';
import {
  CLICK_PATH,
  createTrackingLinks,
  OPEN_PATH,
  UNSUBSCRIBE_PATH,
} from '../../../../shared/domain/tracking/tracking-links';
import { verifyTrackingToken } from '../../../../shared/domain/tracking/tracking-token';

const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
const SUBJECT = { assignmentId: 'asg-1', experimentId: 'exp-1' };

const tokenOf = (url: string, path: string, base: string) => {
  expect(url.startsWith(`${base}${path}`)).toBe(true);
  return url.slice(`${base}${path}`.length);
};

describe('createTrackingLinks', () => {
  const base = 'https://t.example.com';
  const links = createTrackingLinks(`${base}/`, SECRET, SUBJECT);

  it.each([
    { name: 'click link carries the target url', url: links.trackClick('https://shop.example.com/x?y=1'), path: CLICK_PATH, kind: 'click', extra: { url: 'https://shop.example.com/x?y=1' } },
    { name: 'unsubscribe link', url: links.unsubscribeUrl, path: UNSUBSCRIBE_PATH, kind: 'unsubscribe', extra: {} },
    { name: 'open pixel', url: links.openPixelUrl, path: OPEN_PATH, kind: 'open', extra: {} },
  ])('$name', ({ url, path, kind, extra }) => {
    expect(verifyTrackingToken(tokenOf(url, path, base), SECRET)).toEqual({ v: 1, kind, ...SUBJECT, ...extra });
  });

  it('never puts the customer or the channel in a link (both are read from the stored decision)', () => {
    const withExtras = createTrackingLinks(base, SECRET, { ...SUBJECT, customerId: 'cust-1', channel: 'email' } as typeof SUBJECT);
    for (const url of [withExtras.unsubscribeUrl, withExtras.openPixelUrl, withExtras.trackClick('https://x.example')]) {
      const payload = Buffer.from(url.split('/').pop()!.split('.')[0]!, 'base64url').toString();
      expect(payload).not.toContain('cust-1');
      expect(payload).not.toContain('email');
    }
  });

  it('leaves out what the subject does not give', () => {
    const minimal = createTrackingLinks(base, SECRET, { assignmentId: 'asg-2' });
    expect(verifyTrackingToken(tokenOf(minimal.unsubscribeUrl, UNSUBSCRIBE_PATH, base), SECRET)).toEqual({
      v: 1,
      kind: 'unsubscribe',
      assignmentId: 'asg-2',
    });
  });
});
