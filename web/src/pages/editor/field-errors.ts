/**
 * Puts the API's validation errors beside the fields they name: each detail goes to the field
 * whose path is the longest prefix of the detail's path (`channels[1].callToAction.url` to that
 * URL field; `segments[0].rule.all[0]` to that condition); the rest stay in the summary.
 */
import type { ErrorDetail } from '../../../../shared/domain/errors/channel-lab-error';
import type { ChannelDraft, DraftForm } from './draft-form';
import { rulePaths } from './rule-draft';
import { triggerPaths } from './trigger-draft';

/** The DOM id of the field of an API path. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
}

const CHANNEL_FIELDS: Readonly<Record<ChannelDraft['channel'], readonly string[]>> = {
  email: ['subject', 'html', 'text', 'from'],
  sms: ['text', 'smsType'],
  push: ['title', 'body', 'data'],
  in_app: ['title', 'body', 'callToAction', 'callToAction.label', 'callToAction.url'],
  webhook: ['url', 'payloadTemplate'],
};

/** Every API path the form shows a field (or a group of fields) for. */
export function formPaths(form: DraftForm): string[] {
  return [
    'name',
    'description',
    'stage',
    'goal',
    'goal.event',
    'goal.windowHours',
    'channels',
    'variables',
    'segments',
    'policy',
    'policy.type',
    'policy.holdout',
    'policy.minShare',
    'policy.burnIn',
    'policy.updateEveryMinutes',
    'policy.epsilon',
    'guardrails',
    'guardrails.frequencyCap',
    'guardrails.frequencyCap.max',
    'guardrails.frequencyCap.perHours',
    'guardrails.quietHours',
    'guardrails.quietHours.start',
    'guardrails.quietHours.end',
    'followUp',
    'followUp.afterHours',
    'followUp.maxSteps',
    ...form.channels.flatMap((draft, index) => [`channels[${index}]`, `channels[${index}].channel`, ...CHANNEL_FIELDS[draft.channel].map((field) => `channels[${index}].${field}`)]),
    ...form.segments.flatMap((segment, index) => [`segments[${index}]`, `segments[${index}].name`, ...rulePaths(`segments[${index}].rule`, segment.rule)]),
    ...triggerPaths(form.trigger, form.exits),
  ];
}

function isPrefix(prefix: string, path: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path.charAt(prefix.length);
  return next === '' || next === '.' || next === '[';
}

/** A detail placed at a field. */
export interface PlacedError extends ErrorDetail {
  /** The field path it is shown at ('' when no field fits: shown in the summary only). */
  readonly field: string;
}

/** The API's errors, placed. */
export class FieldErrors {
  /** Every detail with where it is shown. */
  readonly placed: readonly PlacedError[];

  constructor(details: readonly ErrorDetail[], knownPaths: readonly string[]) {
    this.placed = details.map((detail) => {
      const field = knownPaths.filter((path) => isPrefix(path, detail.path)).sort((a, b) => b.length - a.length)[0] ?? '';
      return { ...detail, field };
    });
  }

  /** The messages shown at the field of `path`. */
  at(path: string): string[] {
    return this.placed.filter((error) => error.field === path).map((error) => (error.path === path ? error.message : `${error.path.slice(path.length).replace(/^\./, '')}: ${error.message}`));
  }

  /** Whether there is any error. */
  get any(): boolean {
    return this.placed.length > 0;
  }
}

/** No errors. */
export const NO_ERRORS = new FieldErrors([], []);
