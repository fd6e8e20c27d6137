/**
 * Measurement 1: CPU per decision in process. Times the pure core the send handler runs for
 * every recipient (segment rules, eligibility with quiet hours in the customer's time zone, the
 * seeded draw) and the allocator's `computeAllocation` for one experiment.
 */
import { computeAllocation, decide } from '../../shared/domain/bandit';
import type { ArmStatistics } from '../../shared/domain/bandit/arm-statistics';
import type { SegmentStatistics } from '../../shared/domain/bandit/allocation';
import { DELAY_BUCKET_COUNT } from '../../shared/domain/bandit/delay-buckets';
import type { ChannelWeights } from '../../shared/domain/bandit/decide';
import type { Customer } from '../../shared/domain/customer/customer';
import { eligibility, type EligibilityInput } from '../../shared/domain/eligibility/eligibility';
import type { Channel } from '../../shared/domain/experiment/channels';
import { DEFAULT_QUIET_HOURS, type Guardrails } from '../../shared/domain/experiment/guardrails';
import { createSeededRng, type Rng } from '../../shared/domain/random';
import { assignSegment, DEFAULT_SEGMENT, type Segment } from '../../shared/domain/segments/evaluate-segment';
import { median } from './stats';

/** Decisions per timed run. */
export const DECISIONS_PER_RUN = 20_000;
/** Timed runs (the median is reported); one untimed warm-up run precedes them. */
export const CPU_RUNS = 7;
/** Distinct customers the decisions cycle through. */
const CUSTOMER_POOL = 512;
/** Timed runs of `computeAllocation` per method. */
export const ALLOCATION_RUNS = 15;
/** Seed of the synthetic inputs (same inputs every run of the benchmark). */
const INPUT_SEED = 20_260_101;
/** A fixed instant: 18:30 UTC, so some time zones are inside quiet hours and some are not. */
const FIXED_NOW = new Date('2026-03-10T18:30:00Z');
/** Microseconds per millisecond. */
const US_PER_MS = 1_000;

/** The four channels of the measured experiment. */
export const BENCH_CHANNELS: readonly Channel[] = ['email', 'sms', 'push', 'in_app'];
/** Time zones of the synthetic customers (a mix of day and night at {@link FIXED_NOW}). */
const TIME_ZONES = ['America/New_York', 'Europe/Paris', 'Asia/Tokyo', 'Australia/Sydney', 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'America/Sao_Paulo'];

/** Six segments with the rule shapes marketers write (first match wins; `default` catches the rest). */
export const BENCH_SEGMENTS: readonly Segment[] = [
  { name: 'app_over_50', rule: { all: [{ attribute: 'age', op: 'gte', value: 50 }, { attribute: 'appUser', op: 'eq', value: true }] } },
  { name: 'over_50', rule: { attribute: 'age', op: 'gte', value: 50 } },
  { name: 'vip', rule: { attribute: 'plan', op: 'in', value: ['gold', 'platinum'] } },
  { name: 'eu', rule: { attribute: 'address.country', op: 'in', value: ['FR', 'DE', 'ES', 'IT'] } },
  { name: 'new', rule: { not: { attribute: 'orders', op: 'gt', value: 1 } } },
];

/** CPU figures of the decision path. */
export interface CpuReport {
  /** Decisions per timed run. */
  readonly decisionsPerRun: number;
  /** Timed runs. */
  readonly runs: number;
  /** Wall time per full decision (segment + eligibility + draw), µs, median of runs. */
  readonly decisionUs: number;
  /** `process.cpuUsage()` (user + system) per full decision, µs, median of runs. */
  readonly decisionCpuUs: number;
  /** Wall time per call of each step, µs, median of runs. */
  readonly stepsUs: { readonly assignSegment: number; readonly eligibility: number; readonly decide: number };
  /** `computeAllocation` for 4 channels × 6 segments, ms per run (median). */
  readonly allocationMs: { readonly integration: number; readonly monteCarlo: number };
}

interface DecisionInput {
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly eligibility: EligibilityInput;
  readonly seed: number;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng.next() * items.length)] as T;
}

function customers(rng: Rng): DecisionInput[] {
  const guardrails: Guardrails = { quietHours: DEFAULT_QUIET_HOURS, frequencyCap: { max: 3, perHours: 24 } };
  return Array.from({ length: CUSTOMER_POOL }, (_, i) => {
    const consents: Partial<Record<Channel, boolean>> = {};
    for (const channel of BENCH_CHANNELS) consents[channel] = rng.next() < 0.8;
    const customer: Pick<Customer, 'consents' | 'optOuts'> = { consents, optOuts: rng.next() < 0.05 ? { email: '2026-01-01T00:00:00Z' } : {} };
    return {
      attributes: {
        age: 18 + Math.floor(rng.next() * 70),
        appUser: rng.next() < 0.4,
        plan: pick(rng, ['free', 'silver', 'gold', 'platinum']),
        address: { country: pick(rng, ['FR', 'US', 'DE', 'JP', 'BR', 'IN']) },
        orders: Math.floor(rng.next() * 5),
      },
      eligibility: {
        channels: BENCH_CHANNELS,
        customer,
        contact: { email: `c${i}@example.com`, phone: '+14155550123', pushEndpointArn: 'arn:aws:sns:us-east-1:123456789012:endpoint/APNS/app/x', timezone: pick(rng, TIME_ZONES) },
        guardrails,
        recentSends: Math.floor(rng.next() * 3),
        now: FIXED_NOW,
      },
      seed: Math.floor(rng.next() * 2 ** 32),
    };
  });
}

function segmentWeights(rng: Rng): Record<string, ChannelWeights> {
  const names = [...BENCH_SEGMENTS.map((segment) => segment.name), DEFAULT_SEGMENT];
  return Object.fromEntries(
    names.map((name) => {
      const raw = BENCH_CHANNELS.map(() => 0.05 + rng.next());
      const total = raw.reduce((sum, value) => sum + value, 0);
      return [name, Object.fromEntries(BENCH_CHANNELS.map((channel, c) => [channel, (raw[c] as number) / total]))];
    }),
  );
}

/** Times `body` over {@link DECISIONS_PER_RUN} iterations; returns wall and CPU µs per iteration. */
function timeRun(body: (i: number) => number): { wallUs: number; cpuUs: number; sink: number } {
  let sink = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < DECISIONS_PER_RUN; i += 1) sink += body(i);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallUs: (wallMs * US_PER_MS) / DECISIONS_PER_RUN, cpuUs: (cpu.user + cpu.system) / DECISIONS_PER_RUN, sink };
}

function medianOfRuns(body: (i: number) => number): { wallUs: number; cpuUs: number } {
  timeRun(body); // warm-up: JIT, Intl caches
  const runs = Array.from({ length: CPU_RUNS }, () => timeRun(body));
  return { wallUs: median(runs.map((run) => run.wallUs)), cpuUs: median(runs.map((run) => run.cpuUs)) };
}

function armStatistics(rng: Rng, channel: Channel, rate: number): ArmStatistics {
  const sends = 500 + Math.floor(rng.next() * 4_000);
  const maturedSends = Math.floor(sends * 0.7);
  const histogram = (total: number): number[] => {
    const buckets = new Array<number>(DELAY_BUCKET_COUNT).fill(0);
    for (let k = 0; k < total; k += 1) buckets[Math.min(DELAY_BUCKET_COUNT - 1, Math.floor(rng.next() * rng.next() * DELAY_BUCKET_COUNT))]! += 1;
    return buckets;
  };
  const maturedSuccesses = Math.round(maturedSends * rate);
  const openSends = sends - maturedSends;
  const openSuccesses = Math.round(openSends * rate * 0.5);
  const openByElapsed = new Array<number>(DELAY_BUCKET_COUNT).fill(0);
  for (let k = 0; k < openSends; k += 1) openByElapsed[Math.floor(rng.next() * DELAY_BUCKET_COUNT)]! += 1;
  return {
    channel,
    sends,
    maturedSends,
    successes: maturedSuccesses + openSuccesses,
    maturedDelayHistogram: histogram(maturedSuccesses),
    openSendsByElapsed: openByElapsed,
    openDelayHistogram: histogram(openSuccesses),
  };
}

function allocationSegments(rng: Rng): SegmentStatistics[] {
  return [...BENCH_SEGMENTS.map((segment) => segment.name), DEFAULT_SEGMENT].map((segment) => ({
    segment,
    arms: BENCH_CHANNELS.map((channel) => armStatistics(rng, channel, 0.01 + rng.next() * 0.1)),
  }));
}

function timeAllocation(method: 'integration' | 'monte_carlo', segments: readonly SegmentStatistics[]): number {
  const run = (seed: number): number => {
    const started = performance.now();
    computeAllocation({
      channels: BENCH_CHANNELS,
      policy: { type: 'thompson', minShare: 0.01, burnIn: 0, holdout: 0, sharing: true },
      stopping: { probabilityBest: 0.95, maxExpectedLoss: 0.001 },
      segments,
      seed,
      method,
    });
    return performance.now() - started;
  };
  run(0); // warm-up
  return median(Array.from({ length: ALLOCATION_RUNS }, (_, i) => run(i + 1)));
}

/**
 * Runs measurement 1.
 *
 * @returns µs per decision (wall and CPU), per step, and ms per allocation run.
 */
export function measureCpu(): CpuReport {
  const rng = createSeededRng(INPUT_SEED);
  const inputs = customers(rng);
  const weights = segmentWeights(rng);
  const input = (i: number): DecisionInput => inputs[i % CUSTOMER_POOL] as DecisionInput;

  const full = medianOfRuns((i) => {
    const one = input(i);
    const segment = assignSegment(BENCH_SEGMENTS, one.attributes);
    const allowed = eligibility(one.eligibility);
    if (allowed.kind === 'suppressed') return 0;
    const decision = decide(weights[segment] ?? {}, allowed.channels, 0, createSeededRng(one.seed + i));
    return decision.kind === 'channel' ? decision.propensity : 0;
  });
  const segmentStep = medianOfRuns((i) => assignSegment(BENCH_SEGMENTS, input(i).attributes).length);
  const eligibilityStep = medianOfRuns((i) => eligibility(input(i).eligibility).excluded.sms === undefined ? 1 : 0);
  const eligibleChannels = inputs.map((one) => {
    const allowed = eligibility(one.eligibility);
    return allowed.kind === 'suppressed' ? BENCH_CHANNELS : allowed.channels;
  });
  const decideStep = medianOfRuns((i) => {
    const decision = decide(weights.default ?? {}, eligibleChannels[i % CUSTOMER_POOL] as readonly Channel[], 0, createSeededRng(input(i).seed + i));
    return decision.kind === 'channel' ? decision.propensity : 0;
  });

  const segments = allocationSegments(rng);
  return {
    decisionsPerRun: DECISIONS_PER_RUN,
    runs: CPU_RUNS,
    decisionUs: full.wallUs,
    decisionCpuUs: full.cpuUs,
    stepsUs: { assignSegment: segmentStep.wallUs, eligibility: eligibilityStep.wallUs, decide: decideStep.wallUs },
    allocationMs: { integration: timeAllocation('integration', segments), monteCarlo: timeAllocation('monte_carlo', segments) },
  };
}
