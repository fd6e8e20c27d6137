/**
 * Samplers for the distributions the bandit needs, all driven by an injected
 * {@link Rng}: standard normal (Marsaglia polar), gamma (Marsaglia–Tsang) and
 * beta (ratio of gammas).
 */
import type { Rng } from './rng';

/** Marsaglia–Tsang constant: d = shape − 1/3. */
const ONE_THIRD = 1 / 3;
/** Marsaglia–Tsang squeeze constant. */
const SQUEEZE = 0.0331;

/**
 * A standard normal sampler. Each call to the returned function gives one
 * N(0, 1) draw; the polar method produces draws in pairs and the second is
 * cached in the closure.
 *
 * @param rng - the uniform source.
 * @returns a function returning independent standard normal draws.
 */
export function createNormalSampler(rng: Rng): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * rng.next() - 1;
      v = 2 * rng.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * factor;
    hasSpare = true;
    return u * factor;
  };
}

/**
 * Draws from Gamma(shape, 1) by Marsaglia and Tsang's method (2000); shapes
 * below 1 use the boost `G(a) = G(a + 1) · U^(1/a)`.
 *
 * @param rng - the uniform source.
 * @param normal - a standard normal sampler built on the same `rng`.
 * @param shape - the shape parameter, > 0.
 * @returns one gamma draw (> 0 except for underflow at tiny shapes).
 */
export function sampleGamma(rng: Rng, normal: () => number, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) {
    const boosted = sampleGamma(rng, normal, shape + 1);
    return boosted * Math.pow(1 - rng.next(), 1 / shape);
  }
  const d = shape - ONE_THIRD;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x = 0;
    let v = 0;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    const x2 = x * x;
    if (u < 1 - SQUEEZE * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Draws from Beta(alpha, beta) as `X / (X + Y)` with independent gamma draws.
 *
 * @param rng - the uniform source.
 * @param normal - a standard normal sampler built on the same `rng`.
 * @param alpha - first shape, > 0.
 * @param beta - second shape, > 0.
 * @returns one draw in `[0, 1]`.
 */
export function sampleBeta(rng: Rng, normal: () => number, alpha: number, beta: number): number {
  const x = sampleGamma(rng, normal, alpha);
  const y = sampleGamma(rng, normal, beta);
  const total = x + y;
  // Both gammas can underflow to 0 at tiny shapes; the mean is then the best answer.
  return total > 0 ? x / total : alpha / (alpha + beta);
}
