import { type BetaPosterior, UNIFORM_PRIOR } from '../bandit';

/** z of a two-sided 95 % interval: an interval of width w has a standard deviation of about w / (2 · z). */
export const Z_95 = 1.959963984540054;

/** One experiment's posterior of a rate, as its results report it. */
export interface ReportedPosterior {
  /** Posterior mean. */
  readonly mean: number;
  /** 95 % credible interval. */
  readonly ci95: readonly [number, number];
  /** Exact counts, when every send has matured (then used instead of the posterior: no prior, no approximation). */
  readonly matured?: { readonly sends: number; readonly responses: number };
}

/**
 * The Beta with the reported mean and the variance implied by the 95 % interval's width
 * (moment matching), or undefined when the interval is degenerate or wider than any Beta allows.
 */
export function betaFromReport(report: ReportedPosterior): BetaPosterior | undefined {
  const { mean } = report;
  const sd = (report.ci95[1] - report.ci95[0]) / (2 * Z_95);
  const variance = sd * sd;
  if (!(mean > 0 && mean < 1) || !(variance > 0)) return undefined;
  const strength = (mean * (1 - mean)) / variance - 1;
  if (!(strength > 0)) return undefined;
  return { alpha: mean * strength, beta: (1 - mean) * strength };
}

/**
 * Pools several experiments' evidence on the same rate, on one uniform prior. An experiment whose
 * sends have all matured adds its exact counts (responses, sends − responses). One with open
 * windows is read as a Beta (moment matched to its mean and interval, which carry its
 * late-response correction) and adds its evidence beyond a uniform prior (α − 1, β − 1, never
 * negative); its shared prior is then counted too, a small pull toward the channel's pooled rate.
 * With all sends matured this is exactly "add the responses and the sends".
 */
export function poolPosteriors(reports: readonly ReportedPosterior[]): BetaPosterior {
  let alpha = UNIFORM_PRIOR.alpha;
  let beta = UNIFORM_PRIOR.beta;
  for (const report of reports) {
    if (report.matured) {
      alpha += report.matured.responses;
      beta += Math.max(0, report.matured.sends - report.matured.responses);
      continue;
    }
    const posterior = betaFromReport(report);
    if (!posterior) continue;
    alpha += Math.max(0, posterior.alpha - UNIFORM_PRIOR.alpha);
    beta += Math.max(0, posterior.beta - UNIFORM_PRIOR.beta);
  }
  return { alpha, beta };
}
