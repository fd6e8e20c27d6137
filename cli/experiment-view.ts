import type { ExperimentPageResponse } from '../shared/contracts/experiments';

/** An experiment as the API returns it, with the listing's summary when listed (the API's own contract type). */
export type ExperimentView = ExperimentPageResponse['items'][number];

/** One line describing an experiment: id, status, version, name. */
export function describeExperiment(experiment: ExperimentView): string {
  return `${experiment.id} (${experiment.status}, version ${experiment.version}): ${experiment.definition.name}`;
}
