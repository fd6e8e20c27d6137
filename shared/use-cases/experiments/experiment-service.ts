import { applyAction, type Experiment, newExperiment, withDefinition } from '../../domain/experiment/experiment';
import type { ExperimentDefinition } from '../../domain/experiment/experiment-definition';
import type { LifecycleAction } from '../../domain/experiment/lifecycle';
import { ConcurrentModificationError, IdempotencyConflictError, NotFoundError, ValidationError } from '../../domain/errors/channel-lab-error';
import type { Clock, IdGenerator } from '../ports/clock';
import type { ExperimentPage, ExperimentQuery, ExperimentRepository } from '../ports/experiment-repository';
import type { WebhookTargets } from '../ports/webhook-targets';

/** What the experiment use cases need. */
export interface ExperimentDependencies {
  readonly experiments: ExperimentRepository;
  /** Injected clock: every timestamp and window here is read from it (tests and the simulator move it). */
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Judges webhook URLs when a definition is stored (none: only the send-time check applies). */
  readonly webhookTargets?: WebhookTargets;
}

/**
 * Refuses a definition whose webhook URL may never be called (an internal address or name, unless
 * the deployment allows it).
 * @throws ValidationError naming each such `channels[i].url`.
 */
async function assertWebhookTargets(deps: Pick<ExperimentDependencies, 'webhookTargets'>, definition: ExperimentDefinition): Promise<void> {
  const targets = deps.webhookTargets;
  if (!targets) return;
  const problems = await Promise.all(
    definition.channels.map(async (content, index) => {
      if (content.channel !== 'webhook') return undefined;
      const problem = await targets.problem(content.url);
      return problem === undefined ? undefined : { path: `channels[${index}].url`, message: problem };
    }),
  );
  const details = problems.filter((problem) => problem !== undefined);
  if (details.length > 0) throw new ValidationError(`invalid experiment: ${details.map((detail) => `${detail.path}: ${detail.message}`).join('; ')}`, details);
}

/** Result of a create: the experiment and whether this call created it (false on an idempotent repeat). */
export interface CreateResult {
  /** The stored experiment. */
  readonly experiment: Experiment;
  /** True when this call created it. */
  readonly created: boolean;
}

/** The id of the experiment created with an `Idempotency-Key` (the same key always gives the same id). */
export function experimentIdForKey(ids: Pick<IdGenerator, 'idFor'>, idempotencyKey: string): string {
  return ids.idFor(`experiment:${idempotencyKey}`);
}

/**
 * Creates a draft experiment from a marketer's definition.
 * With an idempotency key, repeating the same definition returns the same experiment and writes
 * nothing; reusing the key for a different definition is refused.
 *
 * @param definition - parsed with `ExperimentDefinitionSchema` (the router's body schema), defaults applied.
 */
export async function createExperiment(deps: ExperimentDependencies, definition: ExperimentDefinition, idempotencyKey?: string): Promise<CreateResult> {
  await assertWebhookTargets(deps, definition);
  const fingerprint = deps.ids.fingerprint(definition);
  const id = idempotencyKey === undefined ? deps.ids.newId() : experimentIdForKey(deps.ids, idempotencyKey);
  const experiment = newExperiment(id, definition, deps.clock.now());
  const outcome = await deps.experiments.create(experiment, fingerprint);
  if (outcome.outcome === 'created') return { experiment, created: true };
  if (outcome.requestFingerprint !== fingerprint) {
    throw new IdempotencyConflictError('this Idempotency-Key was already used with a different request body');
  }
  return { experiment: outcome.stored, created: false };
}

/**
 * The experiment with this id.
 * @throws NotFoundError when there is none.
 */
export async function getExperiment(deps: Pick<ExperimentDependencies, 'experiments'>, id: string): Promise<Experiment> {
  const experiment = await deps.experiments.get(id);
  if (experiment === undefined) throw new NotFoundError(`experiment ${id} not found`);
  return experiment;
}

/** A page of experiments. */
export function listExperiments(deps: Pick<ExperimentDependencies, 'experiments'>, query: ExperimentQuery): Promise<ExperimentPage> {
  return deps.experiments.list(query);
}

function checkExpectedVersion(experiment: Experiment, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== experiment.version) {
    throw new ConcurrentModificationError(
      `experiment ${experiment.id} is at version ${experiment.version}, not ${expectedVersion}: reload it and apply your change again`,
    );
  }
}

/**
 * Replaces a draft's definition. Optimistic locking: the write succeeds only if nobody changed the
 * experiment since it was read (and, with `expectedVersion`, since the caller read it).
 *
 * @param definition - parsed with `ExperimentDefinitionSchema`, defaults applied.
 */
export async function updateExperiment(
  deps: ExperimentDependencies,
  id: string,
  definition: ExperimentDefinition,
  expectedVersion?: number,
): Promise<Experiment> {
  const current = await getExperiment(deps, id);
  checkExpectedVersion(current, expectedVersion);
  await assertWebhookTargets(deps, definition);
  const updated = withDefinition(current, definition, deps.clock.now());
  await deps.experiments.save(updated, current.version);
  return updated;
}

/** Moves an experiment through its lifecycle (start, pause, resume, complete, archive). */
export async function transitionExperiment(
  deps: ExperimentDependencies,
  id: string,
  action: LifecycleAction,
  expectedVersion?: number,
): Promise<Experiment> {
  const current = await getExperiment(deps, id);
  checkExpectedVersion(current, expectedVersion);
  const updated = applyAction(current, action, deps.clock.now());
  await deps.experiments.save(updated, current.version);
  return updated;
}
