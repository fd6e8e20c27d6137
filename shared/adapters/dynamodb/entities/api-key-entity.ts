import * as z from 'zod';
import { type ApiKeyRecord, ApiScopeSchema } from '../../../domain/auth/api-key';
import { defineEntity } from './define-entity';
import { StoredInstant } from './stored-values';

/** GSI1 partition listing keys. */
export const API_KEY_LIST_PARTITION = 'APIKEYS';

/** A stored key: its record and the SHA-256 it is found by (never the key itself). */
export interface ApiKeyItem extends ApiKeyRecord {
  /** SHA-256 of the key, hex. */
  readonly hash: string;
}

/** API keys, found by hash, listed by creation (GSI1). */
export const apiKeyEntity = defineEntity<ApiKeyItem, { readonly hash: string }>({
  name: 'api_key',
  summary: 'API key',
  schema: z.object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(ApiScopeSchema),
    createdAt: StoredInstant,
    revokedAt: StoredInstant.optional(),
    hash: z.string(),
  }),
  key: ({ hash }) => ({ pk: `APIKEY#${hash}`, sk: 'META' }),
  indexes: (record) => ({ gsi1pk: API_KEY_LIST_PARTITION, gsi1sk: `${record.createdAt}#${record.id}` }),
  layout: { pk: '`APIKEY#<sha256 of the key>`', sk: '`META`', gsi1: '`APIKEYS` / `<created>#<id>`' },
});
