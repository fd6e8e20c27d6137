import type { Experiment } from '../../domain/experiment/experiment';

/** The experiments customer events may trigger or exit (running or paused, with a trigger or exits), briefly cached by adapters. */
export interface ListeningExperiments {
  /** Every such experiment (a started experiment listens within the adapter's cache period). */
  list(): Promise<readonly Experiment[]>;
}
