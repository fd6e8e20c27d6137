import type { Experiment } from '../../domain/experiment/experiment';

/** Reads experiments for the hot paths (adapters cache them briefly). */
export interface ExperimentSource {
  /** The experiment, or undefined. */
  get(experimentId: string): Promise<Experiment | undefined>;
}
