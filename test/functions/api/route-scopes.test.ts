/**
 * The fixed table of route → scope, checked against the router (every route it serves is in the
 * table with the same scope, and nothing else) and against behaviour with API keys on: no key is
 * refused on every non-public route, a read key on every send/admin route, a send key on every
 * admin route; the routes a key's scope covers are never refused for want of scope.
 */
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisRoutes } from '../../../functions/analysis/analysis-handler';
import { apiRoutes } from '../../../functions/api/api-handler';
import { openApiDocumentRoute } from '../../../functions/openapi/openapi-route';
import { trackingRoutes } from '../../../functions/tracking/tracking-routes';
import { type LocalPlatform, startLocalPlatform } from '../../../local/platform';
import { requiredScope } from '../../../shared/runtime/http/router';
import { call, fixedSeeds } from '../../support/local-api';

/** What each route requires. Changing a scope, or adding a route, means changing this table. */
const ROUTE_SCOPES: Readonly<Record<string, 'public' | 'read' | 'send' | 'admin'>> = {
  'POST /v1/experiments': 'admin',
  'GET /v1/experiments': 'read',
  'GET /v1/experiments/{id}': 'read',
  'PUT /v1/experiments/{id}': 'admin',
  'POST /v1/experiments/{id}/start': 'admin',
  'POST /v1/experiments/{id}/pause': 'admin',
  'POST /v1/experiments/{id}/resume': 'admin',
  'POST /v1/experiments/{id}/complete': 'admin',
  'POST /v1/experiments/{id}/archive': 'admin',
  'POST /v1/experiments/{id}/sends': 'send',
  'POST /v1/events': 'send',
  'POST /v1/experiments/{id}/reallocate': 'admin',
  'PUT /v1/customers/{id}': 'send',
  'GET /v1/customers/{id}': 'read',
  'DELETE /v1/customers/{id}': 'admin',
  'POST /v1/customers/{id}/opt-out': 'send',
  'GET /v1/customers/{id}/inbox': 'read',
  'GET /v1/customers/{id}/pending-sends': 'read',
  'GET /v1/experiments/{id}/trigger-counts': 'read',
  'POST /v1/customers/{id}/inbox/{messageId}/read': 'send',
  'GET /v1/experiments/{id}/results': 'read',
  'POST /v1/journeys': 'admin',
  'GET /v1/journeys': 'read',
  'GET /v1/journeys/{id}': 'read',
  'PUT /v1/journeys/{id}': 'admin',
  'DELETE /v1/journeys/{id}': 'admin',
  'GET /v1/journeys/{id}/counts': 'read',
  'GET /v1/insights/touchpoints': 'read',
  'POST /v1/segments/estimate': 'read',
  'POST /v1/api-keys': 'admin',
  'GET /v1/api-keys': 'admin',
  'DELETE /v1/api-keys/{keyId}': 'admin',
  'GET /v1/session': 'read',
  'GET /v1/outbox': 'read',
  'GET /v1/openapi.json': 'public',
  'GET /t/{token}': 'public',
  'GET /o/{token}': 'public',
  'GET /u/{token}': 'public',
  'POST /u/{token}': 'public',
};
/** Scopes each key holds (send includes read; admin includes everything). */
const GRANTS = { read: ['read'], send: ['read', 'send'] } as const;

let platform: LocalPlatform;
const keys: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  platform = await startLocalPlatform({ port: 0, dynamoEndpoint: inject('dynamoEndpoint'), tableName: `test-scopes-${Date.now().toString(36)}`, scheduleEveryMs: 0, auth: true, seeds: fixedSeeds() });
  const admin = { 'x-api-key': platform.adminKey ?? '' };
  for (const scope of ['read', 'send'] as const) {
    const created = await call(platform, 'POST', '/v1/api-keys', { name: `${scope} key`, scopes: [scope] }, admin);
    keys[scope] = { 'x-api-key': created.body.key as string };
  }
});
afterAll(async () => platform.stop());

/** Calls a route; the body is parsed when it is JSON. */
async function probe(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
  const response = await fetch(`${platform.url}${path}`, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body ? { body } : {}) });
  const text = await response.text();
  return { status: response.status, body: (response.headers.get('content-type') ?? '').includes('json') && text !== '' ? JSON.parse(text) : text };
}

/** A concrete path for a route pattern. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'scope-probe');

describe('route → scope', () => {
  it('the routers serve exactly the routes of the table, each with its scope', () => {
    const served = [...apiRoutes(platform.deps), ...analysisRoutes(platform.deps), openApiDocumentRoute(), ...trackingRoutes(platform.deps)];
    expect(Object.fromEntries(served.map((route) => [`${route.method} ${route.path}`, requiredScope(route)]))).toEqual(ROUTE_SCOPES);
  });

  it.each(Object.entries(ROUTE_SCOPES))('%s (%s): refused without a key and to keys whose scope falls short, never for keys that hold it', async (route, scope) => {
    const [method = 'GET', path = '/'] = route.split(' ');
    const anonymous = await probe(method, concrete(path));
    if (scope === 'public') expect(anonymous.status).not.toBe(401);
    else expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    for (const [name, grants] of Object.entries(GRANTS)) {
      const answer = await probe(method, concrete(path), keys[name]);
      const holds = scope === 'public' || (grants as readonly string[]).includes(scope);
      if (holds) expect([401, 403], `${name} key on ${route}`).not.toContain(answer.status);
      else expect(answer, `${name} key on ${route}`).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect(answer.status, `${name} key on ${route}`).toBeLessThan(500);
    }
  });

  it.each(['read', 'send'])('a %s key cannot create keys (not even of its own scope), nor list or revoke them', async (name) => {
    const admin = { 'x-api-key': platform.adminKey ?? '' };
    const before = (await call(platform, 'GET', '/v1/api-keys', undefined, admin)).body.items.length as number;
    for (const scopes of [['admin'], ['send'], ['read']]) {
      expect((await call(platform, 'POST', '/v1/api-keys', { name: 'escalation', scopes }, keys[name])).status).toBe(403);
    }
    expect((await call(platform, 'GET', '/v1/api-keys', undefined, keys[name])).status).toBe(403);
    expect((await call(platform, 'GET', '/v1/api-keys', undefined, admin)).body.items).toHaveLength(before);
  });
});
