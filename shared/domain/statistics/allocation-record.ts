import type { Channel } from '../experiment/channels';
import type { ArmTotals } from './cohort-counters';

/** How traffic is split in one segment, as the send path reads it. */
export interface SegmentSplit {
  /** Weight per channel (sum 1). */
  readonly weights: Readonly<Partial<Record<Channel, number>>>;
  /** Holdout share. */
  readonly holdout: number;
  /** Declared winner, if any. */
  readonly winner: Channel | null;
  /** ISO instant the current winner was first declared. */
  readonly winnerSince?: string;
  /** Arm with the highest P(best). */
  readonly leader: Channel;
  /** Still in the uniform burn-in. */
  readonly inBurnIn: boolean;
}

/** One allocation of an experiment: versioned, with its seed. */
export interface AllocationRecord {
  readonly experimentId: string;
  /** 1, 2, 3 … */
  readonly version: number;
  /** ISO instant computed. */
  readonly computedAt: string;
  /** Seed of the computation. */
  readonly seed: number;
  /** Policy used. */
  readonly policy: string;
  /** Split per segment. */
  readonly segments: Readonly<Record<string, SegmentSplit>>;
}

/** Per-arm results of one segment, as dashboards read them. */
export interface ArmResult {
  readonly channel: Channel;
  /** Sends counted for the bandit. */
  readonly sends: number;
  /** Sends whose window has closed. */
  readonly maturedSends: number;
  /** Successes. */
  readonly responses: number;
  /** Posterior mean rate. */
  readonly rate: number;
  /** 95 % credible interval. */
  readonly ci95: readonly [number, number] | null;
  /** P(best). */
  readonly probabilityBest: number;
  /** Expected loss of choosing this arm, `E[max_j θ_j − θ_i]`, as a rate (0.001 is a tenth of a percentage point). */
  readonly expectedLoss: number;
  /** Current weight. */
  readonly weight: number;
  /**
   * Self-normalised inverse-propensity-weighted rate: Σ(y/p) / Σ(1/p) over this arm's decisions,
   * unbiased by the adaptive allocation (null before any send).
   */
  readonly ipwRate: number | null;
  /** Values carried by the goal events (survey score, order amount). */
  readonly value?: { readonly count: number; readonly mean: number };
  /** Messages that ended `failed` (refused, or given up after the retry cap); not in `sends`. */
  readonly failed?: number;
}

/** One point of the weights' history. */
export interface HistoryPoint {
  /** ISO instant. */
  readonly at: string;
  readonly segment: string;
  readonly weights: Readonly<Partial<Record<Channel, number>>>;
  /** Sends so far. */
  readonly sends: number;
  /** Responses so far. */
  readonly responses: number;
  /** Channels whose rate change was detected at this run (older evidence set aside). */
  readonly changes?: readonly Channel[];
}

/** A change of an arm's rate detected by the allocator. */
export interface DetectedChangeRecord {
  /** ISO instant of the allocation that detected it. */
  readonly at: string;
  readonly channel: Channel;
  /** Estimated rate before the change. */
  readonly rateBefore: number;
  /** Estimated rate since the change. */
  readonly rateAfter: number;
  /** ISO start of the first cohort after the change: the arm's evidence counts from there. */
  readonly since?: string;
}

/** The results snapshot the allocator writes and the results API serves. */
export interface ResultsSnapshot {
  readonly experimentId: string;
  readonly allocationVersion: number;
  /** ISO instant computed. */
  readonly computedAt: string;
  /** Per segment. */
  readonly segments: readonly {
    readonly segment: string;
    readonly winner: Channel | null;
    readonly leader: Channel;
    readonly inBurnIn: boolean;
    readonly holdout: ArmTotals & { readonly rate: number };
    readonly arms: readonly ArmResult[];
    /** Rate changes detected in this segment, oldest first (absent in snapshots written before detection existed). */
    readonly changes?: readonly DetectedChangeRecord[];
  }[];
  /** Follow-up decisions per step, segment and channel. */
  readonly followUps: Readonly<Record<number, Readonly<Record<string, Readonly<Partial<Record<Channel, ArmTotals>>>>>>>;
  /** Recent history (older points are in history items). */
  readonly history: readonly HistoryPoint[];
}
