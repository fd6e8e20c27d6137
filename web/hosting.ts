/**
 * How the built web app is served, the same way by the local platform and by the stack's
 * CloudFront distribution: the security headers of every answer, and the cache rule per path
 * (`index.html` revalidated on every load, hashed `assets/*` cached for a year).
 */

/**
 * Content-Security-Policy of the app. Scripts and styles only from the app's own origin; API calls
 * only to the same origin (the API is routed beside the app); images also from https and data:
 * (email previews show the marketer's images); email previews are `srcdoc` frames, sandboxed
 * without scripts; nothing may frame the app.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers of every answer of the app (lower-case names). */
export const WEB_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': WEB_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Cache-Control of `index.html` (and any unhashed file): always revalidate, so a deploy shows at once. */
export const ENTRY_CACHE_CONTROL = 'no-cache';
/** Cache-Control of the content-hashed files under `assets/`. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Path prefix of the content-hashed files. */
export const ASSETS_PREFIX = '/assets/';

/** Cache-Control for a request path of the app. */
export function cacheControlFor(path: string): string {
  return path.startsWith(ASSETS_PREFIX) ? ASSET_CACHE_CONTROL : ENTRY_CACHE_CONTROL;
}

/** Content types of the files a Vite build emits. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};
