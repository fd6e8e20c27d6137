import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_CACHE_MAX_ENTRIES, DynamoApiKeyStore } from '../../../../shared/adapters/dynamodb/api-key-store';
import { createTestTable, type TestTable } from '../../../support/dynamo';

/** Issue 10, "unauthenticated abuse": every random key was cached forever (and read once). */
let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('api-key-store');
});
afterAll(async () => table.drop());

/** 1,500 lookups against DynamoDB Local: a few seconds on a quiet machine, over 30 s on a loaded one. */
const FLOOD_TIMEOUT_MS = 120_000;

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

describe('the lookup cache of API keys', () => {
  it(`stays at most ${API_KEY_CACHE_MAX_ENTRIES} entries under a flood of unknown keys, and still knows a real key`, async () => {
    const store = new DynamoApiKeyStore(table.documents, table.tableName, () => 0);
    const realHash = hashOf('clk_real-key');
    await store.create(realHash, { id: 'k1', name: 'ops', scopes: ['admin'], createdAt: '2026-11-29T20:00:00.000Z' });
    const flood = API_KEY_CACHE_MAX_ENTRIES + 500;
    for (let start = 0; start < flood; start += 100) {
      await Promise.all(Array.from({ length: Math.min(100, flood - start) }, () => store.findByHash(hashOf(`clk_${randomBytes(32).toString('base64url')}`))));
      expect(store.cachedLookups).toBeLessThanOrEqual(API_KEY_CACHE_MAX_ENTRIES);
    }
    expect(store.cachedLookups).toBe(API_KEY_CACHE_MAX_ENTRIES);
    expect(await store.findByHash(realHash)).toMatchObject({ id: 'k1' });
  }, FLOOD_TIMEOUT_MS);
});
