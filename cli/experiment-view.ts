import type { ExperimentPageResponse } from '../shared/contracts/experiments';

/** An experiment as the API returns it (the API's own contract; the listing adds its summary). */
export type ExperimentView = ExperimentPageResponse['items'][number];

/** One line describing an experiment: id, status, version, name. */
export function describeExperiment(experiment: ExperimentView): string {
  return `${experiment.id} (${experiment.status}, version ${experiment.version}): ${experiment.definition.name}`;
}
