import * as z from 'zod';
import { InvalidStateError } from '../errors/channel-lab-error';
import { EXPERIMENT_STATUSES, type ExperimentStatus, type LifecycleAction, TRANSITIONS } from './lifecycle-states';

export { EXPERIMENT_STATUSES, type ExperimentStatus, LIFECYCLE_ACTIONS, type LifecycleAction, TRANSITIONS } from './lifecycle-states';

/** Zod schema of a lifecycle state. */
export const ExperimentStatusSchema = z.enum(EXPERIMENT_STATUSES);

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
