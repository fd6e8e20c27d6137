/**
 * The simulator: sends arrive evenly over the horizon, each in a segment drawn
 * by share; the policy's weights (recomputed every `updateEveryMinutes` from
 * the counters the product stores) choose the channel through the product's
 * `decide`; a response comes with the true rate, after a delay drawn from the
 * channel's delay model, and is seen only when it arrives.
 */
import type { ArmStatistics, ChannelWeights } from '../../shared/domain/bandit';
import { DELAY_BUCKET_COUNT, decide, delayBucketOf, MINUTE_MS } from '../../shared/domain/bandit';
import type { Rng } from '../../shared/domain/random';
import { createNormalSampler, createSeededRng, deriveSeed } from '../../shared/domain/random';
import type { PolicyName } from './policies';
import { makePolicy } from './policies';
import type { DelayModel, Scenario } from './scenarios';

/** What one run measures. */
export interface RunResult {
  readonly regret: number;
  readonly oracleConversions: number;
  readonly expectedConversions: number;
  /** Mean over segments of the final weight of the segment's true best arm. */
  readonly bestArmShare: number;
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
  const policy = makePolicy(policyName, scenario.channels, seed);
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
  const arrivals: number[][] = Array.from({ length: slots + Math.ceil(W / dt) + 2 }, () => []);
  const maturations: number[][] = Array.from({ length: slots + Math.ceil(W / dt) + 3 }, () => []);
  let firstOpenSlot = 0;

  const cumulativeShare: number[] = [];
  let acc = 0;
  for (const segment of scenario.segments) cumulativeShare.push((acc += segment.share));
  const shiftTime = scenario.shiftAt === undefined ? Number.POSITIVE_INFINITY : scenario.shiftAt * scenario.horizonMinutes;
  const ratesAt = (s: number, time: number): readonly number[] => {
    const spec = scenario.segments[s];
    if (spec === undefined) throw new Error('segment');
    return time >= shiftTime && spec.ratesAfterShift ? spec.ratesAfterShift : spec.rates;
  };
  const bestIndex = (rates: readonly number[]): number => rates.indexOf(Math.max(...rates));
  /** The update index at which a slot's sends have all matured. */
  const maturityUpdate = (slot: number): number => Math.ceil(((slot + 1) * dt + W) / dt);

  let weights: ChannelWeights[] = Array.from({ length: S }, () => ({}));
  let winnerDeclared: Array<{ correct: boolean | null; sends: number } | null> = Array.from({ length: S }, () => null);
  let lastAllocation: Array<{ weights: ChannelWeights }> = [];
  const segmentSends = new Float64Array(S);

  const update = (u: number): void => {
    const now = u * dt;
    for (const code of arrivals[u] ?? []) {
      const a = Math.floor(code / B);
      successes[a] = (successes[a] ?? 0) + 1;
      openHistogram[code] = (openHistogram[code] ?? 0) + 1;
    }
    for (const code of maturations[u] ?? []) {
      maturedHistogram[code] = (maturedHistogram[code] ?? 0) + 1;
      openHistogram[code] = (openHistogram[code] ?? 0) - 1;
    }
    while (firstOpenSlot < slots && maturityUpdate(firstOpenSlot) <= u) {
      for (let a = 0; a < A; a += 1) maturedSends[a] = (maturedSends[a] ?? 0) + (cohortSends[firstOpenSlot * A + a] ?? 0);
      firstOpenSlot += 1;
    }
    const open = new Float64Array(A * B);
    for (let slot = firstOpenSlot; slot < u && slot < slots; slot += 1) {
      const elapsedMs = (now - (slot + 0.5) * dt) * MINUTE_MS;
      const bucket = delayBucketOf(Math.max(0, elapsedMs));
      for (let a = 0; a < A; a += 1) open[a * B + bucket] = (open[a * B + bucket] ?? 0) + (cohortSends[slot * A + a] ?? 0);
    }
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
        });
      }
      stats.push(arms);
    }
    const allocation = policy.allocate(stats, deriveSeed(seed, `alloc:${u}`));
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
    oracle += best;
    expected += p;
    sends[a] = (sends[a] ?? 0) + 1;
    segmentSends[s] = (segmentSends[s] ?? 0) + 1;
    const slot = Math.floor(time / dt);
    cohortSends[slot * A + a] = (cohortSends[slot * A + a] ?? 0) + 1;
    // Outcome and delay come from streams that do not depend on the policy's choice order.
    const success = outcomeRng.next() < p;
    const model = scenario.delays[decision.channel];
    if (success && model !== undefined) {
      let delay = Number.POSITIVE_INFINITY;
      while (!(delay <= W)) delay = sampleDelayMinutes(model, envRng, envNormal);
      const arrivalUpdate = Math.ceil((time + delay) / dt);
      const code = a * B + delayBucketOf(delay * MINUTE_MS);
      arrivals[arrivalUpdate]?.push(code);
      maturations[maturityUpdate(slot)]?.push(code);
    }
  }
  const finalShares = lastAllocation.map((a, s) => a.weights[scenario.channels[bestIndex(ratesAt(s, scenario.horizonMinutes))] ?? 'email'] ?? 0);
  return {
    regret,
    oracleConversions: oracle,
    expectedConversions: expected,
    bestArmShare: finalShares.reduce((x, y) => x + y, 0) / Math.max(1, finalShares.length),
    firstChannelShare: lastAllocation.map((a) => a.weights[scenario.channels[0] ?? 'email'] ?? 0),
    declarations: winnerDeclared,
  };
}
