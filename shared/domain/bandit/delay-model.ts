/**
 * The response-delay model: per channel, a log-normal delay distribution (cut at the attribution
 * window) with a prior per channel, updated by every response seen so far, honest about censoring
 * (a send that has been out for e can only have shown delays up to e), pooled over the segments
 * and arms of the channel.
 *
 * The posterior over the delay distribution is kept on a grid of (median, spread) values with
 * their weights, so that what is not known yet (how much of a slow channel's responses are still
 * to come in the first window) stays uncertain: an open send counts as the elapsed fraction of
 * the delay distribution under each grid value, and the arm's evidence is the mixture over the
 * grid, moment-matched back to a Beta — uncertainty about the delays widens the interval instead
 * of shrinking it.
 *
 * Likelihood: with response rate p and delay distribution F, the responses of a channel in delay
 * bucket b are Poisson with mean `p·λ_b`, `λ_b = (F(U_b) − F(L_b))·(matured + open sends older
 * than bucket b) + open sends in bucket b × (mean F over their ages − F(L_b))`. Profiling p out
 * leaves the multinomial `Π_b (λ_b/Λ)^{y_b}` with `Λ = Σ_b λ_b` (the channel's effective trials).
 */
import type { ArmStatistics } from './arm-statistics';
import type { Channel } from './policy';
import { DELAY_BUCKET_COUNT, DELAY_BUCKET_EDGES_MS, MINUTE_MS } from './delay-buckets';
import type { Evidence } from './delay-correction';

/** Prior of a channel's delay distribution: the median delay and how unsure it is (log scale). */
export interface DelayPrior {
  /** Prior median delay, in minutes. */
  readonly medianMinutes: number;
  /** Standard deviation of the log median (1.25 ≈ a factor 3.5 either way at one s.d.). */
  readonly logMedianSd: number;
}

/** How unsure the prior median is, in natural-log units. */
const PRIOR_LOG_MEDIAN_SD = 1.25;

/**
 * Prior median delays per channel: SMS and push are read in minutes, in-app at the next session,
 * email over hours. Wide (a factor 3.5 at one s.d., 20 at 2.5): the data take over within hours.
 */
export const CHANNEL_DELAY_PRIORS: Readonly<Record<Channel, DelayPrior>> = {
  sms: { medianMinutes: 5, logMedianSd: PRIOR_LOG_MEDIAN_SD },
  push: { medianMinutes: 15, logMedianSd: PRIOR_LOG_MEDIAN_SD },
  in_app: { medianMinutes: 60, logMedianSd: PRIOR_LOG_MEDIAN_SD },
  email: { medianMinutes: 240, logMedianSd: PRIOR_LOG_MEDIAN_SD },
  webhook: { medianMinutes: 60, logMedianSd: PRIOR_LOG_MEDIAN_SD },
};

/** Grid of log-normal spreads σ (log-delay standard deviations). */
const SIGMA_GRID: readonly number[] = [0.4, 0.7, 1.0, 1.3, 1.7, 2.2];
/** Grid step of the log median. */
const LOG_MEDIAN_STEP = 0.25;
/** The grid covers the prior median ± this many prior s.d. */
const LOG_MEDIAN_SPAN_SD = 2.5;
/** Grid values whose posterior weight is below this share of the largest are dropped. */
const WEIGHT_CUTOFF = 1e-5;
/** Ages of open sends are averaged over these points of their bucket (midpoint rule, 3 points). */
const AGE_POINTS: readonly number[] = [1 / 6, 1 / 2, 5 / 6];
/** A bucket's mean age is rounded to this fraction of the bucket's width (so that arms share computed fractions). */
const MEAN_AGE_RESOLUTION = 1 / 64;

/** One value of the delay distribution's posterior. */
export interface DelayHypothesis {
  /** Posterior weight (the weights sum to 1). */
  readonly weight: number;
  /** Median delay, in minutes. */
  readonly medianMinutes: number;
  /** Log-normal σ. */
  readonly sigma: number;
  /** Expected share of the responses already in for an open send, per elapsed-time bucket (sends spread evenly over the bucket). */
  readonly elapsedFraction: readonly number[];
}

/** A channel's delay posterior. */
export interface DelayPosterior {
  /** The grid values kept, with their weights. */
  readonly hypotheses: readonly DelayHypothesis[];
  /** Responses (matured and open) the posterior rests on. */
  readonly sampleSize: number;
  /** Posterior mean of the median delay, in minutes (geometric). */
  readonly medianMinutes: number;
  /** The attribution window the distributions are cut at, in minutes. */
  readonly windowMinutes: number;
  /** Whether open sends' mean ages (`openElapsedMinutes`) are used (see {@link DelayModelOptions}). */
  readonly openAges: boolean;
}

/** Options of {@link estimateDelayPosterior}. */
export interface DelayModelOptions {
  /**
   * Use the mean age of the open sends in each elapsed-time bucket (`openElapsedMinutes`, where the
   * counters have it) instead of taking them as spread over the whole bucket. The reported
   * estimates use it; the allocator does not (measured: it makes early evidence of slow channels
   * honest but weaker, which costs `main` 4.6 % more regret).
   */
  readonly openAges?: boolean;
}

/** Standard normal CDF (Numerical Recipes' erfc, relative error < 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** The log-normal CDF cut at the window: F(x) / F(W) for x < W, 1 from W. */
function truncatedCdf(minutes: number, logMedian: number, sigma: number, windowMinutes: number, atWindow: number): number {
  if (minutes <= 0) return 0;
  if (minutes >= windowMinutes) return 1;
  return normalCdf((Math.log(minutes) - logMedian) / sigma) / atWindow;
}

/** Per bucket: lower and upper edge (minutes, cut at the window) and the ages averaged over. */
interface BucketGeometry {
  readonly lower: number;
  readonly upper: number;
  readonly ages: readonly number[];
}

/**
 * The ages, in minutes, at which the elapsed fraction of a bucket's open sends is averaged, given
 * their mean age: three points of the widest even spread inside the bucket with that mean (the
 * whole bucket when the mean is its middle). An experiment younger than a bucket's upper edge has
 * its oldest sends in the lower part of that bucket only; taking them as spread over the whole
 * bucket overstates their age, so a slow channel's open sends would count as more trials than
 * they are and its rate would read low.
 *
 * @param lower - the bucket's lower edge, minutes.
 * @param upper - its upper edge (cut at the window), minutes.
 * @param meanAge - the mean age of its open sends, minutes.
 * @returns three ages, ascending.
 */
export function openAgePoints(lower: number, upper: number, meanAge: number): readonly number[] {
  const width = upper - lower;
  if (!(width > 0)) return [lower, lower, lower];
  const step = width * MEAN_AGE_RESOLUTION;
  const mean = Math.min(upper, Math.max(lower, lower + Math.round((meanAge - lower) / step) * step));
  const [from, to] = mean <= lower + width / 2 ? [lower, 2 * mean - lower] : [2 * mean - upper, upper];
  return AGE_POINTS.map((point) => from + point * (to - from));
}

/** Bucket geometries per window (they depend on nothing else). */
const GEOMETRIES = new Map<number, readonly BucketGeometry[]>();

function bucketGeometry(windowMinutes: number): readonly BucketGeometry[] {
  const cached = GEOMETRIES.get(windowMinutes);
  if (cached) return cached;
  const geometry = computeBucketGeometry(windowMinutes);
  if (GEOMETRIES.size >= MAX_TABLES) GEOMETRIES.clear();
  GEOMETRIES.set(windowMinutes, geometry);
  return geometry;
}

function computeBucketGeometry(windowMinutes: number): BucketGeometry[] {
  return Array.from({ length: DELAY_BUCKET_COUNT }, (_, b) => {
    const lower = Math.min((DELAY_BUCKET_EDGES_MS[b] ?? 0) / MINUTE_MS, windowMinutes);
    const rawUpper = DELAY_BUCKET_EDGES_MS[b + 1];
    const upper = Math.min(rawUpper === undefined ? Number.POSITIVE_INFINITY : rawUpper / MINUTE_MS, windowMinutes);
    return { lower, upper, ages: AGE_POINTS.map((point) => lower + point * (upper - lower)) };
  });
}

/** One grid value's data-free quantities (computed once per window and prior). */
interface TabulatedHypothesis {
  readonly logPrior: number;
  readonly logMedian: number;
  readonly sigma: number;
  /** F(window) of the uncut log-normal (the cut's normaliser). */
  readonly atWindow: number;
  /** F at each bucket's lower edge. */
  readonly lowerCdf: Float64Array;
  /** F(U_b) − F(L_b): a matured (or old enough) send's response falls in bucket b. */
  readonly bucketMass: Float64Array;
  /** Mean F over the ages of bucket b − F(L_b): an open send in bucket b shows a bucket-b response. */
  readonly openMass: Float64Array;
  /** Mean F over the ages of bucket b. */
  readonly elapsedFraction: readonly number[];
}

/** Tables per (window, prior): they do not depend on the data. */
const TABLES = new Map<string, readonly TabulatedHypothesis[]>();
/** Tables kept at most (windows × priors in use). */
const MAX_TABLES = 64;

function hypothesisTable(windowMinutes: number, prior: DelayPrior): readonly TabulatedHypothesis[] {
  const key = `${windowMinutes}:${prior.medianMinutes}:${prior.logMedianSd}`;
  const cached = TABLES.get(key);
  if (cached) return cached;
  const geometry = bucketGeometry(windowMinutes);
  const priorLogMedian = Math.log(prior.medianMinutes);
  const steps = Math.ceil((LOG_MEDIAN_SPAN_SD * prior.logMedianSd) / LOG_MEDIAN_STEP);
  const table: TabulatedHypothesis[] = [];
  for (let i = -steps; i <= steps; i += 1) {
    const logMedian = priorLogMedian + i * LOG_MEDIAN_STEP;
    const logPrior = -0.5 * ((logMedian - priorLogMedian) / prior.logMedianSd) ** 2;
    for (const sigma of SIGMA_GRID) {
      const atWindow = Math.max(1e-300, normalCdf((Math.log(windowMinutes) - logMedian) / sigma));
      const bucketMass = new Float64Array(DELAY_BUCKET_COUNT);
      const openMass = new Float64Array(DELAY_BUCKET_COUNT);
      const lowerCdfs = new Float64Array(DELAY_BUCKET_COUNT);
      const elapsedFraction: number[] = [];
      for (let b = 0; b < DELAY_BUCKET_COUNT; b += 1) {
        const g = geometry[b] as BucketGeometry;
        const lowerCdf = truncatedCdf(g.lower, logMedian, sigma, windowMinutes, atWindow);
        const upperCdf = truncatedCdf(g.upper, logMedian, sigma, windowMinutes, atWindow);
        let meanAtAge = 0;
        for (const age of g.ages) meanAtAge += truncatedCdf(age, logMedian, sigma, windowMinutes, atWindow);
        meanAtAge /= g.ages.length;
        elapsedFraction.push(meanAtAge);
        bucketMass[b] = upperCdf - lowerCdf;
        openMass[b] = Math.max(0, meanAtAge - lowerCdf);
        lowerCdfs[b] = lowerCdf;
      }
      table.push({ logPrior, logMedian, sigma, atWindow, lowerCdf: lowerCdfs, bucketMass, openMass, elapsedFraction });
    }
  }
  if (TABLES.size >= MAX_TABLES) TABLES.clear();
  TABLES.set(key, table);
  return table;
}

/**
 * The posterior of a channel's delay distribution from all its arms' counters.
 *
 * @param arms - the channel's arms in every segment.
 * @param windowMinutes - the attribution window.
 * @param prior - the channel's prior.
 * @param options - whether open sends' mean ages are used.
 * @returns the posterior on the grid.
 */
export function estimateDelayPosterior(arms: readonly ArmStatistics[], windowMinutes: number, prior: DelayPrior, options: DelayModelOptions = {}): DelayPosterior {
  const openAges = options.openAges === true;
  const responses = new Float64Array(DELAY_BUCKET_COUNT);
  const open = new Float64Array(DELAY_BUCKET_COUNT);
  const ageSum = new Float64Array(DELAY_BUCKET_COUNT);
  const aged = new Float64Array(DELAY_BUCKET_COUNT);
  let matured = 0;
  let sampleSize = 0;
  for (const arm of arms) {
    matured += arm.maturedSends;
    for (let b = 0; b < DELAY_BUCKET_COUNT; b += 1) {
      const count = (arm.maturedDelayHistogram[b] ?? 0) + (arm.openDelayHistogram?.[b] ?? 0);
      responses[b] = (responses[b] ?? 0) + count;
      sampleSize += count;
      open[b] = (open[b] ?? 0) + (arm.openSendsByElapsed[b] ?? 0);
      if (openAges && arm.openElapsedMinutes) {
        ageSum[b] = (ageSum[b] ?? 0) + (arm.openElapsedMinutes[b] ?? 0);
        aged[b] = (aged[b] ?? 0) + (arm.openSendsByElapsed[b] ?? 0);
      }
    }
  }
  // Sends old enough to have shown all of bucket b: matured ones and open ones in older buckets.
  const olderThan = new Float64Array(DELAY_BUCKET_COUNT);
  let older = matured;
  for (let b = DELAY_BUCKET_COUNT - 1; b >= 0; b -= 1) {
    olderThan[b] = older;
    older += open[b] ?? 0;
  }
  const table = hypothesisTable(windowMinutes, prior);
  const geometry = bucketGeometry(windowMinutes);
  // Buckets whose open sends' mean age is known: their ages, pooled over the channel's arms.
  const agePoints = geometry.map((g, b) => ((aged[b] as number) > 0 && (aged[b] as number) === (open[b] as number) ? openAgePoints(g.lower, g.upper, (ageSum[b] as number) / (aged[b] as number)) : null));
  const candidates: { logPosterior: number; logMedian: number; sigma: number; elapsedFraction: readonly number[] }[] = [];
  const lambda = new Float64Array(DELAY_BUCKET_COUNT);
  for (const h of table) {
    let total = 0;
    for (let b = 0; b < DELAY_BUCKET_COUNT; b += 1) {
      const points = agePoints[b];
      const openMass = points ? Math.max(0, meanCdf(points, h, windowMinutes) - (h.lowerCdf[b] as number)) : (h.openMass[b] as number);
      const value = (h.bucketMass[b] as number) * (olderThan[b] as number) + (open[b] as number) * openMass;
      lambda[b] = value;
      total += value;
    }
    let logLikelihood = 0;
    if (sampleSize > 0) {
      for (let b = 0; b < DELAY_BUCKET_COUNT; b += 1) {
        const y = responses[b] as number;
        if (y > 0) logLikelihood += y * Math.log(Math.max(1e-300, (lambda[b] as number) / total));
      }
    }
    candidates.push({ logPosterior: h.logPrior + logLikelihood, logMedian: h.logMedian, sigma: h.sigma, elapsedFraction: h.elapsedFraction });
  }
  const best = Math.max(...candidates.map((c) => c.logPosterior));
  const kept = candidates.map((c) => ({ ...c, weight: Math.exp(c.logPosterior - best) })).filter((c) => c.weight >= WEIGHT_CUTOFF);
  const weightTotal = kept.reduce((sum, c) => sum + c.weight, 0);
  const hypotheses = kept.map((c) => ({ weight: c.weight / weightTotal, medianMinutes: Math.exp(c.logMedian), sigma: c.sigma, elapsedFraction: c.elapsedFraction }));
  const meanLogMedian = kept.reduce((sum, c) => sum + (c.weight / weightTotal) * c.logMedian, 0);
  return { hypotheses, sampleSize, medianMinutes: Math.exp(meanLogMedian), windowMinutes, openAges };
}

/** Mean of the cut log-normal CDF over some ages. */
function meanCdf(ages: readonly number[], h: { readonly logMedian: number; readonly sigma: number; readonly atWindow: number }, windowMinutes: number): number {
  let sum = 0;
  for (const age of ages) sum += truncatedCdf(age, h.logMedian, h.sigma, windowMinutes, h.atWindow);
  return sum / ages.length;
}

/** Per posterior: elapsed fractions already computed for (bucket, mean age), one per hypothesis. */
const FRACTIONS_AT_AGE = new WeakMap<DelayPosterior, Map<string, Float64Array>>();

/**
 * Per hypothesis, the elapsed fraction of open sends in bucket `b` with the given mean age.
 */
function fractionsAtAge(posterior: DelayPosterior, b: number, meanAge: number): Float64Array {
  const g = bucketGeometry(posterior.windowMinutes)[b] as BucketGeometry;
  const points = openAgePoints(g.lower, g.upper, meanAge);
  const key = `${b}:${points.join(':')}`;
  let cache = FRACTIONS_AT_AGE.get(posterior);
  if (!cache) {
    cache = new Map();
    FRACTIONS_AT_AGE.set(posterior, cache);
  }
  const cached = cache.get(key);
  if (cached) return cached;
  const fractions = Float64Array.from(posterior.hypotheses, (h) => {
    const logMedian = Math.log(h.medianMinutes);
    const atWindow = Math.max(1e-300, normalCdf((Math.log(posterior.windowMinutes) - logMedian) / h.sigma));
    return meanCdf(points, { logMedian, sigma: h.sigma, atWindow }, posterior.windowMinutes);
  });
  cache.set(key, fractions);
  return fractions;
}

/**
 * The elapsed fraction of an arm's open sends, per hypothesis of the posterior and elapsed-time
 * bucket: from the arm's own mean ages when the posterior uses them and the arm has them, else
 * from the bucket taken as evenly filled.
 *
 * @param stats - the arm's counters.
 * @param posterior - its channel's delay posterior.
 * @returns `(hypothesis index, bucket) → fraction of the responses already in`.
 */
export function armElapsedFractions(stats: ArmStatistics, posterior: DelayPosterior): (hypothesis: number, bucket: number) => number {
  const ages = posterior.openAges ? stats.openElapsedMinutes : undefined;
  const atAge = Array.from({ length: DELAY_BUCKET_COUNT }, (_, b) => {
    const sends = stats.openSendsByElapsed[b] ?? 0;
    return ages !== undefined && sends > 0 ? fractionsAtAge(posterior, b, (ages[b] ?? 0) / sends) : null;
  });
  return (hypothesis, bucket) => atAge[bucket]?.[hypothesis] ?? posterior.hypotheses[hypothesis]?.elapsedFraction[bucket] ?? 1;
}

/**
 * An arm's evidence under an uncertain delay distribution.
 *
 * Under each hypothesis h the arm has `n_h = matured + Σ_open F_h(e)` effective trials and its
 * rate a Beta(1 + s, 1 + n_h − s) posterior (uniform base). The mixture over hypotheses is
 * moment-matched to one Beta(A, B), returned as evidence (A − 1 successes in A + B − 2 trials):
 * with a certain delay distribution it is exactly (s, n); the more the hypotheses disagree about
 * n, the fewer trials the evidence is worth.
 *
 * @param stats - the arm's counters.
 * @param posterior - its channel's delay posterior.
 * @returns successes and effective trials (possibly fractional).
 */
export function evidenceUnderDelayPosterior(stats: ArmStatistics, posterior: DelayPosterior): Evidence {
  const s = stats.successes;
  let mean = 0;
  let secondMoment = 0;
  const fraction = armElapsedFractions(stats, posterior);
  posterior.hypotheses.forEach((h, i) => {
    let trials = stats.maturedSends;
    for (let b = 0; b < DELAY_BUCKET_COUNT; b += 1) trials += (stats.openSendsByElapsed[b] ?? 0) * fraction(i, b);
    trials = Math.max(trials, s);
    const a = 1 + s;
    const total = 2 + trials;
    const m = a / total;
    const v = (m * (1 - m)) / (total + 1);
    mean += h.weight * m;
    secondMoment += h.weight * (v + m * m);
  });
  const variance = Math.max(1e-18, secondMoment - mean * mean);
  const strength = Math.max(2, (mean * (1 - mean)) / variance - 1);
  const alpha = mean * strength;
  const trials = Math.max(0, strength - 2);
  const successes = Math.min(trials, Math.max(0, alpha - 1));
  return { successes, trials };
}
