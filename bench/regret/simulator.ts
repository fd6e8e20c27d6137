/**
 * The simulator: sends arrive evenly over the horizon, each in a segment drawn
 * by share; the policy's weights (recomputed every `updateEveryMinutes` from
 * the counters the product stores) choose the channel through the product's
 * `decide`; a response comes with the true rate, after a delay drawn from the
 * channel's delay model, and is seen only when it arrives.
 */
import type { AdaptivelyWeightedCounts, ArmStatistics, ChannelWeights } from '../../shared/domain/bandit';
import { adaptiveWeight, DELAY_BUCKET_COUNT, decide, delayBucketOf, MINUTE_MS } from '../../shared/domain/bandit';
import type { Rng } from '../../shared/domain/random';
import { createNormalSampler, createSeededRng, deriveSeed } from '../../shared/domain/random';
import type { PeriodData, PolicyName } from './policies';
import { makePolicy } from './policies';
import type { DelayModel, Scenario } from './scenarios';

/** The phases of an experiment the calibration is measured in. */
export const CALIBRATION_PHASES = ['before_first_window', 'during', 'after'] as const;
/** A calibration phase. */
export type CalibrationPhase = (typeof CALIBRATION_PHASES)[number];

/** Calibration tallies of one channel in one phase. */
export interface CalibrationTally {
  /** (segment, arm, checkpoint) estimates judged. */
  n: number;
  /** Of which the 95 % interval contained the true rate. */
  covered: number;
  /** Σ estimate. */
  sumEstimate: number;
  /** Σ true rate. */
  sumTrue: number;
  /** Σ |estimate − true| / true. */
  sumAbsRelative: number;
}

/** Checkpoints in the first window, as fractions of it. */
const BEFORE_WINDOW_CHECKPOINTS = [0.25, 0.5, 0.75];
/** Simulated minutes before which regret counts as "first 24 hours". */
const FIRST_DAY_MINUTES = 24 * 60;

/** What one run measures. */
export interface RunResult {
  readonly regret: number;
  /** Regret of the sends in the first 24 simulated hours. */
  readonly regretFirst24h: number;
  /** The same per hour of the first day (24 entries). */
  readonly regretFirst24hByHour: readonly number[];
  /** The same per channel sent (channel order): which arms took the first day's regret. */
  readonly regretFirst24hByChannel: readonly number[];
  /** Calibration tallies per phase and channel (default policy on calibrated scenarios only). */
  readonly calibration?: Record<CalibrationPhase, Record<string, CalibrationTally>>;
  readonly oracleConversions: number;
  readonly expectedConversions: number;
  /** Mean over segments of the final weight of the segment's true best arm. */
  readonly bestArmShare: number;
  /** Share of all sends that went to the first channel over the run (used by `delays`). */
  readonly firstChannelTrafficShare: number;
  /** Final weight of the first channel, per segment (used by `delays`). */
  readonly firstChannelShare: readonly number[];
  /** Per segment: first declared winner (`correct` is null when several arms tie for best), or null. */
  readonly declarations: ReadonlyArray<{ readonly correct: boolean | null; readonly sends: number } | null>;
}

function sampleDelayMinutes(model: DelayModel, rng: Rng, normal: () => number): number {
  if (model.kind === 'exponential') return -model.meanMinutes * Math.log(1 - rng.next());
  return model.medianMinutes * Math.exp(model.sigma * normal());
}

/**
 * Runs one scenario with one policy and seed.
 *
 * @param scenario - the scenario.
 * @param policyName - the policy.
 * @param seed - the run seed (the same for every policy).
 * @returns the run's measures.
 */
export function runScenario(scenario: Scenario, policyName: PolicyName, seed: number): RunResult {
  const K = scenario.channels.length;
  const S = scenario.segments.length;
  const A = S * K;
  const B = DELAY_BUCKET_COUNT;
  const dt = scenario.updateEveryMinutes;
  const W = scenario.windowMinutes;
  const slots = Math.ceil(scenario.horizonMinutes / dt) + 1;
  const policy = makePolicy(policyName, scenario.channels, seed, W, dt);
  const calibrating = scenario.calibrate === true && policyName === 'default';
  const calibration = calibrating ? emptyCalibration(scenario) : undefined;
  const checkpoints = calibrating ? calibrationCheckpoints(scenario) : new Map<number, CalibrationPhase>();
  // Separate streams: the environment (segments, outcomes, delays) is the same for every policy.
  const envRng = createSeededRng(deriveSeed(seed, `env:${scenario.name}`));
  const envNormal = createNormalSampler(envRng);
  const outcomeRng = createSeededRng(deriveSeed(seed, `outcome:${scenario.name}`));
  const decideRng = createSeededRng(deriveSeed(seed, `decide:${scenario.name}:${policyName}`));

  const sends = new Float64Array(A);
  const maturedSends = new Float64Array(A);
  const successes = new Float64Array(A);
  const maturedHistogram = new Float64Array(A * B);
  const openHistogram = new Float64Array(A * B);
  const cohortSends = new Float64Array(slots * A);
  const arrivals: number[][] = Array.from({ length: slots + Math.ceil(W / dt) + 4 }, () => []);
  const arrivalSlots: number[][] = Array.from({ length: slots + Math.ceil(W / dt) + 4 }, () => []);
  const cohortSuccesses = new Float64Array(slots * A);
  // The propensity of each cohort's sends (weights change only at updates, so one per slot and arm).
  const cohortPropensity = new Float64Array(slots * A);
  const maturations: number[][] = Array.from({ length: slots + Math.ceil(W / dt) + 5 }, () => []);
  let firstOpenSlot = 0;

  const cumulativeShare: number[] = [];
  let acc = 0;
  for (const segment of scenario.segments) cumulativeShare.push((acc += segment.share));
  const shiftTime = scenario.shiftAt === undefined ? Number.POSITIVE_INFINITY : scenario.shiftAt * scenario.horizonMinutes;
  const ratesAt = (s: number, time: number): readonly number[] => {
    const spec = scenario.segments[s];
    if (spec === undefined) throw new Error('segment');
    if (scenario.drift && spec.ratesAfterDrift) {
      const from = scenario.drift.from * scenario.horizonMinutes;
      const to = scenario.drift.to * scenario.horizonMinutes;
      const progress = Math.min(1, Math.max(0, (time - from) / (to - from)));
      return spec.rates.map((rate, k) => rate + progress * ((spec.ratesAfterDrift?.[k] ?? rate) - rate));
    }
    return time >= shiftTime && spec.ratesAfterShift ? spec.ratesAfterShift : spec.rates;
  };
  const bestIndex = (rates: readonly number[]): number => rates.indexOf(Math.max(...rates));
  /** The update index at which a slot's sends have all matured. */
  const maturityUpdate = (slot: number): number => Math.ceil(((slot + 1) * dt + W) / dt);

  let weights: ChannelWeights[] = Array.from({ length: S }, () => ({}));
  let winnerDeclared: Array<{ correct: boolean | null; sends: number } | null> = Array.from({ length: S }, () => null);
  let lastAllocation: Array<{ weights: ChannelWeights }> = [];
  const segmentSends = new Float64Array(S);

  /** An arm's counts weighted by its sends' propensities, as the product's cohort counters give them. */
  const adaptivelyWeighted = (a: number, now: number): AdaptivelyWeightedCounts => {
    const counts = { maturedSends: 0, maturedSquares: 0, openSendsByElapsed: new Array<number>(B).fill(0), openSquaresByElapsed: new Array<number>(B).fill(0), successes: 0 };
    for (let slot = 0; slot < slots && slot * dt < now; slot += 1) {
      const n = cohortSends[slot * A + a] ?? 0;
      if (n === 0) continue;
      const w = adaptiveWeight(cohortPropensity[slot * A + a] ?? 1);
      counts.successes += (cohortSuccesses[slot * A + a] ?? 0) * w;
      if (slot < firstOpenSlot) {
        counts.maturedSends += n * w;
        counts.maturedSquares += n * w * w;
      } else {
        const bucket = delayBucketOf(Math.max(0, now - (slot + 0.5) * dt) * MINUTE_MS);
        counts.openSendsByElapsed[bucket] = (counts.openSendsByElapsed[bucket] ?? 0) + n * w;
        counts.openSquaresByElapsed[bucket] = (counts.openSquaresByElapsed[bucket] ?? 0) + n * w * w;
      }
    }
    return counts;
  };

  const update = (u: number): void => {
    const now = u * dt;
    (arrivals[u] ?? []).forEach((code, i) => {
      const a = Math.floor(code / B);
      const slot = arrivalSlots[u]?.[i] ?? 0;
      cohortSuccesses[slot * A + a] = (cohortSuccesses[slot * A + a] ?? 0) + 1;
      successes[a] = (successes[a] ?? 0) + 1;
      openHistogram[code] = (openHistogram[code] ?? 0) + 1;
    });
    for (const code of maturations[u] ?? []) {
      maturedHistogram[code] = (maturedHistogram[code] ?? 0) + 1;
      openHistogram[code] = (openHistogram[code] ?? 0) - 1;
    }
    while (firstOpenSlot < slots && maturityUpdate(firstOpenSlot) <= u) {
      for (let a = 0; a < A; a += 1) maturedSends[a] = (maturedSends[a] ?? 0) + (cohortSends[firstOpenSlot * A + a] ?? 0);
      firstOpenSlot += 1;
    }
    const open = new Float64Array(A * B);
    const openAges = new Float64Array(A * B);
    for (let slot = firstOpenSlot; slot < u && slot < slots; slot += 1) {
      const elapsedMinutes = Math.max(0, now - (slot + 0.5) * dt);
      const bucket = delayBucketOf(elapsedMinutes * MINUTE_MS);
      for (let a = 0; a < A; a += 1) {
        const cohort = cohortSends[slot * A + a] ?? 0;
        open[a * B + bucket] = (open[a * B + bucket] ?? 0) + cohort;
        openAges[a * B + bucket] = (openAges[a * B + bucket] ?? 0) + cohort * elapsedMinutes;
      }
    }
    const phase = checkpoints.get(u);
    const stats: ArmStatistics[][] = [];
    for (let s = 0; s < S; s += 1) {
      const arms: ArmStatistics[] = [];
      for (let k = 0; k < K; k += 1) {
        const a = s * K + k;
        arms.push({
          channel: scenario.channels[k] ?? 'email',
          sends: sends[a] ?? 0,
          maturedSends: maturedSends[a] ?? 0,
          successes: successes[a] ?? 0,
          maturedDelayHistogram: Array.from(maturedHistogram.subarray(a * B, (a + 1) * B)),
          openSendsByElapsed: Array.from(open.subarray(a * B, (a + 1) * B)),
          openDelayHistogram: Array.from(openHistogram.subarray(a * B, (a + 1) * B)),
          openElapsedMinutes: Array.from(openAges.subarray(a * B, (a + 1) * B)),
          // Only the reported estimates read them (at calibration checkpoints).
          ...(phase !== undefined ? { adaptiveWeights: adaptivelyWeighted(a, now) } : {}),
        });
      }
      stats.push(arms);
    }
    const periods: PeriodData = { count: Math.min(u, slots), maturedCount: firstOpenSlot, armsPerPeriod: A, sends: cohortSends, successes: cohortSuccesses };
    const allocation = policy.allocate(stats, deriveSeed(seed, `alloc:${u}`), phase !== undefined, periods);
    if (phase !== undefined && calibration !== undefined) {
      allocation.forEach((segment, s) => {
        const rates = ratesAt(s, now);
        segment.estimates?.forEach((estimate, k) => {
          if ((sends[s * K + k] ?? 0) === 0) return;
          const truth = rates[k] ?? 0;
          const tally = calibration[phase][scenario.channels[k] ?? 'email'] as CalibrationTally;
          tally.n += 1;
          tally.covered += estimate.lo <= truth && truth <= estimate.hi ? 1 : 0;
          tally.sumEstimate += estimate.mean;
          tally.sumTrue += truth;
          tally.sumAbsRelative += Math.abs(estimate.mean - truth) / truth;
        });
      });
    }
    if (now >= scenario.horizonMinutes) return;
    lastAllocation = allocation;
    weights = allocation.map((a) => a.weights);
    winnerDeclared = winnerDeclared.map((declared, s) => {
      const winner = allocation[s]?.winner ?? null;
      if (declared !== null || winner === null) return declared;
      const rates = ratesAt(s, now);
      const top = Math.max(...rates);
      const tie = rates.filter((r) => r === top).length > 1;
      return { correct: tie ? null : winner === bestIndex(rates), sends: segmentSends[s] ?? 0 };
    });
  };

  let regret = 0;
  let regretFirst24h = 0;
  const regretFirst24hByHour = new Array<number>(FIRST_DAY_MINUTES / 60).fill(0);
  const regretFirst24hByChannel = new Array<number>(K).fill(0);
  let firstChannelSends = 0;
  let oracle = 0;
  let expected = 0;
  let nextUpdate = 0;
  const interval = scenario.horizonMinutes / scenario.T;
  for (let i = 0; i < scenario.T; i += 1) {
    const time = i * interval;
    while (nextUpdate * dt <= time) update(nextUpdate++);
    const r = envRng.next();
    let s = 0;
    while (s < S - 1 && r >= (cumulativeShare[s] ?? 1)) s += 1;
    const decision = decide(weights[s] ?? {}, scenario.channels, 0, decideRng);
    if (decision.kind !== 'channel') throw new Error('the benchmark has no holdout');
    const k = scenario.channels.indexOf(decision.channel);
    const a = s * K + k;
    const rates = ratesAt(s, time);
    const p = rates[k] ?? 0;
    const best = Math.max(...rates);
    regret += best - p;
    if (time < FIRST_DAY_MINUTES) {
      regretFirst24h += best - p;
      regretFirst24hByHour[Math.floor(time / 60)] = (regretFirst24hByHour[Math.floor(time / 60)] ?? 0) + best - p;
      regretFirst24hByChannel[k] = (regretFirst24hByChannel[k] ?? 0) + best - p;
    }
    if (k === 0) firstChannelSends += 1;
    oracle += best;
    expected += p;
    sends[a] = (sends[a] ?? 0) + 1;
    segmentSends[s] = (segmentSends[s] ?? 0) + 1;
    const slot = Math.floor(time / dt);
    cohortSends[slot * A + a] = (cohortSends[slot * A + a] ?? 0) + 1;
    cohortPropensity[slot * A + a] = decision.propensity;
    // Outcome and delay come from streams that do not depend on the policy's choice order.
    const success = outcomeRng.next() < p;
    const model = scenario.delays[decision.channel];
    if (success && model !== undefined) {
      let delay = Number.POSITIVE_INFINITY;
      while (!(delay <= W)) delay = sampleDelayMinutes(model, envRng, envNormal);
      const arrivalUpdate = Math.ceil((time + delay) / dt);
      const code = a * B + delayBucketOf(delay * MINUTE_MS);
      arrivals[arrivalUpdate]?.push(code);
      arrivalSlots[arrivalUpdate]?.push(slot);
      maturations[maturityUpdate(slot)]?.push(code);
    }
  }
  // After the last send: keep updating (for the calibration's "after" phase) until every send has matured.
  if (calibrating) {
    const lastUpdate = Math.ceil((scenario.horizonMinutes + W) / dt) + 2;
    while (nextUpdate <= lastUpdate) update(nextUpdate++);
  }
  const finalShares = lastAllocation.map((a, s) => a.weights[scenario.channels[bestIndex(ratesAt(s, scenario.horizonMinutes))] ?? 'email'] ?? 0);
  return {
    regret,
    regretFirst24h,
    regretFirst24hByHour,
    regretFirst24hByChannel,
    firstChannelTrafficShare: firstChannelSends / scenario.T,
    ...(calibration ? { calibration } : {}),
    oracleConversions: oracle,
    expectedConversions: expected,
    bestArmShare: finalShares.reduce((x, y) => x + y, 0) / Math.max(1, finalShares.length),
    firstChannelShare: lastAllocation.map((a) => a.weights[scenario.channels[0] ?? 'email'] ?? 0),
    declarations: winnerDeclared,
  };
}

/** Empty tallies for every phase and channel. */
function emptyCalibration(scenario: Scenario): Record<CalibrationPhase, Record<string, CalibrationTally>> {
  const phases = {} as Record<CalibrationPhase, Record<string, CalibrationTally>>;
  for (const phase of CALIBRATION_PHASES) {
    phases[phase] = Object.fromEntries(scenario.channels.map((channel) => [channel, { n: 0, covered: 0, sumEstimate: 0, sumTrue: 0, sumAbsRelative: 0 }]));
  }
  return phases;
}

/**
 * The updates at which calibration is measured, with their phase: a quarter, half and three
 * quarters into the first window; once per window (at least daily) while sends go on; and once
 * after every send has matured.
 */
function calibrationCheckpoints(scenario: Scenario): Map<number, CalibrationPhase> {
  const dt = scenario.updateEveryMinutes;
  const W = scenario.windowMinutes;
  const points = new Map<number, CalibrationPhase>();
  for (const fraction of BEFORE_WINDOW_CHECKPOINTS) points.set(Math.max(1, Math.round((fraction * W) / dt)), 'before_first_window');
  const step = Math.min(W, FIRST_DAY_MINUTES);
  for (let t = W + step / 2; t < scenario.horizonMinutes; t += step) points.set(Math.round(t / dt), 'during');
  points.set(Math.ceil((scenario.horizonMinutes + W) / dt) + 2, 'after');
  return points;
}
