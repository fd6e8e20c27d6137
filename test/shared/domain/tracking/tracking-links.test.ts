import { describe, expect, it } from 'vitest';
import {
  CLICK_PATH,
  createTrackingLinks,
  OPEN_PATH,
  UNSUBSCRIBE_PATH,
} from '../../../../shared/domain/tracking/tracking-links';
import { verifyTrackingToken } from '../../../../shared/domain/tracking/tracking-token';

const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
const SUBJECT = { assignmentId: 'asg-1', customerId: 'cust-1', experimentId: 'exp-1', channel: 'email' as const };

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

  it('leaves out what the subject does not give', () => {
    const minimal = createTrackingLinks(base, SECRET, { assignmentId: 'asg-2' });
    expect(verifyTrackingToken(tokenOf(minimal.unsubscribeUrl, UNSUBSCRIBE_PATH, base), SECRET)).toEqual({
      v: 1,
      kind: 'unsubscribe',
      assignmentId: 'asg-2',
    });
  });
});
