import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX } from '../domain/auth/api-key';
import type { KeyMaker } from '../use-cases/ports/api-key-store';

/** Random bytes of an API key (256 bits). */
const API_KEY_BYTES = 32;

/** Random API keys with the key prefix, hashed with SHA-256 (keys are stored only as their hash). */
export const cryptoKeyMaker: KeyMaker = {
  newKey: () => `${API_KEY_PREFIX}${randomBytes(API_KEY_BYTES).toString('base64url')}`,
  hash: (key) => createHash('sha256').update(key).digest('hex'),
};
