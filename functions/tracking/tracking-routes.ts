import { createHash } from 'node:crypto';
import { escapeHtml } from '../../shared/domain/content/template';
import type { HttpResponse } from '../../shared/runtime/http/http-types';
import type { Route } from '../../shared/runtime/http/router';
import { inspectUnsubscribe, trackClick, trackOpen, type TrackingDependencies, unsubscribe } from '../../shared/use-cases/tracking/tracking-service';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** No caching of tracking answers (every click and open must reach us). */
const NO_STORE = { 'cache-control': 'no-store' };

/** The pages' only style, allowed by its hash (no inline style attributes, no script at all). */
export const PAGE_STYLE = 'body{font-family:system-ui;max-width:32rem;margin:3rem auto}';
/**
 * Content-Security-Policy of the unsubscribe pages: nothing loads or runs but the one style; the
 * form posts only back to us; no framing (clickjacking an unsubscribe), no base rewriting.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

function html(statusCode: number, title: string, body: string): HttpResponse {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      ...NO_STORE,
      'x-robots-tag': 'noindex',
      'content-security-policy': PAGE_CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      // The token is in the URL: never hand it to another site.
      'referrer-policy': 'no-referrer',
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head><body>${body}</body></html>`,
  };
}

/** The public tracking routes: signed click links, the open pixel, and one-click unsubscribe. */
export function trackingRoutes(deps: TrackingDependencies): Route[] {
  const tag = 'tracking';
  return [
    {
      method: 'GET',
      path: '/t/{token}',
      scope: 'public',
      response: { status: 302, description: 'Redirect to the signed target' },
      doc: { summary: 'Signed click link: records a click and redirects to the URL inside the token', tag },
      handler: async (request) => {
        const { url } = await trackClick(deps, request.params.token ?? '');
        return { statusCode: 302, headers: { location: url, ...NO_STORE, 'referrer-policy': 'no-referrer' } };
      },
    },
    {
      method: 'GET',
      path: '/o/{token}',
      scope: 'public',
      response: { status: 200, description: 'A 1×1 GIF' },
      doc: { summary: 'Open pixel: records the first open', tag },
      handler: async (request) => {
        await trackOpen(deps, request.params.token ?? '');
        return { statusCode: 200, headers: { 'content-type': 'image/gif', ...NO_STORE }, body: PIXEL };
      },
    },
    {
      method: 'GET',
      path: '/u/{token}',
      scope: 'public',
      response: { status: 200, description: 'HTML page with a confirm button' },
      doc: { summary: 'Unsubscribe confirmation page (changes nothing: link scanners prefetch)', tag },
      handler: async (request) => {
        const target = await inspectUnsubscribe(deps, request.params.token ?? '');
        const channel = target.channel ? escapeHtml(target.channel.replace('_', '-')) : 'these';
        return html(200, 'Unsubscribe', `<h1>Unsubscribe</h1><p>Stop receiving ${channel} messages?</p><form method="post"><button type="submit">Unsubscribe</button></form>`);
      },
    },
    {
      method: 'POST',
      path: '/u/{token}',
      scope: 'public',
      response: { status: 200, description: 'Unsubscribed (no redirect)' },
      doc: { summary: 'RFC 8058 one-click unsubscribe (no auth, no cookies; form-encoded body)', tag },
      handler: async (request) => {
        await unsubscribe(deps, request.params.token ?? '');
        return html(200, 'Unsubscribed', '<h1>You are unsubscribed</h1><p>You will not receive these messages any more.</p>');
      },
    },
  ];
}
