/**
 * The editor's model of an experiment's trigger and exits (pure: unit-tested in Node), converted
 * to and from the definition's `trigger` and `exits`. Filters use the segment rule builder's model
 * (`where.event` on the event's properties, `where.customer` on the customer's attributes); the
 * delay is an amount and a unit, sent as minutes; numbers that do not parse go as typed, so the
 * API's error names the field.
 */
import type { ExitBody, TriggerBody } from '../../../../shared/contracts/triggers';
import type { Exit, Trigger } from '../../../../shared/domain/triggers/trigger';
import { delayInUnits, type DelayUnit, MINUTES_PER_UNIT } from '../../components/trigger-words';
import { draftToRule, type GroupDraft, newGroup, ruleToDraft, rulePaths } from './rule-draft';

/** The two filters of a trigger or exit; absent: not filtered. */
export interface FiltersDraft {
  /** On the event's properties. */
  readonly event?: GroupDraft;
  /** On the customer's attributes. */
  readonly customer?: GroupDraft;
}

/** One template variable filled from an event property. */
export interface VariableMappingDraft {
  readonly variable: string;
  /** Property path in the event (`order.id`). */
  readonly path: string;
}

/** The trigger as edited. */
export interface TriggerDraft {
  /** Whether the experiment is triggered by customer events at all. */
  readonly enabled: boolean;
  readonly event: string;
  readonly where: FiltersDraft;
  readonly delayAmount: string;
  readonly delayUnit: DelayUnit;
  /** `HH:MM`, or '' for no local time. */
  readonly atLocalTime: string;
  /** IANA zone used when the profile has none, or ''. */
  readonly timeZone: string;
  readonly variables: readonly VariableMappingDraft[];
}

/** One exit as edited. */
export interface ExitDraft {
  readonly event: string;
  readonly where: FiltersDraft;
}

/** Which filter of a trigger or exit. */
export type FilterKind = keyof FiltersDraft;

/** No trigger. */
export function emptyTrigger(): TriggerDraft {
  return { enabled: false, event: '', where: {}, delayAmount: '0', delayUnit: 'hours', atLocalTime: '', timeZone: '', variables: [] };
}

/** A new exit with no event yet. */
export function newExit(): ExitDraft {
  return { event: '', where: {} };
}

/** A new filter (one empty condition). */
export function newFilter(): GroupDraft {
  return newGroup('all');
}

function filtersDraft(where: Trigger['where']): FiltersDraft {
  return { ...(where?.event ? { event: ruleToDraft(where.event) } : {}), ...(where?.customer ? { customer: ruleToDraft(where.customer) } : {}) };
}

function filtersOf(where: FiltersDraft): { where?: { event?: ReturnType<typeof draftToRule>; customer?: ReturnType<typeof draftToRule> } } {
  const filters = { ...(where.event ? { event: draftToRule(where.event) } : {}), ...(where.customer ? { customer: draftToRule(where.customer) } : {}) };
  return Object.keys(filters).length === 0 ? {} : { where: filters };
}

/** The draft of a stored trigger (or none). */
export function triggerDraftOf(trigger: Trigger | undefined): TriggerDraft {
  if (!trigger) return emptyTrigger();
  const { amount, unit } = delayInUnits(trigger.delay.minutes);
  return {
    enabled: true,
    event: trigger.event,
    where: filtersDraft(trigger.where),
    delayAmount: String(amount),
    delayUnit: unit,
    atLocalTime: trigger.delay.atLocalTime ?? '',
    timeZone: trigger.delay.timeZone ?? '',
    variables: Object.entries(trigger.variables).map(([variable, path]) => ({ variable, path })),
  };
}

/** The drafts of stored exits. */
export function exitDraftsOf(exits: readonly Exit[] | undefined): ExitDraft[] {
  return (exits ?? []).map((exit) => ({ event: exit.event, where: filtersDraft(exit.where) }));
}

/** The delay in minutes: amount × unit when the amount parses, else the amount as typed. */
export function delayMinutes(draft: Pick<TriggerDraft, 'delayAmount' | 'delayUnit'>): number | string {
  const trimmed = draft.delayAmount.trim();
  const amount = Number(trimmed);
  return trimmed !== '' && Number.isFinite(amount) ? Math.round(amount * MINUTES_PER_UNIT[draft.delayUnit]) : trimmed;
}

/** The trigger to send, or `undefined` when the experiment is not triggered. */
export function triggerOf(draft: TriggerDraft): TriggerBody | undefined {
  if (!draft.enabled) return undefined;
  const trigger = {
    event: draft.event.trim(),
    ...filtersOf(draft.where),
    delay: {
      minutes: delayMinutes(draft),
      ...(draft.atLocalTime.trim() === '' ? {} : { atLocalTime: draft.atLocalTime.trim() }),
      ...(draft.timeZone.trim() === '' ? {} : { timeZone: draft.timeZone.trim() }),
    },
    variables: Object.fromEntries(draft.variables.filter((mapping) => mapping.variable.trim() !== '' || mapping.path.trim() !== '').map((mapping) => [mapping.variable.trim(), mapping.path.trim()])),
  };
  // A delay that did not parse goes as typed on purpose: the API's error then names its field.
  return trigger as TriggerBody;
}

/** The exits to send (none: `undefined`, so a definition without exits stays as it was). */
export function exitsOf(drafts: readonly ExitDraft[]): ExitBody[] | undefined {
  if (drafts.length === 0) return undefined;
  return drafts.map((draft) => ({ event: draft.event.trim(), ...filtersOf(draft.where) }));
}

function filterPaths(path: string, where: FiltersDraft): string[] {
  return [
    `${path}.where`,
    ...(where.event ? rulePaths(`${path}.where.event`, where.event) : []),
    ...(where.customer ? rulePaths(`${path}.where.customer`, where.customer) : []),
  ];
}

/** Every API path the Trigger and Exits sections show a field (or group) for. */
export function triggerPaths(trigger: TriggerDraft, exits: readonly ExitDraft[]): string[] {
  return [
    ...(trigger.enabled
      ? [
          'trigger',
          'trigger.event',
          ...filterPaths('trigger', trigger.where),
          'trigger.delay',
          'trigger.delay.minutes',
          'trigger.delay.atLocalTime',
          'trigger.delay.timeZone',
          'trigger.variables',
          ...trigger.variables.map((mapping) => `trigger.variables.${mapping.variable.trim()}`),
        ]
      : []),
    'exits',
    ...exits.flatMap((exit, index) => [`exits[${index}]`, `exits[${index}].event`, ...filterPaths(`exits[${index}]`, exit.where)]),
  ];
}
