import { createHash, createHmac, randomInt, randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '../use-cases/ports/clock';
import type { SeedSource } from '../use-cases/ports/seed-source';
import { canonicalJson } from '../domain/canonical-json';

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Length of derived ids (hex characters of a SHA-256). */
const DERIVED_ID_LENGTH = 32;

/** Domain-separation prefix of keyed ids. */
const KEYED_ID_CONTEXT = 'channel-lab/id/v1/';

/**
 * Random UUIDs for new ids; SHA-256 for derived ids and fingerprints; HMAC-SHA256 under `idKey` for
 * secret ids (without a key, asking for one is a configuration error that names the variable).
 */
export function createIds(idKey?: string): IdGenerator {
  return {
    newId: () => randomUUID(),
    idFor: (key) => createHash('sha256').update(key).digest('hex').slice(0, DERIVED_ID_LENGTH),
    secretIdFor: (key) => {
      if (idKey === undefined) throw new Error('configuration: this function has no assignment-id key (ASSIGNMENT_ID_SECRET_ARN) but needed one');
      return createHmac('sha256', idKey).update(KEYED_ID_CONTEXT + key).digest('hex').slice(0, DERIVED_ID_LENGTH);
    },
    fingerprint: (value) => createHash('sha256').update(canonicalJson(value)).digest('hex'),
  };
}

/** Ids without a secret id key (the CLI derives experiment ids; nothing here needs a secret id). */
export const cryptoIds: IdGenerator = createIds();

/** Largest 32-bit seed + 1. */
const SEED_RANGE = 2 ** 32;

/** Random 32-bit decision seeds. */
export const cryptoSeeds: SeedSource = { nextSeed: () => randomInt(0, SEED_RANGE) };
