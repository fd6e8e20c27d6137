import { createHash, randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '../use-cases/ports/clock';

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Length of derived ids (hex characters of a SHA-256). */
const DERIVED_ID_LENGTH = 32;

/** Sorts object keys recursively so equal JSON values serialise identically. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Random UUIDs for new ids; SHA-256 for derived ids and fingerprints. */
export const cryptoIds: IdGenerator = {
  newId: () => randomUUID(),
  idFor: (key) => createHash('sha256').update(key).digest('hex').slice(0, DERIVED_ID_LENGTH),
  fingerprint: (value) => createHash('sha256').update(canonicalJson(value)).digest('hex'),
};
