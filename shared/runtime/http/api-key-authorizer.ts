import { type ApiKeyDependencies, authorize } from '../../use-cases/auth/api-keys';
import type { Authorizer } from './router';

/**
 * The router's authorizer of an HTTP function: with `api_keys`, every non-public route needs an
 * `x-api-key` holding its scope; with `none` (local development) there is none.
 */
export function apiKeyAuthorizer(deps: Pick<ApiKeyDependencies, 'apiKeys' | 'keyMaker'> & { readonly authMode: 'api_keys' | 'none' }): Authorizer | undefined {
  return deps.authMode === 'api_keys' ? async (request, scope) => void (await authorize(deps, request.headers['x-api-key'], scope)) : undefined;
}
