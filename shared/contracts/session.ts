import * as z from 'zod';
import { ApiScopeSchema } from '../domain/auth/api-key';
import { named } from './schema-registry';

/** Answer of `GET /v1/session`. */
export const SessionResponseSchema = named(
  z.object({
    authRequired: z.boolean().describe('Whether this platform requires an API key (the stack does; the local platform unless AUTH_MODE=api_keys does not)'),
    scopes: z.array(ApiScopeSchema).describe('What the key may do (every scope when no key is required)'),
    keyName: z.string().optional().describe('Name of the key, when keys are required'),
  }),
  'Session',
);
/** Answer of `GET /v1/session`. */
export type SessionResponse = z.output<typeof SessionResponseSchema>;
