/**
 * ln Γ and ln B for positive arguments (the Beta and beta-binomial computations of the bandit).
 */

/** Lanczos coefficients (g = 7, n = 9). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];
/** Lanczos g. */
const LANCZOS_G = 7;
/** ln √(2π). */
export const LOG_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);
/** Smallest argument of {@link stirlingCorrection} (its truncation error is below 1e-12 from here). */
export const STIRLING_MIN_ARGUMENT = 10;

/**
 * ln Γ(x) for x > 0 (Lanczos approximation, relative error ~1e-15).
 *
 * @param x - a positive number.
 * @returns ln Γ(x).
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i += 1) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LOG_SQRT_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
 *
 * @param a - a positive shape.
 * @param b - a positive shape.
 * @returns ln B(a, b).
 */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * The remainder of Stirling's series, ln Γ(x) − ((x − ½) ln x − x + ln √(2π)), for
 * x ≥ {@link STIRLING_MIN_ARGUMENT}: small, so differences of it keep their precision where
 * differences of ln Γ of large arguments cancel.
 *
 * @param x - a number ≥ {@link STIRLING_MIN_ARGUMENT}.
 * @returns the remainder.
 */
export function stirlingCorrection(x: number): number {
  const inverse = 1 / x;
  const inverseSquared = inverse * inverse;
  return inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared * (1 / 1260 - inverseSquared / 1680)));
}
