/**
 * The Beta distribution's quantile: the inverse of the regularized incomplete beta function
 * I_x(a, b), for the credible intervals of the arms' posteriors. I_x comes from its continued
 * fraction (modified Lentz), with the power terms x^a (1 − x)^b / B(a, b) computed from Stirling's
 * series for large shapes so that they keep their precision at millions of sends; the inverse
 * starts from the classic closed-form guess (Numerical Recipes' `invbetai`) and refines it with
 * Halley steps kept inside a bracket that shrinks on every evaluation.
 */
import { LOG_SQRT_TWO_PI, logBeta, logGamma, STIRLING_MIN_ARGUMENT, stirlingCorrection } from './log-gamma';

/** Relative change at which the continued fraction has converged. */
const FRACTION_TOLERANCE = 1e-15;
/** Bound on the continued fraction's terms (it needs about √max(a, b) of them). */
const FRACTION_MAX_TERMS = 100_000;
/** Stands for zero in Lentz's method (avoids dividing by it). */
const TINY = 1e-300;
/** Relative step at which the inverse has converged. */
const INVERSE_TOLERANCE = 1e-14;
/** Bound on the inverse's refinement steps (bisections included). */
const INVERSE_MAX_STEPS = 200;

/** ln I_x(a, b) and ln(1 − I_x(a, b)), each exact where it is small (from the convergent side of the fraction). */
interface LogTails {
  readonly lower: number;
  readonly upper: number;
}

/**
 * ln B(a, b), precise when one shape is large and the other small (ln Γ(L) − ln Γ(L + s) from
 * Stirling's series, where the difference of two ln Γ near 10⁷ would keep only a few digits).
 */
function preciseLogBeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  if (large < STIRLING_MIN_ARGUMENT) return logBeta(a, b);
  const sum = large + small;
  return logGamma(small) - (large - 0.5) * Math.log1p(small / large) - small * Math.log(sum) + small + stirlingCorrection(large) - stirlingCorrection(sum);
}

/** ln(x^a (1 − x)^b / B(a, b)) for 0 < x < 1. */
function logPowerTerms(a: number, b: number, x: number): number {
  if (a < STIRLING_MIN_ARGUMENT || b < STIRLING_MIN_ARGUMENT) return a * Math.log(x) + b * Math.log1p(-x) - preciseLogBeta(a, b);
  // Stirling for the three ln Γ: their large terms cancel exactly, leaving a ln(x c / a) + b ln((1 − x) c / b).
  const c = a + b;
  const offset = x * c - a;
  return (
    a * Math.log1p(offset / a) + b * Math.log1p(-offset / b) + 0.5 * Math.log((a * b) / c) - LOG_SQRT_TWO_PI - stirlingCorrection(a) - stirlingCorrection(b) + stirlingCorrection(c)
  );
}

/** The continued fraction of I_x(a, b) (converges fast for x < (a + 1) / (a + b + 2)). */
function continuedFraction(a: number, b: number, x: number): number {
  const guard = (value: number): number => (Math.abs(value) < TINY ? TINY : value);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= FRACTION_MAX_TERMS; m += 1) {
    const even = (m * (b - m) * x) / ((a - 1 + 2 * m) * (a + 2 * m));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 1 + 2 * m));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < FRACTION_TOLERANCE) break;
  }
  return h;
}

/** ln(1 − e^v) for v ≤ 0, precise at both ends. */
function log1mExp(v: number): number {
  return v > -Math.LN2 ? Math.log(-Math.expm1(v)) : Math.log1p(-Math.exp(v));
}

function logTails(a: number, b: number, x: number, logTerms: number): LogTails {
  if (x < (a + 1) / (a + b + 2)) {
    const lower = logTerms + Math.log(continuedFraction(a, b, x) / a);
    return { lower, upper: log1mExp(lower) };
  }
  const upper = logTerms + Math.log(continuedFraction(b, a, 1 - x) / b);
  return { lower: log1mExp(upper), upper };
}

/**
 * The regularized incomplete beta function I_x(a, b): the Beta(a, b) distribution function.
 *
 * @param x - a point of [0, 1].
 * @param a - first shape, > 0.
 * @param b - second shape, > 0.
 * @returns P(X ≤ x) for X ~ Beta(a, b).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return Math.exp(logTails(a, b, x, logPowerTerms(a, b, x)).lower);
}

/** The closed-form first guess of the quantile (after Numerical Recipes, 3rd ed., §6.14.1). */
function initialGuess(p: number, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    const tail = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(tail));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    return a / (a + b * Math.exp(2 * w));
  }
  // The leading terms near either end: I_x ≈ x^a / (a B) and 1 − I_x ≈ (1 − x)^b / (b B).
  const logB = preciseLogBeta(a, b);
  const lowerMass = Math.exp(a * Math.log(a / (a + b)) - Math.log(a) - logB);
  return p < lowerMass ? Math.exp((Math.log(p) + Math.log(a) + logB) / a) : -Math.expm1((Math.log1p(-p) + Math.log(b) + logB) / b);
}

/**
 * The p-quantile of Beta(a, b): the x with I_x(a, b) = p. Each step is a Newton step on
 * ln(tail) − ln(target) in ln x (below ½) or ln(1 − x) (above), where the tails of small shapes
 * are nearly straight lines, kept inside a bracket that every evaluation shrinks (bisected in
 * the same logarithms when a step leaves it). Agrees with stdlib's
 * `@stdlib/stats-base-dists-beta-quantile` over the shapes the bandit produces (see its test).
 *
 * @param p - a probability.
 * @param a - first shape, > 0.
 * @param b - second shape, > 0.
 * @returns the quantile in [0, 1]; NaN when p is outside [0, 1] or a shape is not positive.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1 && a > 0 && b > 0)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const useLower = p <= 0.5;
  const logTarget = useLower ? Math.log(p) : Math.log1p(-p);
  let low = 0;
  let high = 1;
  let x = initialGuess(p, a, b);
  for (let step = 0; step < INVERSE_MAX_STEPS; step += 1) {
    if (!(x > low && x < high)) x = bisect(low, high);
    if (x <= 0 || x >= 1) return x <= 0 ? 0 : 1;
    const logTerms = logPowerTerms(a, b, x);
    const tails = logTails(a, b, x, logTerms);
    // Increasing in x, 0 at the quantile.
    const residual = useLower ? tails.lower - logTarget : logTarget - tails.upper;
    if (residual === 0) return x;
    if (residual < 0) low = x;
    else high = x;
    // d residual / d ln x = x·density / tail = x^a (1 − x)^b / (B · (1 − x) · tail).
    const slopeInLogX = Math.exp(logTerms - Math.log1p(-x) - (useLower ? tails.lower : tails.upper));
    let next: number;
    let change: number;
    if (x <= 0.5) {
      change = -residual / slopeInLogX;
      next = x * Math.exp(change);
    } else {
      // d residual / d ln(1 − x) = −(1 − x)/x · (d residual / d ln x).
      change = (residual * x) / ((1 - x) * slopeInLogX);
      next = 1 + (x - 1) * Math.exp(change);
    }
    if (!Number.isFinite(change)) next = Number.NaN;
    else if (Math.abs(change) <= INVERSE_TOLERANCE) return next > low && next < high ? next : x;
    if (next === x) return x;
    x = next;
  }
  return x;
}

/** A point strictly inside (low, high): halfway in ln x near 0, in ln(1 − x) near 1, else halfway. */
function bisect(low: number, high: number): number {
  if (high <= 0.5) return Math.sqrt(Math.max(low, Number.MIN_VALUE) * high);
  if (low >= 0.5) return 1 - Math.sqrt(Math.max(1 - high, Number.EPSILON / 2) * (1 - low));
  return (low + high) / 2;
}
