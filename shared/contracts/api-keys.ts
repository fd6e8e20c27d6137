import * as z from 'zod';
import { ApiScopeSchema, CreateApiKeySchema } from '../domain/auth/api-key';
import { named } from './schema-registry';

/** Body of `POST /v1/api-keys`. */
export const CreateApiKeyBodySchema = named(CreateApiKeySchema, 'CreateApiKey');

/** A key as listed (never the key itself). */
export const ApiKeyResponseSchema = named(
  z.object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(ApiScopeSchema),
    createdAt: z.string(),
    revokedAt: z.string().optional(),
  }),
  'ApiKey',
);
/** A key as listed. */
export type ApiKeyResponse = z.output<typeof ApiKeyResponseSchema>;

/** Answer of `POST /v1/api-keys`: the key, shown once. */
export const CreatedApiKeyResponseSchema = ApiKeyResponseSchema.extend({ key: z.string() });
/** Answer of `GET /v1/api-keys`. */
export const ApiKeyListResponseSchema = z.object({ items: z.array(ApiKeyResponseSchema) });
