import { describe, expect, it } from 'vitest';
import type { ArmStatistics } from '../../../../shared/domain/bandit';
import {
  estimateProvisionalDelayDistribution,
  LOG_BUCKET_ELAPSED_SHARE,
  DELAY_BUCKET_COUNT,
  delayBucketOf,
  effectiveEvidence,
  estimateDelayDistribution,
  MIN_DELAY_SAMPLE,
  MINUTE_MS,
  naiveEvidence,
} from '../../../../shared/domain/bandit';
import { createSeededRng } from '../../../../shared/domain/random';

describe('delay buckets', () => {
  it.each([
    [0, 0],
    [59_999, 0],
    [MINUTE_MS, 1],
    [3 * MINUTE_MS, 2],
    [4 * MINUTE_MS, 3],
    [1e15, DELAY_BUCKET_COUNT - 1],
  ])('%d ms is in bucket %d', (ms, bucket) => {
    expect(delayBucketOf(ms)).toBe(bucket);
  });
});

describe('delay distribution', () => {
  it('needs a minimum sample', () => {
    expect(estimateDelayDistribution([[MIN_DELAY_SAMPLE - 1]])).toBeNull();
  });

  it('counts earlier buckets fully and the current one by its log-time share', () => {
    // 10 responses in bucket 2 and 30 in bucket 4 (pooled from two segments). For an open send
    // whose age is uniform over a doubling bucket, with responses spread evenly in log-time,
    // the share of the bucket already elapsed is ∫₁² log₂x dx = 2 − 1/ln 2.
    const share = 2 - 1 / Math.LN2;
    expect(LOG_BUCKET_ELAPSED_SHARE).toBeCloseTo(share, 15);
    const delay = estimateDelayDistribution([[0, 0, 10], [0, 0, 0, 0, 30]]);
    const expected = [0, 0, (10 * share) / 40, 10 / 40, (10 + 30 * share) / 40, 1];
    delay?.elapsedFraction.slice(0, 6).forEach((f, b) => expect(f).toBeCloseTo(expected[b] ?? Number.NaN, 12));
  });

  it('without a delay distribution, only matured sends count', () => {
    const arm: ArmStatistics = { channel: 'email', sends: 100, maturedSends: 40, successes: 9, maturedDelayHistogram: [0, 4], openSendsByElapsed: [60] };
    expect(effectiveEvidence(arm, null)).toEqual({ successes: 4, trials: 40 });
  });
});

/**
 * Simulates one channel with rate p and exponential delays of mean `meanDelayMs`,
 * sends spread evenly over `spanMs`, observed at `spanMs` with window `windowMs`.
 */
function simulate(p: number, meanDelayMs: number, spanMs: number, windowMs: number, sends: number, seed: number): ArmStatistics {
  const rng = createSeededRng(seed);
  const matured = new Array<number>(DELAY_BUCKET_COUNT).fill(0);
  const open = new Array<number>(DELAY_BUCKET_COUNT).fill(0);
  const openResponses = new Array<number>(DELAY_BUCKET_COUNT).fill(0);
  let maturedSends = 0;
  let successes = 0;
  for (let i = 0; i < sends; i += 1) {
    const age = spanMs - (i * spanMs) / sends;
    let delay = Number.POSITIVE_INFINITY;
    if (rng.next() < p) {
      do delay = -meanDelayMs * Math.log(1 - rng.next());
      while (delay > windowMs);
    }
    const isMatured = age >= windowMs;
    if (isMatured) maturedSends += 1;
    else open[delayBucketOf(age)] = (open[delayBucketOf(age)] ?? 0) + 1;
    if (delay <= age) {
      successes += 1;
      if (isMatured) matured[delayBucketOf(delay)] = (matured[delayBucketOf(delay)] ?? 0) + 1;
      else openResponses[delayBucketOf(delay)] = (openResponses[delayBucketOf(delay)] ?? 0) + 1;
    }
  }
  return { channel: 'email', sends, maturedSends, successes, maturedDelayHistogram: matured, openSendsByElapsed: open, openDelayHistogram: openResponses };
}

describe('late-response correction', () => {
  const hour = 60 * MINUTE_MS;
  const day = 24 * hour;
  it.each([
    { name: 'SMS (minutes)', meanDelayMs: 5 * MINUTE_MS },
    { name: 'email (a day)', meanDelayMs: day },
    { name: 'letter-slow (two days)', meanDelayMs: 2 * day },
  ])('$name: the corrected rate is unbiased where the naive one is not', ({ meanDelayMs }) => {
    // 10 % true rate, 7-day window, observed 10 days in: most sends matured, the last 7 days open.
    const p = 0.1;
    const runs = 20;
    let corrected = 0;
    let naive = 0;
    for (let seed = 0; seed < runs; seed += 1) {
      const arm = simulate(p, meanDelayMs, 10 * day, 7 * day, 20_000, seed);
      const delay = estimateDelayDistribution([arm.maturedDelayHistogram]);
      const e = effectiveEvidence(arm, delay);
      corrected += e.successes / e.trials / runs;
      const n = naiveEvidence(arm);
      naive += n.successes / n.trials / runs;
    }
    // Standard error of the mean of 20 runs of 20,000 sends at 10 %: ≈ 0.0005.
    expect(Math.abs(corrected - p)).toBeLessThan(0.003);
    if (meanDelayMs >= day) expect(naive).toBeLessThan(p - 0.005);
  });
});

describe('provisional correction in the first window', () => {
  const hour = 60 * MINUTE_MS;
  it.each([
    { name: 'SMS (minutes)', meanDelayMs: 5 * MINUTE_MS },
    { name: 'email (six hours)', meanDelayMs: 6 * hour },
  ])('$name: nothing has matured, yet the censoring-corrected rate is close to the truth', ({ meanDelayMs }) => {
    // 10 % true rate, 7-day window, observed 3 days in: every send is still open.
    const p = 0.1;
    const runs = 20;
    let corrected = 0;
    let naive = 0;
    for (let seed = 0; seed < runs; seed += 1) {
      const arm = simulate(p, meanDelayMs, 72 * hour, 168 * hour, 20_000, seed);
      expect(arm.maturedSends).toBe(0);
      const e = effectiveEvidence(arm, estimateProvisionalDelayDistribution([arm]));
      corrected += e.successes / e.trials / runs;
      naive += naiveEvidence(arm).successes / arm.sends / runs;
    }
    expect(Math.abs(corrected - p)).toBeLessThan(0.004);
    // Six-hour delays over a three-day span: the naive count misses about 6/72 of the answers.
    if (meanDelayMs >= hour) expect(naive).toBeLessThan(p - 0.005);
  });
});
