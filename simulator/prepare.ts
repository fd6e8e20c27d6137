import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ApiClient } from '../cli/api-client';
import { derivedExperimentId, experimentKey, idempotencyKeyFor } from '../cli/apply-identity';
import { createOrFind } from '../cli/create-or-find';
import { CommandFailure } from '../cli/errors';
import type { ExperimentResponse } from '../shared/contracts/experiments';
import { formatProblem } from '../cli/format';
import { checkDefinitionYaml } from '../cli/yaml-definition';
import type { Scenario, SimulatedExperiment } from './scenario';
import type { PreparedExperiment } from './target';

/** The lifecycle action that makes an experiment in this state run, if any. */
const TO_RUNNING: Readonly<Record<string, string>> = { draft: 'start', paused: 'resume' };

/** An experiment as the API returns it. */
type FullExperimentView = ExperimentResponse;

/** What preparing an experiment did. */
export interface PreparedReport {
  /** The experiment, running. */
  readonly experiment: PreparedExperiment;
  /** `created`, `found` (it existed), plus `started`/`resumed` when it was not running. */
  readonly actions: readonly string[];
}

async function experimentFor(api: ApiClient, spec: SimulatedExperiment, scenarioDir: string): Promise<{ experiment: FullExperimentView; created: boolean }> {
  if (spec.id !== undefined) {
    const { body } = await api.request<FullExperimentView>('GET', `/v1/experiments/${encodeURIComponent(spec.id)}`);
    return { experiment: body, created: false };
  }
  const file = spec.file ?? '';
  const path = resolve(scenarioDir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CommandFailure([`cannot read the experiment file ${file} (looked at ${path})`]);
  }
  const check = checkDefinitionYaml(text);
  if (!check.ok) throw new CommandFailure([`${file} is not a valid experiment definition:`, ...check.problems.map((problem) => `  ${formatProblem(file, problem)}`)]);
  const found = await createOrFind<FullExperimentView>(api, '/v1/experiments', idempotencyKeyFor(experimentKey(file, check.key)), check.input, derivedExperimentId);
  return { experiment: found.item, created: found.created };
}

/**
 * Makes each experiment of the scenario exist and run: a file is applied as `apply` does (the
 * same idempotency key, so running twice creates nothing new), a draft is started, a paused one
 * resumed. A completed or archived experiment cannot be driven: that is an error.
 */
export async function prepareExperiments(api: ApiClient, scenario: Scenario, scenarioDir: string): Promise<PreparedReport[]> {
  const reports: PreparedReport[] = [];
  for (const spec of scenario.experiments) {
    const { experiment: found, created } = await experimentFor(api, spec, scenarioDir);
    const actions = [created ? 'created' : 'found'];
    let experiment = found;
    const action = TO_RUNNING[experiment.status];
    if (action !== undefined) {
      experiment = (await api.request<FullExperimentView>('POST', `/v1/experiments/${encodeURIComponent(experiment.id)}/${action}`)).body;
      actions.push(`${action === 'start' ? 'started' : 'resumed'}`);
    }
    if (experiment.status !== 'running') throw new CommandFailure([`experiment ${experiment.id} (${experiment.definition.name}) is ${experiment.status}: only a draft, paused or running experiment can be simulated`]);
    const { definition } = experiment;
    reports.push({
      actions,
      experiment: {
        id: experiment.id,
        name: definition.name,
        stage: definition.stage,
        goal: definition.goal.event,
        channels: definition.channels.map((content) => content.channel),
        segments: definition.segments,
        spec,
      },
    });
  }
  return reports;
}
