/**
 * Fuzz at the edges, on every route of the router with API keys on (an admin key, so that every
 * route runs past authorisation): bodies near DynamoDB's 400 KB item limit and the 1 MiB body
 * limit, nesting around DynamoDB's 32 levels and far beyond, prototype keys, control characters
 * in strings and path parameters. Never a 5xx; a 4xx writes nothing (the table's item count is
 * unchanged).
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisRoutes } from '../../../functions/analysis/analysis-handler';
import { apiRoutes } from '../../../functions/api/api-handler';
import { openApiDocumentRoute } from '../../../functions/openapi/openapi-route';
import { trackingRoutes } from '../../../functions/tracking/tracking-routes';
import { type LocalPlatform, startLocalPlatform } from '../../../local/platform';
import { recordFigure } from '../../support/invariants';
import { fixedSeeds } from '../../support/local-api';

let platform: LocalPlatform;
let admin: Record<string, string>;
let experimentId = '';

beforeAll(async () => {
  platform = await startLocalPlatform({ port: 0, dynamoEndpoint: inject('dynamoEndpoint'), tableName: `test-edge-fuzz-${Date.now().toString(36)}`, scheduleEveryMs: 0, auth: true, seeds: fixedSeeds() });
  admin = { 'x-api-key': platform.adminKey ?? '' };
  const created = await fetch(`${platform.url}/v1/experiments`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'edge',
      stage: 'post_purchase',
      channels: [
        { channel: 'sms', text: 'Hi {{firstName}}' },
        { channel: 'email', subject: 'Hi', html: '<p>Hi {{firstName}}</p>' },
      ],
      variables: ['firstName'],
      goal: { event: 'clicked', windowHours: 24 },
    }),
  });
  experimentId = ((await created.json()) as { id: string }).id;
  await fetch(`${platform.url}/v1/experiments/${experimentId}/start`, { method: 'POST', headers: admin });
});
afterAll(async () => platform.stop());

const KB = 1024;
const MIB = 1024 * KB;
const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) value = { n: value };
  return value;
};
/** A JSON object of about `bytes` bytes. */
const sized = (bytes: number) => ({ customerId: 'edge-size', variables: { firstName: 'x'.repeat(Math.max(0, bytes - 60)) } });
const CONTROL = 'a\u0000b\r\nc\u0007\u001b[31md\u2028';

/** Bodies that sit on an edge (raw strings where JSON.stringify cannot say it). */
const BODIES: readonly { readonly name: string; readonly body: () => string }[] = [
  { name: 'just under 400 KB', body: () => JSON.stringify(sized(400 * KB - 200)) },
  { name: 'just over 400 KB', body: () => JSON.stringify(sized(400 * KB + 200)) },
  { name: 'just under 1 MiB', body: () => JSON.stringify(sized(MIB - 200)) },
  { name: 'just over 1 MiB', body: () => JSON.stringify(sized(MIB + 200)) },
  { name: 'nested 31 deep', body: () => JSON.stringify({ customerId: 'edge-deep', attributes: { deep: nested(29) } }) },
  { name: 'nested 33 deep', body: () => JSON.stringify({ customerId: 'edge-deep', attributes: { deep: nested(31) } }) },
  { name: 'nested 3,000 deep', body: () => JSON.stringify({ rule: nested(3000) }) },
  { name: 'array nested 100 deep', body: () => `${'['.repeat(100)}1${']'.repeat(100)}` },
  { name: '__proto__ key', body: () => '{"customerId":"edge-proto","__proto__":{"admin":true},"attributes":{"__proto__":{"polluted":1}}}' },
  { name: 'constructor and prototype keys', body: () => JSON.stringify({ customerId: 'edge-ctor', attributes: { constructor: { prototype: { x: 1 } } }, variables: { constructor: 'x' } }) },
  { name: 'control characters in strings', body: () => JSON.stringify({ customerId: CONTROL, name: CONTROL, eventId: CONTROL, type: CONTROL, variables: { firstName: CONTROL } }) },
  { name: 'a lone surrogate', body: () => '{"customerId":"\\ud800","name":"\\udfff"}' },
  { name: 'not JSON', body: () => '{"customerId": ' },
  { name: 'a number', body: () => '1e309' },
  { name: 'empty', body: () => '' },
];

/** Path parameters that sit on an edge. */
const PARAMS: readonly string[] = ['edge', encodeURIComponent(CONTROL), encodeURIComponent('__proto__'), encodeURIComponent('constructor'), 'x'.repeat(2000), encodeURIComponent('a/b#c'), '%E0%A4%A'];

async function itemCount(): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await platform.documents.send(new ScanCommand({ TableName: platform.tableName, Select: 'COUNT', ConsistentRead: true, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

const routes = () => [...apiRoutes(platform.deps), ...analysisRoutes(platform.deps), openApiDocumentRoute(), ...trackingRoutes(platform.deps)].filter((route) => route.path !== '/v1/api-keys/{keyId}' || route.method !== 'DELETE');
const pathFor = (pattern: string, param: string) => pattern.replace('{id}', pattern.startsWith('/v1/experiments') ? experimentId : param).replace(/\{[^}]+\}/g, param);

describe('fuzz at the edges: every route, API keys on', () => {
  it(`${BODIES.length} edge bodies × every write route: never a 5xx, a 4xx writes nothing`, async () => {
    let cases = 0;
    for (const route of routes().filter((candidate) => candidate.method !== 'GET')) {
      for (const { name, body } of BODIES) {
        const before = await itemCount();
        const response = await fetch(`${platform.url}${pathFor(route.path, 'edge')}`, { method: route.method, headers: { ...admin, 'content-type': 'application/json' }, body: body() });
        await response.text();
        cases += 1;
        expect(response.status, `${route.method} ${route.path} with ${name}`).toBeLessThan(500);
        await platform.queue.drain();
        if (response.status >= 400) expect(await itemCount(), `${route.method} ${route.path} with ${name}: ${response.status} but wrote`).toBe(before);
      }
    }
    expect(cases).toBeGreaterThan(BODIES.length * 10);
    recordFigure('fuzz', 'edge bodies × write routes', { cases });
  }, 600_000);

  it(`${PARAMS.length} edge path parameters × every route: never a 5xx`, async () => {
    recordFigure('fuzz', 'edge path parameters × routes', { cases: PARAMS.length * routes().length });
    for (const route of routes()) {
      for (const param of PARAMS) {
        const response = await fetch(`${platform.url}${pathFor(route.path, param).replace(experimentId, param)}`, { method: route.method, headers: { ...admin, ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }) }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
        await response.text();
        expect(response.status, `${route.method} ${route.path} with ${param.slice(0, 40)}`).toBeLessThan(500);
      }
    }
  }, 300_000);
});
