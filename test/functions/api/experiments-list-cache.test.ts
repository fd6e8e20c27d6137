import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { call, startTestPlatform } from '../../support/local-api';
import { surveyExperiment } from '../../support/experiments';

let platform: LocalPlatform;

beforeAll(async () => {
  platform = await startTestPlatform('experiments-list-cache');
  await call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: 'First' }));
});
afterAll(async () => platform.stop());

describe('GET /v1/experiments: ETag, If-None-Match and Cache-Control (the web app polls it)', () => {
  it('answers with an ETag and a Cache-Control; the same ETag in If-None-Match → 304 without a body', async () => {
    const first = await call(platform, 'GET', '/v1/experiments');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const again = await call(platform, 'GET', '/v1/experiments', undefined, { 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers.get('etag')).toBe(etag);
  });

  it.each([
    { name: 'a new experiment', change: () => call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: 'Second' })) },
    { name: 'a started experiment', change: async () => call(platform, 'POST', `/v1/experiments/${(await call(platform, 'GET', '/v1/experiments')).body.items[0].id}/start`) },
  ])('after $name the old ETag no longer matches: 200 with the new list', async ({ change }) => {
    const before = await call(platform, 'GET', '/v1/experiments');
    await change();
    const after = await call(platform, 'GET', '/v1/experiments', undefined, { 'if-none-match': before.headers.get('etag') ?? '' });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });

  it('each filter has its own ETag', async () => {
    const all = await call(platform, 'GET', '/v1/experiments');
    const drafts = await call(platform, 'GET', '/v1/experiments?status=draft');
    expect(drafts.headers.get('etag')).not.toBe(all.headers.get('etag'));
  });
});
