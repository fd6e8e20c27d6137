import * as z from 'zod';
import { InvalidStateError } from '../errors/channel-lab-error';

/** Lifecycle states of an experiment. */
export const EXPERIMENT_STATUSES = ['draft', 'running', 'paused', 'completed', 'archived'] as const;
/** A lifecycle state. */
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];
/** Zod schema of a lifecycle state. */
export const ExperimentStatusSchema = z.enum(EXPERIMENT_STATUSES);

/** Actions that move an experiment through its lifecycle. */
export const LIFECYCLE_ACTIONS = ['start', 'pause', 'resume', 'complete', 'archive'] as const;
/** A lifecycle action. */
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** For each action: the states it may start from and the state it leads to. */
export const TRANSITIONS: Readonly<Record<LifecycleAction, { readonly from: readonly ExperimentStatus[]; readonly to: ExperimentStatus }>> = {
  start: { from: ['draft'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  complete: { from: ['running', 'paused'], to: 'completed' },
  archive: { from: ['draft', 'paused', 'completed'], to: 'archived' },
};

/**
 * The state `action` leads to from `status`.
 * @throws InvalidStateError when the action is not allowed from that state.
 */
export function nextStatus(status: ExperimentStatus, action: LifecycleAction): ExperimentStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    throw new InvalidStateError(`cannot ${action} an experiment that is ${status} (allowed from: ${transition.from.join(', ')})`);
  }
  return transition.to;
}

/** Whether the definition may still be edited. */
export function isEditable(status: ExperimentStatus): boolean {
  return status === 'draft';
}
