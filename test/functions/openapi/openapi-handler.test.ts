import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import document from '../../../functions/openapi/openapi-document.json' with { type: 'json' };
import { createOpenApiHandler } from '../../../functions/openapi/openapi-handler';
import { OPENAPI_DOCUMENT_MAX_AGE_SECONDS } from '../../../functions/openapi/openapi-route';
import { createLogger } from '../../../shared/runtime/observability';
import { httpApiEvent } from '../../support/aws-events';

const handler = createOpenApiHandler(document, createLogger({ logLevel: 'error' }));
const context = { functionName: 'openapi-test', awsRequestId: 'req-openapi', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const invoke = async (method: string, path = '/v1/openapi.json') => (await handler(httpApiEvent('jwt-authorizer-get', { method, path }), context)) as APIGatewayProxyStructuredResultV2;

describe('the OpenAPI function', () => {
  it('serves the generated document as JSON, cacheable for five minutes, without a key', async () => {
    const response = await invoke('GET');
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'content-type': 'application/json', 'cache-control': `public, max-age=${OPENAPI_DOCUMENT_MAX_AGE_SECONDS}` });
    expect(JSON.parse(response.body ?? '')).toEqual(document);
  });

  it.each(['POST', 'PUT', 'DELETE'])('answers %s with 405 naming GET, as every route does', async (method) => {
    const response = await invoke(method);
    expect(response.statusCode).toBe(405);
    expect(JSON.parse(response.body ?? '').error.message).toContain('use GET');
  });

  it('answers another path with 404', async () => {
    expect((await invoke('GET', '/v1/openapi.yaml')).statusCode).toBe(404);
  });
});
