/**
 * `GET /v1/session`: what the caller's key may do, so that the web app shows only the controls it
 * can use. With keys required: each key's own scopes and name, 401 without a valid key; without
 * keys (local default): every scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { call, startTestPlatform } from '../../support/local-api';

let withKeys: LocalPlatform;
let withoutKeys: LocalPlatform;

beforeAll(async () => {
  [withKeys, withoutKeys] = await Promise.all([startTestPlatform('session-keys', { auth: true }), startTestPlatform('session-open')]);
});
afterAll(async () => {
  await Promise.all([withKeys?.stop(), withoutKeys?.stop()]);
});

describe('GET /v1/session', () => {
  it.each([[['read']], [['send']], [['admin']], [['read', 'send']]])('names the scopes %j of the key that asks', async (scopes) => {
    const created = await call(withKeys, 'POST', '/v1/api-keys', { name: `k-${scopes.join('-')}`, scopes }, { 'x-api-key': withKeys.adminKey! });
    expect(created.status).toBe(201);
    const session = await call(withKeys, 'GET', '/v1/session', undefined, { 'x-api-key': created.body.key });
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ authRequired: true, scopes, keyName: `k-${scopes.join('-')}` });
    expect(session.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['no key', {}],
    ['an unknown key', { 'x-api-key': 'clk_unknown' }],
  ])('answers 401 to %s', async (_name, headers) => {
    const session = await call(withKeys, 'GET', '/v1/session', undefined, headers);
    expect(session.status).toBe(401);
    expect(session.body.error.code).toBe('unauthorized');
  });

  it('grants every scope when the platform requires no key', async () => {
    const session = await call(withoutKeys, 'GET', '/v1/session');
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ authRequired: false, scopes: ['read', 'send', 'admin'] });
  });
});
