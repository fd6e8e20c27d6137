/**
 * An experiment's lifecycle states, actions and transitions as plain constants (no zod), so that
 * code needing only these (the web app's list and lifecycle buttons) does not load the schema
 * library. `lifecycle.ts` builds the schema and the checked transition on them and re-exports them.
 */

/** Lifecycle states of an experiment. */
export const EXPERIMENT_STATUSES = ['draft', 'running', 'paused', 'completed', 'archived'] as const;
/** A lifecycle state. */
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

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
