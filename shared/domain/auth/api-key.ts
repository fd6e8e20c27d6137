import * as z from 'zod';

/**
 * API key scopes: `read` (GET routes: experiments, results, customers, inbox), `send` (sends,
 * events, customer profiles and opt-outs; includes read), `admin` (everything: defining and
 * running experiments, reallocating, erasing customers, managing keys).
 */
export const API_SCOPES = ['read', 'send', 'admin'] as const;
/** An API key scope. */
export type ApiScope = (typeof API_SCOPES)[number];
/** Zod schema of a scope. */
export const ApiScopeSchema = z.enum(API_SCOPES);

/** What each scope includes. */
const INCLUDES: Readonly<Record<ApiScope, readonly ApiScope[]>> = {
  read: ['read'],
  send: ['send', 'read'],
  admin: ['admin', 'send', 'read'],
};

/** Whether a key with `scopes` may call a route that requires `required`. */
export function scopeAllows(scopes: readonly ApiScope[], required: ApiScope): boolean {
  return scopes.some((scope) => INCLUDES[scope].includes(required));
}

/** A stored key: never the key itself, only its SHA-256. */
export interface ApiKeyRecord {
  /** Public identifier (shown in listings, used to revoke). */
  readonly id: string;
  /** What it is for. */
  readonly name: string;
  readonly scopes: readonly ApiScope[];
  /** ISO instant of creation. */
  readonly createdAt: string;
  /** ISO instant of revocation, if revoked. */
  readonly revokedAt?: string;
}

/** Body of `POST /v1/api-keys`. */
export const CreateApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  scopes: z.array(ApiScopeSchema).min(1, 'give at least one scope').max(API_SCOPES.length),
});
/** A new key's name and scopes. */
export type CreateApiKeyInput = z.output<typeof CreateApiKeySchema>;

/** Prefix of every key (recognisable in logs and secret scanners). */
export const API_KEY_PREFIX = 'clk_';
