import { DASHBOARD_JS } from '../../../dashboard/dist/dashboard-bundle';
import { dashboardPage } from '../../../dashboard/page';
import type { Route } from '../../../shared/runtime/http/router';

/**
 * `GET /dashboard` (and `/dashboard/`): the results dashboard, one HTML page with its script
 * inline. Public: the page holds no data; the API calls it makes carry the user's key. Served
 * with a strict Content-Security-Policy (script and style by hash, `connect-src 'self'`).
 */
export function dashboardRoute(): Route {
  const page = dashboardPage(DASHBOARD_JS);
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'content-security-policy': page.contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
  return {
    method: 'GET',
    path: '/dashboard',
    scope: 'public',
    response: { status: 200, description: 'text/html' },
    doc: { summary: 'The results dashboard (an HTML page)', tag: 'meta' },
    handler: async () => ({ statusCode: 200, headers, body: page.html }),
  };
}
