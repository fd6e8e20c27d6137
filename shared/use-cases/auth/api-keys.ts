import { type ApiKeyRecord, type ApiScope, type CreateApiKeyInput, scopeAllows } from '../../domain/auth/api-key';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../domain/errors/channel-lab-error';
import type { ApiKeyStore, KeyMaker } from '../ports/api-key-store';
import type { Clock, IdGenerator } from '../ports/clock';

/** What key management needs. */
export interface ApiKeyDependencies {
  readonly apiKeys: ApiKeyStore;
  readonly keyMaker: KeyMaker;
  /** Injected clock: every timestamp and window here is read from it (tests and the simulator move it). */
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * Creates a key; the plaintext key is returned once and never stored.
 *
 * @param input - name and scopes parsed with `CreateApiKeySchema`.
 */
export async function createApiKey(deps: ApiKeyDependencies, { name, scopes }: CreateApiKeyInput): Promise<ApiKeyRecord & { readonly key: string }> {
  const key = deps.keyMaker.newKey();
  const record: ApiKeyRecord = { id: deps.ids.newId(), name, scopes: [...new Set(scopes)], createdAt: deps.clock.now().toISOString() };
  await deps.apiKeys.create(deps.keyMaker.hash(key), record);
  return { ...record, key };
}

/** Revokes a key (effective within the authorizer's cache period). */
export async function revokeApiKey(deps: ApiKeyDependencies, id: string): Promise<void> {
  if (!(await deps.apiKeys.revoke(id, deps.clock.now().toISOString()))) throw new NotFoundError(`API key ${id} not found`);
}

/**
 * Checks a request's key against the scope its route requires.
 * @throws UnauthorizedError when the key is missing, unknown or revoked.
 * @throws ForbiddenError when its scopes do not include the required one.
 */
export async function authorize(deps: Pick<ApiKeyDependencies, 'apiKeys' | 'keyMaker'>, key: string | undefined, required: ApiScope): Promise<ApiKeyRecord> {
  if (key === undefined || key.trim() === '') throw new UnauthorizedError('missing API key: send it in the x-api-key header');
  const record = await deps.apiKeys.findByHash(deps.keyMaker.hash(key.trim()));
  if (!record || record.revokedAt !== undefined) throw new UnauthorizedError('unknown or revoked API key');
  if (!scopeAllows(record.scopes, required)) {
    throw new ForbiddenError(`this API key has scopes [${record.scopes.join(', ')}]; this operation needs "${required}"`);
  }
  return record;
}
