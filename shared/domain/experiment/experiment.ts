import type { ExperimentDefinition } from './experiment-definition';
import type { ExperimentStatus, LifecycleAction } from './lifecycle';
import { isEditable, nextStatus } from './lifecycle';
import { InvalidStateError } from '../errors/channel-lab-error';

/** An experiment as stored: its definition plus identity, lifecycle and version. */
export interface Experiment {
  readonly id: string;
  /** What the marketer defined. */
  readonly definition: ExperimentDefinition;
  /** Lifecycle state. */
  readonly status: ExperimentStatus;
  /** Incremented on every change; used for optimistic locking and ETags. */
  readonly version: number;
  /** ISO instant of creation. */
  readonly createdAt: string;
  /** ISO instant of the last change. */
  readonly updatedAt: string;
  /** ISO instant the experiment first started, if it has. */
  readonly startedAt?: string;
  /** ISO instant it completed, if it has. */
  readonly completedAt?: string;
}

/** A new draft experiment. */
export function newExperiment(id: string, definition: ExperimentDefinition, now: Date): Experiment {
  const at = now.toISOString();
  return { id, definition, status: 'draft', version: 1, createdAt: at, updatedAt: at };
}

/**
 * The experiment with a replaced definition.
 * @throws InvalidStateError unless it is a draft.
 */
export function withDefinition(experiment: Experiment, definition: ExperimentDefinition, now: Date): Experiment {
  if (!isEditable(experiment.status)) {
    throw new InvalidStateError(`the definition can change only in draft; this experiment is ${experiment.status}`);
  }
  return { ...experiment, definition, version: experiment.version + 1, updatedAt: now.toISOString() };
}

/**
 * The experiment after a lifecycle action.
 * @throws InvalidStateError when the transition is not allowed.
 */
export function applyAction(experiment: Experiment, action: LifecycleAction, now: Date): Experiment {
  const status = nextStatus(experiment.status, action);
  const at = now.toISOString();
  return {
    ...experiment,
    status,
    version: experiment.version + 1,
    updatedAt: at,
    ...(action === 'start' ? { startedAt: at } : {}),
    ...(status === 'completed' ? { completedAt: at } : {}),
  };
}
