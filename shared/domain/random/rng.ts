/**
 * Seeded pseudo-random numbers for the pure core.
 *
 * The domain never calls `Math.random()`: every random choice (Monte Carlo
 * draws, the channel picked for a send, the simulator) goes through an {@link Rng}
 * built from an explicit seed, so that a result can be reproduced from the seed
 * stored with it.
 */

/** A source of uniform pseudo-random numbers. */
export interface Rng {
  /** A uniform number in `[0, 1)`. */
  next(): number;
}

/** 2^32, to turn an unsigned 32-bit integer into a float in `[0, 1)`. */
const UINT32_RANGE = 4_294_967_296;
/** Golden-ratio increment of splitmix32, used to expand one seed into four words. */
const SPLITMIX_INCREMENT = 0x9e3779b9;
/** Rounds discarded after seeding sfc32, so that close seeds give unrelated streams. */
const SFC32_WARM_UP_ROUNDS = 12;

/** One step of splitmix32: a well-mixed 32-bit word from a state. */
function splitmix32(state: number): number {
  let z = state | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Creates a seeded generator (sfc32, "small fast counting", period ≥ 2^32 and
 * about 2^127 on average; passes PractRand). The four words of state are
 * expanded from the seed with splitmix32.
 *
 * @param seed - any finite number; it is reduced to an unsigned 32-bit integer.
 * @returns a deterministic {@link Rng}: the same seed gives the same sequence.
 */
export function createSeededRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return new Sfc32(normaliseSeed(seed));
}

/** sfc32 state machine; a class so that V8 keeps its four words in fast fields. */
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(base: number) {
    this.a = splitmix32(base + SPLITMIX_INCREMENT) | 0;
    this.b = splitmix32(base + 2 * SPLITMIX_INCREMENT) | 0;
    this.c = splitmix32(base + 3 * SPLITMIX_INCREMENT) | 0;
    this.d = 1;
    for (let i = 0; i < SFC32_WARM_UP_ROUNDS; i += 1) this.next();
  }

  next(): number {
    const { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const rotated = (c << 21) | (c >>> 11);
    this.c = (rotated + t) | 0;
    return (t >>> 0) / UINT32_RANGE;
  }
}

/**
 * Reduces any finite number to an unsigned 32-bit seed (fractional parts are
 * mixed in, so `1.5` and `1` differ).
 *
 * @param seed - a finite number.
 * @returns an integer in `[0, 2^32)`.
 */
export function normaliseSeed(seed: number): number {
  const whole = Math.floor(seed);
  const fraction = Math.floor((seed - whole) * UINT32_RANGE);
  return (splitmix32(fraction) ^ (whole >>> 0) ^ Math.floor(whole / UINT32_RANGE)) >>> 0;
}

/**
 * Derives a child seed from a parent seed and a label (e.g. a segment id), so
 * that each part of a computation has its own reproducible stream, independent
 * of the order in which the parts are processed.
 *
 * @param seed - the parent seed.
 * @param label - a string naming the child stream.
 * @returns an unsigned 32-bit seed.
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = normaliseSeed(seed) ^ 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  }
  return splitmix32(hash);
}
