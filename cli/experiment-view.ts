/** An experiment as the API returns it (the fields the CLI reads). */
export interface ExperimentView {
  /** Experiment id. */
  readonly id: string;
  /** Lifecycle state: draft, running, paused, completed, archived. */
  readonly status: string;
  /** Version, also the ETag. */
  readonly version: number;
  /** The stored definition (defaults applied). */
  readonly definition: { readonly name: string; readonly stage: string } & Record<string, unknown>;
  /** The listing's one-line summary, when listed. */
  readonly summary?: { readonly line: string };
}

/** One line describing an experiment: id, status, version, name. */
export function describeExperiment(experiment: ExperimentView): string {
  return `${experiment.id} (${experiment.status}, version ${experiment.version}): ${experiment.definition.name}`;
}
