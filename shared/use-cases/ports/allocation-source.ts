import type { Channel } from '../../domain/experiment/channels';

/** Weights of one segment: per channel (sum 1) and the holdout share. */
export interface SegmentWeights {
  readonly weights: Readonly<Partial<Record<Channel, number>>>;
  /** Share of decisions held out. */
  readonly holdout: number;
}

/** The weights the send path decides with. */
export interface CurrentAllocation {
  /** 0 = initial uniform split, before any allocator run. */
  readonly version: number;
  /** Weights per segment name. */
  readonly segments: Readonly<Record<string, SegmentWeights>>;
}

/** Reads an experiment's current allocation (adapters cache it briefly). */
export interface AllocationSource {
  /** The latest allocation, or undefined before the allocator's first run. */
  current(experimentId: string, maxAgeMs: number): Promise<CurrentAllocation | undefined>;
}
