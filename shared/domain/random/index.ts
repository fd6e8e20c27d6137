/** Seeded randomness for the pure core: the RNG and the samplers built on it. */
export { createSeededRng, deriveSeed, normaliseSeed } from './rng';
export type { Rng } from './rng';
export { createNormalSampler, sampleBeta, sampleGamma } from './distributions';
