/**
 * Benchmark scenarios: true rates per segment × channel, response delays per
 * channel, send rate, update cadence and attribution window.
 */
import type { Channel } from '../../shared/domain/bandit';

/** A response-delay distribution (conditioned on arriving inside the window). */
export type DelayModel =
  | { readonly kind: 'exponential'; readonly meanMinutes: number }
  | { readonly kind: 'lognormal'; readonly medianMinutes: number; readonly sigma: number };

/** One segment: its share of sends and its true rates (per channel, in channel order). */
export interface SegmentSpec {
  readonly name: string;
  readonly share: number;
  readonly rates: readonly number[];
  /** Rates after the shift (scenario `shift`). */
  readonly ratesAfterShift?: readonly number[];
  /** Rates reached by a slow drift (linear from `Scenario.drift.from` to `.to` of the horizon). */
  readonly ratesAfterDrift?: readonly number[];
}

/** A scenario of the benchmark. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly channels: readonly Channel[];
  readonly segments: readonly SegmentSpec[];
  /** Total sends. */
  readonly T: number;
  /** Simulated duration over which the T sends are spread evenly. */
  readonly horizonMinutes: number;
  /** Allocation recomputed every this many simulated minutes. */
  readonly updateEveryMinutes: number;
  /** Attribution window. */
  readonly windowMinutes: number;
  /** Delay model per channel. */
  readonly delays: Readonly<Partial<Record<Channel, DelayModel>>>;
  /** Fraction of the horizon at which `ratesAfterShift` apply. */
  readonly shiftAt?: number;
  /** Fractions of the horizon over which rates move linearly to `ratesAfterDrift`. */
  readonly drift?: { readonly from: number; readonly to: number };
  /** Measure the calibration of the default policy's intervals (stationary scenarios only). */
  readonly calibrate?: boolean;
  readonly seeds: number;
}

const DAY = 24 * 60;

const STANDARD_DELAYS: Readonly<Partial<Record<Channel, DelayModel>>> = {
  email: { kind: 'lognormal', medianMinutes: 180, sigma: 1 },
  sms: { kind: 'exponential', meanMinutes: 5 },
  push: { kind: 'exponential', meanMinutes: 15 },
  in_app: { kind: 'lognormal', medianMinutes: 60, sigma: 1 },
};

/** A response seen within seconds (the `main_instant` reference). */
const INSTANT: DelayModel = { kind: 'exponential', meanMinutes: 0.05 };

/** The segments of `main` (and `main_instant`). */
const MAIN_SEGMENTS: readonly SegmentSpec[] = [
  { name: 'new', share: 1 / 6, rates: [0.04, 0.08, 0.02, 0.05] },
  { name: 'loyal', share: 1 / 6, rates: [0.1, 0.06, 0.03, 0.07] },
  { name: 'mobile', share: 1 / 6, rates: [0.02, 0.12, 0.05, 0.04] },
  { name: 'lapsed', share: 1 / 6, rates: [0.005, 0.03, 0.015, 0.02] },
  { name: 'vip', share: 1 / 6, rates: [0.15, 0.09, 0.12, 0.08] },
  { name: 'app', share: 1 / 6, rates: [0.06, 0.05, 0.11, 0.03] },
];

/** Deterministic pseudo-random numbers for building scenario tables. */
function tableRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4_294_967_296;
  };
}

function manySegments(): SegmentSpec[] {
  const random = tableRng(2024);
  const multipliers = [0.7, 1.0, 1.3, 0.85];
  return Array.from({ length: 40 }, (_, s) => {
    const base = 0.02 + 0.06 * random();
    return {
      name: `s${String(s).padStart(2, '0')}`,
      share: 1 / 40,
      rates: multipliers.map((m) => Math.min(0.5, base * m * Math.exp(0.1 * (random() + random() + random() - 1.5) * 2))),
    };
  });
}

/** All scenarios, in report order. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'main',
    description: '4 channels × 6 segments, rates 0.5–15 %, 100,000 sends over 14 days (≈300/h), hourly updates, 24 h window',
    channels: ['email', 'sms', 'push', 'in_app'],
    segments: MAIN_SEGMENTS,
    T: 100_000,
    horizonMinutes: 14 * DAY,
    updateEveryMinutes: 60,
    windowMinutes: DAY,
    delays: STANDARD_DELAYS,
    seeds: 20,
    calibrate: true,
  },
  {
    name: 'main_instant',
    description: "`main` with every response seen at once (delays of seconds): the reference for the first day's regret, which no delay model can beat",
    channels: ['email', 'sms', 'push', 'in_app'],
    segments: MAIN_SEGMENTS,
    T: 100_000,
    horizonMinutes: 14 * DAY,
    updateEveryMinutes: 60,
    windowMinutes: DAY,
    delays: { email: INSTANT, sms: INSTANT, push: INSTANT, in_app: INSTANT },
    seeds: 20,
  },
  {
    name: 'close_race',
    description: '2 channels, 5.0 % vs 4.5 %, one segment, 50,000 sends over 14 days, hourly updates, 24 h window',
    channels: ['email', 'sms'],
    segments: [{ name: 'all', share: 1, rates: [0.05, 0.045] }],
    T: 50_000,
    horizonMinutes: 14 * DAY,
    updateEveryMinutes: 60,
    windowMinutes: DAY,
    delays: STANDARD_DELAYS,
    seeds: 20,
  },
  {
    name: 'delays',
    description: 'email and sms both 5 %: sms answers in minutes, email in days (median 1.5 d); 7-day window, 40,000 sends over 28 days, updates every 2 h',
    channels: ['email', 'sms'],
    segments: [{ name: 'all', share: 1, rates: [0.05, 0.05] }],
    T: 40_000,
    horizonMinutes: 28 * DAY,
    updateEveryMinutes: 120,
    windowMinutes: 7 * DAY,
    delays: { email: { kind: 'lognormal', medianMinutes: 1.5 * DAY, sigma: 0.8 }, sms: { kind: 'exponential', meanMinutes: 5 } },
    seeds: 200,
    calibrate: true,
  },
  {
    name: 'many_segments',
    description: '4 channels × 40 small segments (1,000 sends each) sharing a structure (channel multipliers × segment level), 40,000 sends over 14 days, updates every 4 h',
    channels: ['email', 'sms', 'push', 'in_app'],
    segments: manySegments(),
    T: 40_000,
    horizonMinutes: 14 * DAY,
    updateEveryMinutes: 240,
    windowMinutes: DAY,
    delays: STANDARD_DELAYS,
    seeds: 20,
  },
  {
    name: 'shift',
    description: '3 channels × 2 segments; the best channel changes halfway; 60,000 sends over 14 days, hourly updates',
    channels: ['email', 'sms', 'push'],
    segments: [
      { name: 'a', share: 0.5, rates: [0.05, 0.08, 0.04], ratesAfterShift: [0.08, 0.05, 0.04] },
      { name: 'b', share: 0.5, rates: [0.1, 0.07, 0.06], ratesAfterShift: [0.06, 0.07, 0.1] },
    ],
    T: 60_000,
    horizonMinutes: 14 * DAY,
    updateEveryMinutes: 60,
    windowMinutes: DAY,
    delays: STANDARD_DELAYS,
    shiftAt: 0.5,
    seeds: 20,
  },
  {
    name: 'slow_small_segment',
    description:
      'first day: 4 channels × 4 segments; email (responses over hours, median 4 h) is best only in one small segment (10 % of sends), fast channels elsewhere; 48 h window, 40,000 sends over 7 days, hourly updates',
    channels: ['email', 'sms', 'push', 'in_app'],
    segments: [
      { name: 'small', share: 0.1, rates: [0.12, 0.06, 0.04, 0.05] },
      { name: 'young', share: 0.3, rates: [0.03, 0.09, 0.05, 0.04] },
      { name: 'app', share: 0.3, rates: [0.02, 0.05, 0.1, 0.06] },
      { name: 'rest', share: 0.3, rates: [0.04, 0.08, 0.05, 0.06] },
    ],
    T: 40_000,
    horizonMinutes: 7 * DAY,
    updateEveryMinutes: 60,
    windowMinutes: 2 * DAY,
    delays: { ...STANDARD_DELAYS, email: { kind: 'lognormal', medianMinutes: 240, sigma: 1.2 } },
    seeds: 20,
    calibrate: true,
  },
  {
    name: 'slow_worse',
    description: 'first day: a 12 h-delay arm at 2 % against a 30 min-delay arm at 10 %, one segment; 48 h window, 20,000 sends over 7 days, hourly updates',
    channels: ['email', 'sms'],
    segments: [{ name: 'all', share: 1, rates: [0.02, 0.1] }],
    T: 20_000,
    horizonMinutes: 7 * DAY,
    updateEveryMinutes: 60,
    windowMinutes: 2 * DAY,
    delays: { email: { kind: 'lognormal', medianMinutes: 12 * 60, sigma: 0.8 }, sms: { kind: 'lognormal', medianMinutes: 30, sigma: 0.8 } },
    // 100 seeds (it is cheap): with 20, its calibration after the window rests on 40 intervals, where
    // one interval's luck moves the coverage from 0.975 to 1.000, and its 2 % arm's early bias is
    // known only to ±7 points.
    seeds: 100,
    calibrate: true,
  },
  {
    name: 'high_rate_segment',
    description: 'sharing must not starve a winner: 3 channels × 5 segments, four at 3–6 % and one small high-rate segment at 21/27/18 %; 60,000 sends over 14 days, hourly updates, 24 h window',
    channels: ['email', 'sms', 'push'],
    segments: [
      { name: 'a', share: 0.225, rates: [0.05, 0.04, 0.03] },
      { name: 'b', share: 0.225, rates: [0.04, 0.05, 0.03] },
      { name: 'c', share: 0.225, rates: [0.06, 0.04, 0.05] },
      { name: 'd', share: 0.225, rates: [0.03, 0.04, 0.06] },
      { name: 'high', share: 0.1, rates: [0.21, 0.27, 0.18] },
    ],
    T: 60_000,
    horizonMinutes: 14 * DAY,
    updateEveryMinutes: 60,
    windowMinutes: DAY,
    delays: STANDARD_DELAYS,
    seeds: 20,
  },
  {
    name: 'slow_degradation',
    description: "a channel degrades slowly: each segment's best channel halves its rate over a week (days 3–10), so another channel becomes best; 3 channels × 2 segments, 60,000 sends over 14 days, hourly updates, 24 h window",
    channels: ['email', 'sms', 'push'],
    segments: [
      { name: 'a', share: 0.5, rates: [0.05, 0.1, 0.07], ratesAfterDrift: [0.05, 0.05, 0.07] },
      { name: 'b', share: 0.5, rates: [0.12, 0.06, 0.08], ratesAfterDrift: [0.06, 0.06, 0.08] },
    ],
    T: 60_000,
    horizonMinutes: 14 * DAY,
    updateEveryMinutes: 60,
    windowMinutes: DAY,
    delays: STANDARD_DELAYS,
    drift: { from: 3 / 14, to: 10 / 14 },
    seeds: 20,
  },
];
