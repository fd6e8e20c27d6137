import { ApiError, type ApiClient } from './api-client';

/** Code of the API's answer when an idempotency key is reused with another body. */
const IDEMPOTENCY_CONFLICT = 'idempotency_conflict';

/**
 * Creates a resource with `POST collection` under `idempotencyKey`, or finds the one this key
 * created earlier: a repeat with the same body answers it (200); a file edited since is refused as
 * an idempotency conflict, and the resource is then read at the id the API derives from the key.
 *
 * @param client - the API client.
 * @param collection - the collection's path, e.g. `/v1/journeys`.
 * @param idempotencyKey - the file's key.
 * @param input - the body to create with.
 * @param idForKey - the API's own derivation of the id from the key.
 * @returns the resource, and whether this call created it.
 */
export async function createOrFind<T>(client: ApiClient, collection: string, idempotencyKey: string, input: unknown, idForKey: (key: string) => string): Promise<{ readonly item: T; readonly created: boolean }> {
  try {
    const response = await client.request<T>('POST', collection, { body: input, headers: { 'Idempotency-Key': idempotencyKey } });
    return { item: response.body, created: response.status === 201 };
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== IDEMPOTENCY_CONFLICT) throw error;
    const response = await client.request<T>('GET', `${collection}/${encodeURIComponent(idForKey(idempotencyKey))}`);
    return { item: response.body, created: false };
  }
}
