import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '../use-cases/ports/clock';
import type { SeedSource } from '../use-cases/ports/send-ports';
import { canonicalJson } from '../domain/canonical-json';

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Length of derived ids (hex characters of a SHA-256). */
const DERIVED_ID_LENGTH = 32;

/** Random UUIDs for new ids; SHA-256 for derived ids and fingerprints. */
export const cryptoIds: IdGenerator = {
  newId: () => randomUUID(),
  idFor: (key) => createHash('sha256').update(key).digest('hex').slice(0, DERIVED_ID_LENGTH),
  fingerprint: (value) => createHash('sha256').update(canonicalJson(value)).digest('hex'),
};

/** Largest 32-bit seed + 1. */
const SEED_RANGE = 2 ** 32;

/** Random 32-bit decision seeds. */
export const cryptoSeeds: SeedSource = { nextSeed: () => randomInt(0, SEED_RANGE) };
