import * as z from 'zod';
import { CreateApiKeySchema } from '../../../shared/domain/auth/api-key';
import { type ApiKeyDependencies, createApiKey, revokeApiKey } from '../../../shared/use-cases/auth/api-keys';
import { jsonBody } from '../../../shared/runtime/http/request-body';
import type { Route } from '../../../shared/runtime/http/router';

const TAG = 'api-keys';

/** A key as listed (never the key itself). */
export const ApiKeyResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(['read', 'send', 'admin'])),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});

/** Key management (admin): create (the key is shown once), list, revoke. */
export function apiKeyRoutes(deps: ApiKeyDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/api-keys',
      doc: { summary: 'Create an API key (the key is in this response only; it is stored hashed)', tag: TAG, body: CreateApiKeySchema, response: { status: 201, schema: ApiKeyResponseSchema.extend({ key: z.string() }), description: 'The new key' } },
      handler: async (request) => ({ statusCode: 201, body: await createApiKey(deps, jsonBody(request)) }),
    },
    {
      method: 'GET',
      path: '/v1/api-keys',
      scope: 'admin',
      doc: { summary: 'List API keys (without the keys)', tag: TAG, response: { status: 200, schema: z.object({ items: z.array(ApiKeyResponseSchema) }), description: 'Keys, newest first' } },
      handler: async () => ({ statusCode: 200, body: { items: await deps.apiKeys.list() } }),
    },
    {
      method: 'DELETE',
      path: '/v1/api-keys/{keyId}',
      doc: { summary: 'Revoke an API key (effective within a minute)', tag: TAG, response: { status: 204, description: 'Revoked' } },
      handler: async (request) => {
        await revokeApiKey(deps, request.params.keyId ?? '');
        return { statusCode: 204 };
      },
    },
  ];
}
