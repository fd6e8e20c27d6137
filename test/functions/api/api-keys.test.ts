import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPlatform, startLocalPlatform } from '../../../local/platform';
import { surveyExperiment } from '../../support/experiments';
import { call, fixedSeeds } from '../../support/local-api';

let platform: LocalPlatform;
let admin: Record<string, string>;

beforeAll(async () => {
  platform = await startLocalPlatform({ port: 0, dynamoEndpoint: inject('dynamoEndpoint'), tableName: `test-auth-${Date.now().toString(36)}`, scheduleEveryMs: 0, auth: true, seeds: fixedSeeds() });
  admin = { 'x-api-key': platform.adminKey! };
});
afterAll(async () => platform.stop());

async function keyWith(scopes: string[]): Promise<Record<string, string>> {
  const created = await call(platform, 'POST', '/v1/api-keys', { name: `key ${scopes.join('+')}`, scopes }, admin);
  expect(created.status).toBe(201);
  expect(created.body.key).toMatch(/^clk_[A-Za-z0-9_-]{43}$/);
  return { 'x-api-key': created.body.key };
}

describe('API keys with scopes', () => {
  it.each([
    { name: 'no key', headers: {} as Record<string, string>, status: 401, code: 'unauthorized' },
    { name: 'an unknown key', headers: { 'x-api-key': 'clk_not-a-key' }, status: 401, code: 'unauthorized' },
  ])('refuses $name with $status', async ({ headers, status, code }) => {
    const response = await call(platform, 'GET', '/v1/experiments', undefined, headers);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('lets each scope do its part and no more', async () => {
    const read = await keyWith(['read']);
    const send = await keyWith(['send']);
    expect((await call(platform, 'GET', '/v1/experiments', undefined, read)).status).toBe(200);
    const refused = await call(platform, 'POST', '/v1/experiments', surveyExperiment(), read);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('this API key has scopes [read]; this operation needs "admin"');
    expect((await call(platform, 'POST', '/v1/experiments', surveyExperiment(), send)).status).toBe(403);

    const created = await call(platform, 'POST', '/v1/experiments', surveyExperiment(), admin);
    expect(created.status).toBe(201);
    await call(platform, 'POST', `/v1/experiments/${created.body.id}/start`, undefined, admin);
    const sent = await call(platform, 'POST', `/v1/experiments/${created.body.id}/sends`, { customerId: 'c1', variables: { firstName: 'A', surveyUrl: 'https://example.com' } }, send);
    expect(sent.status).toBe(200);
    expect((await call(platform, 'POST', `/v1/experiments/${created.body.id}/sends`, { customerId: 'c2' }, read)).status).toBe(403);
    expect((await call(platform, 'GET', `/v1/experiments/${created.body.id}/results`, undefined, send)).status).toBe(200);
    expect((await call(platform, 'DELETE', '/v1/customers/c1', undefined, send)).status).toBe(403);
  });

  it('stores keys hashed, lists them without the key, and revokes them', async () => {
    const created = await call(platform, 'POST', '/v1/api-keys', { name: 'to revoke', scopes: ['read'] }, admin);
    const key = created.body.key as string;
    const listed = await call(platform, 'GET', '/v1/api-keys', undefined, admin);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body.items.some((item: { id: string }) => item.id === created.body.id)).toBe(true);
    expect(await platform.deps.apiKeys.findByHash(key)).toBeUndefined();

    expect((await call(platform, 'DELETE', `/v1/api-keys/${created.body.id}`, undefined, admin)).status).toBe(204);
    expect((await call(platform, 'GET', '/v1/experiments', undefined, { 'x-api-key': key })).status).toBe(401);
    expect((await call(platform, 'DELETE', '/v1/api-keys/unknown', undefined, admin)).status).toBe(404);
  });

  it('keeps the public routes public, and documents the scheme', async () => {
    const document = await call(platform, 'GET', '/v1/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.components.securitySchemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    expect(document.body.paths['/v1/experiments/{id}/sends'].post['x-required-scope']).toBe('send');
    expect((await fetch(`${platform.url}/t/forged`, { redirect: 'manual' })).status).toBe(404);
  });
});
