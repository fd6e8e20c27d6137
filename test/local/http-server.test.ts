import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/api-handler';
import { createLocalHttpServer, type HttpLambda, mountServes } from '../../local/http-server';
import type { LocalPlatform } from '../../local/platform';
import { awsEvent, httpApiEvent } from '../support/aws-events';
import { call, startTestPlatform } from '../support/local-api';

describe('the local server builds the event API Gateway documents', () => {
  it('keeps the raw query string, joins repeated values, moves cookies out of the headers, API Gateway time', async () => {
    const seen: APIGatewayProxyEventV2[] = [];
    const server = createLocalHttpServer([{ prefix: '/', handler: async (event) => (seen.push(event), { statusCode: 204, body: '' }) }]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/v1/experiments?status=running&status=draft&cursor=a%2Cb`, { headers: { cookie: 'session=abc123; theme=dark' } });
      const [event] = seen;
      const documented = awsEvent<APIGatewayProxyEventV2>('api-gateway/jwt-authorizer-get.json');
      expect(Object.keys(event ?? {}).filter((key) => !(key in documented))).toEqual([]);
      expect(event).toMatchObject({
        version: '2.0',
        rawPath: '/v1/experiments',
        rawQueryString: 'status=running&status=draft&cursor=a%2Cb',
        queryStringParameters: { status: 'running,draft', cursor: 'a,b' },
        cookies: ['session=abc123', 'theme=dark'],
        isBase64Encoded: false,
      });
      expect(event?.headers.cookie).toBeUndefined();
      expect(event?.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('bodies, as API Gateway passes them', () => {
  it.each([
    { name: 'JSON as text', contentType: 'application/json', body: '{"a":"é"}', base64: false },
    { name: 'plain text as text', contentType: 'text/plain; charset=utf-8', body: 'hello', base64: false },
    { name: 'anything else base64-encoded', contentType: 'application/octet-stream', body: 'raw', base64: true },
  ])('$name', async ({ contentType, body, base64 }) => {
    const seen: APIGatewayProxyEventV2[] = [];
    const server = createLocalHttpServer([{ prefix: '/', handler: async (event) => (seen.push(event), { statusCode: 204, body: '' }) }]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/v1/events`, { method: 'POST', body, headers: { 'content-type': contentType } });
      expect(seen[0]).toMatchObject({ isBase64Encoded: base64, body: base64 ? Buffer.from(body).toString('base64') : body });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('a query string means the same through API Gateway and through the local server', () => {
  let platform: LocalPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform('query-parity');
  });
  afterAll(async () => platform.stop());

  const viaApiGateway = async (rawQueryString: string) => {
    const result = await createApiHandler(platform.deps)(httpApiEvent('jwt-authorizer-get', { path: '/v1/experiments', rawQueryString }), {} as Context);
    return { status: result.statusCode, body: JSON.parse(result.body ?? '{}') as unknown };
  };

  it.each([
    { name: 'a repeated key is refused, naming it', rawQueryString: 'status=running&status=draft', status: 400 },
    { name: 'single values are read', rawQueryString: 'status=running&limit=10', status: 200 },
    { name: 'a comma inside a value stays in it (and is refused as a status, the same way)', rawQueryString: 'status=running%2Cdraft', status: 400 },
  ])('$name', async ({ rawQueryString, status }) => {
    const local = await call(platform, 'GET', `/v1/experiments?${rawQueryString}`);
    const aws = await viaApiGateway(rawQueryString);
    expect(local.status).toBe(status);
    expect(aws).toEqual({ status: local.status, body: local.body });
  });

  it('the refusal says which key is repeated', async () => {
    const { body } = await viaApiGateway('status=running&status=draft');
    expect(body).toMatchObject({ error: { code: 'validation_failed', message: expect.stringContaining('status is given 2 times'), details: [{ path: 'status' }] } });
  });
});

describe('mounts route as API Gateway does', () => {
  const handler = (async () => ({ statusCode: 200 })) as unknown as HttpLambda;
  it.each([
    [{ prefix: '/v1/', handler }, '/v1/experiments/e1/results', true],
    [{ path: '/v1/experiments/{id}/results', handler }, '/v1/experiments/e1/results', true],
    [{ path: '/v1/experiments/{id}/results', handler }, '/v1/experiments/e1/results/', true],
    [{ path: '/v1/experiments/{id}/results', handler }, '/v1/experiments/e1', false],
    [{ path: '/v1/experiments/{id}/results', handler }, '/v1/experiments/e1/x/results', false],
    [{ path: '/v1/openapi.json', handler }, '/v1/openapiXjson', false],
  ] as const)('%o serves %s: %s', (mounted, rawPath, serves) => {
    expect(mountServes(mounted, rawPath)).toBe(serves);
  });
});
