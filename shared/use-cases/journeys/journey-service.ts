import type { Experiment } from '../../domain/experiment/experiment';
import { ConcurrentModificationError, type ErrorDetail, IdempotencyConflictError, JourneyConflictError, NotFoundError, ValidationError } from '../../domain/errors/channel-lab-error';
import { type Journey, type JourneyDefinition, newJourney, withJourneyDefinition } from '../../domain/journeys/journey-definition';
import type { Clock, IdGenerator } from '../ports/clock';
import type { ExperimentRepository } from '../ports/experiment-repository';
import type { JourneyPage, JourneyQuery, JourneyRepository, JourneyWriteOutcome } from '../ports/journey-repository';

/** What the journey use cases need. */
export interface JourneyDependencies {
  readonly journeyRepository: JourneyRepository;
  /** The experiments a journey names (each must exist, with the stage it is listed under). */
  readonly experiments: Pick<ExperimentRepository, 'get'>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Result of a create: the journey and whether this call created it (false on an idempotent repeat). */
export interface CreateJourneyResult {
  /** The stored journey. */
  readonly journey: Journey;
  /** True when this call created it. */
  readonly created: boolean;
}

const DEFINITION = 'journey definition';

/** Where an experiment id sits in the definition, as an error path. */
function experimentPaths(definition: JourneyDefinition): Map<string, string> {
  return new Map(definition.stages.flatMap(({ experimentIds }, stage) => experimentIds.map((id, position) => [id, `stages[${stage}].experimentIds[${position}]`] as const)));
}

/**
 * Every experiment the definition names exists and is a message of the stage it is listed under
 * (the experiment's own `stage`: the journey groups, it does not restage).
 * @throws ValidationError naming each experiment that does not.
 */
async function checkExperiments(deps: Pick<JourneyDependencies, 'experiments'>, definition: JourneyDefinition): Promise<void> {
  const details: ErrorDetail[] = [];
  const checks = definition.stages.flatMap(({ stage, experimentIds }, index) =>
    experimentIds.map(async (id, position) => {
      const path = `stages[${index}].experimentIds[${position}]`;
      const experiment: Experiment | undefined = await deps.experiments.get(id);
      if (experiment === undefined) details.push({ path, message: `experiment ${id} not found` });
      else if (experiment.definition.stage !== stage) details.push({ path, message: `experiment ${id} is a ${experiment.definition.stage} message: list it under ${experiment.definition.stage}, not ${stage}` });
    }),
  );
  await Promise.all(checks);
  if (details.length === 0) return;
  details.sort((a, b) => a.path.localeCompare(b.path));
  throw new ValidationError(`Invalid ${DEFINITION}: ${details[0]?.path}: ${details[0]?.message}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}`, details);
}

/** Turns a refused claim into a 409 naming each experiment and the journey that holds it. */
function throwOnClaimed(outcome: JourneyWriteOutcome, definition: JourneyDefinition): void {
  if (outcome.outcome !== 'claimed') return;
  const paths = experimentPaths(definition);
  const details = outcome.conflicts.map(({ experimentId, journeyId }) => ({ path: paths.get(experimentId) ?? 'stages', message: `experiment ${experimentId} is already in journey ${journeyId}` }));
  const first = outcome.conflicts[0];
  throw new JourneyConflictError(
    first === undefined
      ? 'an experiment of this journey is already in another journey'
      : `experiment ${first.experimentId} is already in journey ${first.journeyId}: an experiment belongs to at most one journey (remove it there first)`,
    details,
  );
}

/** The id of the journey created with an `Idempotency-Key` (the same key always gives the same id). */
export function journeyIdForKey(ids: Pick<IdGenerator, 'idFor'>, idempotencyKey: string): string {
  return ids.idFor(`journey:${idempotencyKey}`);
}

/**
 * Creates a journey from a marketer's definition, claiming its experiments (each at most in one
 * journey: 409 naming the one that holds it otherwise). With an idempotency key, repeating the
 * same definition returns the same journey and writes nothing.
 *
 * @param definition - parsed with `JourneyDefinitionSchema` (the router's body schema).
 */
export async function createJourney(deps: JourneyDependencies, definition: JourneyDefinition, idempotencyKey?: string): Promise<CreateJourneyResult> {
  await checkExperiments(deps, definition);
  const fingerprint = deps.ids.fingerprint(definition);
  const id = idempotencyKey === undefined ? deps.ids.newId() : journeyIdForKey(deps.ids, idempotencyKey);
  const journey = newJourney(id, definition, deps.clock.now());
  const outcome = await deps.journeyRepository.create(journey, fingerprint);
  throwOnClaimed(outcome, definition);
  if (outcome.outcome === 'written') return { journey, created: true };
  if (outcome.outcome !== 'exists' || outcome.requestFingerprint !== fingerprint) {
    throw new IdempotencyConflictError('this Idempotency-Key was already used with a different request body');
  }
  return { journey: outcome.stored, created: false };
}

/**
 * The journey with this id.
 * @throws NotFoundError when there is none.
 */
export async function getJourney(deps: { readonly journeyRepository: Pick<JourneyRepository, 'get'> }, id: string): Promise<Journey> {
  const journey = await deps.journeyRepository.get(id);
  if (journey === undefined) throw new NotFoundError(`journey ${id} not found`);
  return journey;
}

/** A page of journeys, newest first. */
export function listJourneys(deps: Pick<JourneyDependencies, 'journeyRepository'>, query: JourneyQuery): Promise<JourneyPage> {
  return deps.journeyRepository.list(query);
}

function checkExpectedVersion(journey: Journey, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== journey.version) {
    throw new ConcurrentModificationError(`journey ${journey.id} is at version ${journey.version}, not ${expectedVersion}: reload it and apply your change again`);
  }
}

/**
 * Replaces a journey's definition (optimistic locking on its version; claims follow the new stages).
 *
 * @param definition - parsed with `JourneyDefinitionSchema` (the router's body schema).
 */
export async function updateJourney(deps: JourneyDependencies, id: string, definition: JourneyDefinition, expectedVersion?: number): Promise<Journey> {
  const current = await getJourney(deps, id);
  checkExpectedVersion(current, expectedVersion);
  await checkExperiments(deps, definition);
  const updated = withJourneyDefinition(current, definition, deps.clock.now());
  throwOnClaimed(await deps.journeyRepository.save(updated, current), definition);
  return updated;
}

/** Deletes a journey and releases its experiments (they run on alone; customers' journey state expires). */
export async function deleteJourney(deps: Pick<JourneyDependencies, 'journeyRepository'>, id: string, expectedVersion?: number): Promise<void> {
  const current = await getJourney(deps, id);
  checkExpectedVersion(current, expectedVersion);
  await deps.journeyRepository.delete(current);
}
