import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { transactWrite } from '../../../../shared/adapters/dynamodb/transact';
import { createHttpHandler } from '../../../../shared/runtime/http/api-gateway-adapter';
import { createObservability } from '../../../../shared/runtime/observability';
import { createRouter } from '../../../../shared/runtime/http/router';

/**
 * DynamoDB Local never throttles, so a route throws the SDK's own exceptions (the only mock here):
 * a throttled request is a 503 with Retry-After, never a 500.
 */
const throttlingErrors = [
  { name: 'ProvisionedThroughputExceededException', error: () => new ProvisionedThroughputExceededException({ message: 'The level of configured provisioned throughput for the table was exceeded', $metadata: {} }) },
  { name: 'ThrottlingException', error: () => Object.assign(new Error('Rate of requests exceeds the allowed throughput'), { name: 'ThrottlingException' }) },
  { name: 'a transaction cancelled for throttling', error: () => new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }] }) },
];

function event(method: string, path: string) {
  return { version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '', headers: {}, requestContext: { http: { method, path, sourceIp: '127.0.0.1' } }, isBase64Encoded: false } as never;
}

describe('throttling at the HTTP edge', () => {
  it.each(throttlingErrors)('$name → 503 with Retry-After, nothing logged as a bug', async ({ error }) => {
    const observability = createObservability();
    const logged = vi.spyOn(observability.logger, 'error').mockImplementation(() => undefined);
    const handler = createHttpHandler(
      createRouter([{ method: 'GET', path: '/v1/busy', response: { status: 200, description: 'never' }, doc: { summary: 'busy', tag: 'test' }, handler: async () => { throw error(); } }]),
      observability,
    );
    const response = (await handler(event('GET', '/v1/busy'), {} as never)) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(JSON.parse(response.body).error.code).toBe('throttled');
    expect(logged).not.toHaveBeenCalled();
  });

  it('a transaction cancelled for throttling is thrown, not reported as failed conditions', async () => {
    const client = { send: async () => { throw throttlingErrors[2]!.error(); } } as unknown as DynamoDBDocumentClient;
    await expect(transactWrite(client, [], { sleep: async () => undefined, random: () => 0 })).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});
