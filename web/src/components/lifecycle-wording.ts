/**
 * What each lifecycle action does to traffic, in the words the confirmation shows. The rules are
 * the API's: sends are accepted only while running; responses to messages already sent keep
 * counting inside their attribution window whatever the status.
 */
import { type ExperimentStatus, type LifecycleAction, LIFECYCLE_ACTIONS, TRANSITIONS } from '../../../shared/domain/experiment/lifecycle-states';

/** Label, confirmation sentence and style of an action. */
export interface ActionWording {
  /** Button label. */
  readonly label: string;
  /** What happens to traffic, said before the user confirms. */
  readonly traffic: string;
  /** Whether the action is hard to undo (styled as such). */
  readonly serious: boolean;
}

/** Wording of every action. */
export const ACTION_WORDING: Readonly<Record<LifecycleAction, ActionWording>> = {
  start: {
    label: 'Start',
    traffic:
      'Send requests start being answered: each customer gets one channel, chosen per segment — evenly at first, then more and more often the channel that works best. The holdout share gets no message. The definition can no longer be edited.',
    serious: false,
  },
  pause: {
    label: 'Pause',
    traffic:
      'Send requests are refused until you resume; nothing is queued for later. Responses to messages already sent still count, and the current split is kept.',
    serious: false,
  },
  resume: {
    label: 'Resume',
    traffic: 'Send requests are answered again, with the split as the allocator last computed it.',
    serious: false,
  },
  complete: {
    label: 'Complete',
    traffic:
      'Send requests are refused for good and the split stops moving. Responses to messages already sent still count inside their window, so the results may still change a little. This cannot be undone: clone it to run it again.',
    serious: true,
  },
  archive: {
    label: 'Archive',
    traffic: 'The experiment leaves the active lists; it sends nothing (it already sends nothing in this state). Its results stay readable. This cannot be undone.',
    serious: true,
  },
};

/** The actions allowed from `status`, in lifecycle order. */
export function allowedActions(status: ExperimentStatus): LifecycleAction[] {
  return LIFECYCLE_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status));
}
