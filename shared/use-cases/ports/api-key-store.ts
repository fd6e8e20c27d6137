import type { ApiKeyRecord } from '../../domain/auth/api-key';

/** Where API keys are kept, by the SHA-256 of the key. */
export interface ApiKeyStore {
  /** Stores a new key. */
  create(hash: string, record: ApiKeyRecord): Promise<void>;
  /** The key with this hash, or undefined. */
  findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  /** Every key (without secrets), newest first. */
  list(): Promise<readonly ApiKeyRecord[]>;
  /** Revokes a key; false when there is no such key. */
  revoke(id: string, at: string): Promise<boolean>;
}

/** Makes and hashes key secrets. */
export interface KeyMaker {
  /** A new random key (with its prefix). */
  newKey(): string;
  /** The SHA-256 (hex) of a key. */
  hash(key: string): string;
}
