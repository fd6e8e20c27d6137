import { type SessionResponse, SessionResponseSchema } from '../../../shared/contracts/session';
import { API_SCOPES } from '../../../shared/domain/auth/api-key';
import { type ApiKeyDependencies, authorize } from '../../../shared/use-cases/auth/api-keys';
import type { Route } from '../../../shared/runtime/http/router';

export { SessionResponseSchema, type SessionResponse } from '../../../shared/contracts/session';

/**
 * `GET /v1/session`: what the caller's key may do, so that a client (the web app) shows only the
 * controls it can use. Needs the `read` scope like every GET; answers 401 without a valid key.
 */
export function sessionRoute(deps: Pick<ApiKeyDependencies, 'apiKeys' | 'keyMaker'> & { readonly authMode: 'api_keys' | 'none' }): Route {
  return {
    method: 'GET',
    path: '/v1/session',
    response: { status: 200, schema: SessionResponseSchema, description: 'The scopes of the key' },
    doc: { summary: "What the caller's API key may do (its scopes)", tag: 'api-keys' },
    handler: async (request) => {
      if (deps.authMode !== 'api_keys') return { statusCode: 200, headers: { 'cache-control': 'no-store' }, body: { authRequired: false, scopes: [...API_SCOPES] } satisfies SessionResponse };
      const record = await authorize(deps, request.headers['x-api-key'], 'read');
      return { statusCode: 200, headers: { 'cache-control': 'no-store' }, body: { authRequired: true, scopes: [...record.scopes], keyName: record.name } satisfies SessionResponse };
    },
  };
}
