import * as z from 'zod';
import { API_SCOPES, ApiScopeSchema } from '../../../shared/domain/auth/api-key';
import { type ApiKeyDependencies, authorize } from '../../../shared/use-cases/auth/api-keys';
import type { Route } from '../../../shared/runtime/http/router';

/** Response of `GET /v1/session`. */
export const SessionResponseSchema = z.object({
  authRequired: z.boolean().describe('Whether this platform requires an API key (the stack does; the local platform unless AUTH_MODE=api_keys does not)'),
  scopes: z.array(ApiScopeSchema).describe('What the key may do (every scope when no key is required)'),
  keyName: z.string().optional().describe('Name of the key, when keys are required'),
});
/** Response of `GET /v1/session`. */
export type SessionResponse = z.output<typeof SessionResponseSchema>;

/**
 * `GET /v1/session`: what the caller's key may do, so that a client (the web app) shows only the
 * controls it can use. Needs the `read` scope like every GET; answers 401 without a valid key.
 */
export function sessionRoute(deps: Pick<ApiKeyDependencies, 'apiKeys' | 'keyMaker'> & { readonly authMode: 'api_keys' | 'none' }): Route {
  return {
    method: 'GET',
    path: '/v1/session',
    doc: { summary: "What the caller's API key may do (its scopes)", tag: 'api-keys', response: { status: 200, schema: SessionResponseSchema, description: 'The scopes of the key' } },
    handler: async (request) => {
      if (deps.authMode !== 'api_keys') return { statusCode: 200, headers: { 'cache-control': 'no-store' }, body: { authRequired: false, scopes: [...API_SCOPES] } satisfies SessionResponse };
      const record = await authorize(deps, request.headers['x-api-key'], 'read');
      return { statusCode: 200, headers: { 'cache-control': 'no-store' }, body: { authRequired: true, scopes: [...record.scopes], keyName: record.name } satisfies SessionResponse };
    },
  };
}
