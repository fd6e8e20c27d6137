import { resolveSchema } from '../../support/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { MAX_BODY_BYTES } from '../../../shared/runtime/http/request-body';
import { surveyExperiment } from '../../support/experiments';
import { call, startTestPlatform } from '../../support/local-api';

let platform: LocalPlatform;

beforeAll(async () => {
  platform = await startTestPlatform('api');
});
afterAll(async () => platform.stop());

async function createDraft(overrides = {}) {
  const response = await call(platform, 'POST', '/v1/experiments', surveyExperiment(overrides));
  expect(response.status).toBe(201);
  return response.body as { id: string; version: number };
}

describe('experiments API over HTTP', () => {
  it('creates, reads, starts, lists and completes an experiment', async () => {
    const created = await call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: 'Round trip' }));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/experiments/${created.body.id}`);
    expect(created.body).toMatchObject({ status: 'draft', version: 1, definition: { name: 'Round trip', policy: { type: 'thompson' } } });

    const read = await call(platform, 'GET', `/v1/experiments/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toEqual(created.body);

    const started = await call(platform, 'POST', `/v1/experiments/${created.body.id}/start`);
    expect(started.body).toMatchObject({ status: 'running', version: 2 });

    const running = await call(platform, 'GET', '/v1/experiments?status=running');
    expect(running.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);

    const paused = await call(platform, 'POST', `/v1/experiments/${created.body.id}/pause`);
    expect(paused.body.status).toBe('paused');
    expect((await call(platform, 'POST', `/v1/experiments/${created.body.id}/resume`)).body.status).toBe('running');
    expect((await call(platform, 'POST', `/v1/experiments/${created.body.id}/complete`)).body.status).toBe('completed');
    expect((await call(platform, 'POST', `/v1/experiments/${created.body.id}/archive`)).body.status).toBe('archived');
  });

  it('edits a draft but not a running experiment', async () => {
    const draft = await createDraft();
    const edited = await call(platform, 'PUT', `/v1/experiments/${draft.id}`, surveyExperiment({ name: 'Edited' }));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, definition: { name: 'Edited' } });
    await call(platform, 'POST', `/v1/experiments/${draft.id}/start`);
    const refused = await call(platform, 'PUT', `/v1/experiments/${draft.id}`, surveyExperiment());
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'invalid_state', message: 'the definition can change only in draft; this experiment is running' });
  });

  it('detects concurrent updates: of two writers on the same version, one gets 409', async () => {
    const draft = await createDraft();
    const [a, b] = await Promise.all([
      call(platform, 'PUT', `/v1/experiments/${draft.id}`, surveyExperiment({ name: 'A' }), { 'if-match': '"1"' }),
      call(platform, 'PUT', `/v1/experiments/${draft.id}`, surveyExperiment({ name: 'B' }), { 'if-match': '"1"' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'A' : 'B';
    expect((await call(platform, 'GET', `/v1/experiments/${draft.id}`)).body.definition.name).toBe(winner);
    const stale = await call(platform, 'POST', `/v1/experiments/${draft.id}/start`, undefined, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('concurrent_modification');
  });

  it('creates once per Idempotency-Key', async () => {
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const first = await call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: 'Idem' }), headers);
    const again = await call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: 'Idem' }), headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const other = await call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: 'Other' }), headers);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_conflict');
  });

  it('filters by stage and pages', async () => {
    for (let index = 0; index < 3; index += 1) await createDraft({ stage: 'loyalty', name: `Loyalty ${index}` });
    const page = await call(platform, 'GET', '/v1/experiments?stage=loyalty&limit=2');
    expect(page.status).toBe(200);
    expect(page.body.items.every((item: { definition: { stage: string } }) => item.definition.stage === 'loyalty')).toBe(true);
    expect(page.body.nextCursor).toEqual(expect.any(String));
  });

  it.each([
    { name: 'invalid JSON', method: 'POST', path: '/v1/experiments', body: '{"name":', status: 400, code: 'malformed_request' },
    { name: 'an empty body', method: 'POST', path: '/v1/experiments', body: '', status: 400, code: 'malformed_request' },
    { name: 'a JSON array', method: 'POST', path: '/v1/experiments', body: '[]', status: 400, code: 'validation_failed' },
    { name: 'an unknown field', method: 'POST', path: '/v1/experiments', body: JSON.stringify({ ...surveyExperiment(), colour: 1 }), status: 400, code: 'validation_failed' },
    { name: 'a body over the limit', method: 'POST', path: '/v1/experiments', body: JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) }), status: 413, code: 'payload_too_large' },
    { name: 'an unknown experiment', method: 'GET', path: '/v1/experiments/nope', status: 404, code: 'not_found' },
    { name: 'an unknown route', method: 'GET', path: '/v1/nothing-here', status: 404, code: 'not_found' },
    { name: 'a wrong method', method: 'DELETE', path: '/v1/experiments', status: 405, code: 'method_not_allowed' },
    { name: 'a bad limit', method: 'GET', path: '/v1/experiments?limit=1000', status: 400, code: 'validation_failed' },
    { name: 'an unknown status filter', method: 'GET', path: '/v1/experiments?status=live', status: 400, code: 'validation_failed' },
    { name: 'an unknown query parameter', method: 'GET', path: '/v1/experiments?sort=asc', status: 400, code: 'validation_failed' },
    { name: 'a bad If-Match', method: 'POST', path: '/v1/experiments/x/start', headers: { 'if-match': 'yesterday' }, status: 400, code: 'validation_failed' },
  ])('answers $name with $status $code', async ({ method, path, body, status, code, headers }) => {
    const response = await fetch(`${platform.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body }) });
    expect(response.status).toBe(status);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(5);
  });

  it('names every problem of an invalid definition', async () => {
    const response = await call(platform, 'POST', '/v1/experiments', surveyExperiment({ policy: { minShare: 0.6 }, channels: [{ channel: 'sms', text: 'x'.repeat(1700) }, { channel: 'email', subject: 's', text: 't' }], variables: [] }));
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'channels[0].text', message: 'sms text over 1600 characters' },
        { path: 'policy.minShare', message: 'minShare must be ≤ 0.5' },
      ]),
    );
    const count = await call(platform, 'GET', '/v1/experiments?limit=100');
    expect(count.body.items.some((item: { definition: { channels: { text?: string }[] } }) => item.definition.channels[0]?.text?.length === 1700)).toBe(false);
  });

  it('publishes an OpenAPI 3 document generated from the schemas', async () => {
    const response = await call(platform, 'GET', '/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.0.3');
    const create = response.body.paths['/v1/experiments'].post;
    const schema = resolveSchema(response.body, create.requestBody.content['application/json'].schema);
    expect(create.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ExperimentDefinitionInput' });
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'stage', 'channels', 'goal']));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.stage.enum).toEqual(['awareness', 'consideration', 'purchase', 'post_purchase', 'loyalty']);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/v1/experiments/{id}', '/v1/experiments/{id}/start', '/v1/openapi.json']));
    expect(JSON.stringify(response.body)).not.toContain('#/definitions/');
  });
});

describe('path parameters', () => {
  it.each([
    { name: 'malformed percent-encoding', path: '/v1/experiments/%ZZ', status: 400 },
    { name: 'an id longer than any key', path: `/v1/experiments/${'x'.repeat(3000)}`, status: 400 },
    { name: 'an id with key separators', path: '/v1/experiments/EXP%23abc', status: 404 },
  ])('answers $name with $status, never a 5xx', async ({ path, status }) => {
    const response = await call(platform, 'GET', path);
    expect(response.status).toBe(status);
  });
});

// Finding: a webhook URL pointing inside the deployment's network was refused only at send time,
// after the experiment had been defined and started. It is now refused when the experiment is
// defined or updated, naming the field (the send-time check, with DNS, stays for rebinding).
describe('webhook targets at definition time', () => {
  const withWebhook = (url: string) => surveyExperiment({ channels: [{ channel: 'sms', text: 'Hi {{firstName}} {{surveyUrl}}' }, { channel: 'webhook', url, payloadTemplate: '{"customer":"{{customerId}}"}' }] });
  const INTERNAL = [
    { name: 'a loopback address', url: 'https://127.0.0.1/hook', mentions: 'loopback' },
    { name: 'the cloud metadata address', url: 'https://169.254.169.254/latest/meta-data', mentions: 'link-local' },
    { name: 'a private address', url: 'https://10.1.2.3/hook', mentions: 'private' },
    { name: 'IPv6 loopback', url: 'https://[::1]/hook', mentions: 'loopback' },
    { name: 'an IPv4-mapped private address', url: 'https://[::ffff:192.168.0.1]/hook', mentions: 'private' },
    { name: 'localhost', url: 'https://localhost/hook', mentions: 'localhost' },
    { name: 'an internal name', url: 'https://metadata.google.internal/computeMetadata', mentions: 'internal' },
  ];

  it.each(INTERNAL)('create with $name → 400 naming channels[1].url, nothing stored', async ({ url, mentions }) => {
    const before = (await call(platform, 'GET', '/v1/experiments?limit=100')).body.items.length;
    const response = await call(platform, 'POST', '/v1/experiments', withWebhook(url));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'channels[1].url', message: expect.stringContaining(mentions) }] });
    expect((await call(platform, 'GET', '/v1/experiments?limit=100')).body.items).toHaveLength(before);
  });

  it('update to an internal address → 400 naming the field, the draft unchanged', async () => {
    const draft = await createDraft(withWebhook('https://hooks.example.com/channel-lab'));
    const response = await call(platform, 'PUT', `/v1/experiments/${draft.id}`, withWebhook('https://192.168.1.10/hook'));
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ path: 'channels[1].url', message: expect.stringContaining('private') }]);
    expect((await call(platform, 'GET', `/v1/experiments/${draft.id}`)).body).toMatchObject({ version: draft.version, definition: { channels: [{}, { url: 'https://hooks.example.com/channel-lab' }] } });
  });
});

