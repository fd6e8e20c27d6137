import { ApiKeyListResponseSchema, CreateApiKeyBodySchema, CreatedApiKeyResponseSchema } from '../../../shared/contracts/api-keys';
import { type ApiKeyDependencies, createApiKey, revokeApiKey } from '../../../shared/use-cases/auth/api-keys';
import { defineRoute, type Route } from '../../../shared/runtime/http/router';

const TAG = 'api-keys';

export { ApiKeyResponseSchema } from '../../../shared/contracts/api-keys';

/** Key management (admin): create (the key is shown once), list, revoke. */
export function apiKeyRoutes(deps: ApiKeyDependencies): Route[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/v1/api-keys',
      body: { schema: CreateApiKeyBodySchema, what: 'API key' },
      response: { status: 201, schema: CreatedApiKeyResponseSchema, description: 'The new key' },
      doc: { summary: 'Create an API key (the key is in this response only; it is stored hashed)', tag: TAG },
      handler: async (_request, { body }) => ({ statusCode: 201, body: await createApiKey(deps, body) }),
    }),
    {
      method: 'GET',
      path: '/v1/api-keys',
      scope: 'admin',
      response: { status: 200, schema: ApiKeyListResponseSchema, description: 'Keys, newest first' },
      doc: { summary: 'List API keys (without the keys)', tag: TAG },
      handler: async () => ({ statusCode: 200, body: { items: await deps.apiKeys.list() } }),
    },
    {
      method: 'DELETE',
      path: '/v1/api-keys/{keyId}',
      response: { status: 204, description: 'Revoked' },
      doc: { summary: 'Revoke an API key (effective within a minute)', tag: TAG },
      handler: async (request) => {
        await revokeApiKey(deps, request.params.keyId ?? '');
        return { statusCode: 204 };
      },
    },
  ];
}
