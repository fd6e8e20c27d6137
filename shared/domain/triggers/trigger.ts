import * as z from 'zod';
import { isTimeZone } from '../customer/customer';
import { MAX_RULE_DEPTH, ruleDepth, type SegmentRule, SegmentRuleSchema } from '../segments/segment-rule';
import { CUSTOMER_EVENT_NAME_PATTERN, CUSTOMER_EVENT_NAME_MESSAGE } from './customer-event';

/** Longest delay between a trigger and its send: 60 days, in minutes. */
export const MAX_DELAY_MINUTES = 60 * 24 * 60;
/** Most exit events of one experiment. */
export const MAX_EXITS = 10;
/** Most template variables a trigger fills from the event. */
export const MAX_TRIGGER_VARIABLES = 50;
/** Zone used for `atLocalTime` when the customer's profile has none (and the trigger names none). */
export const DEFAULT_TRIGGER_TIME_ZONE = 'UTC';
/** `HH:MM` 24-hour local time. */
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A property path in the event: identifiers separated by dots (`order.total`, `items.0.sku`). */
const PROPERTY_PATH = /^[A-Za-z0-9_-]{1,64}(\.[A-Za-z0-9_-]{1,64}){0,7}$/;

/**
 * Filters of a trigger or exit, in the segment rule language: `event` tests the event's
 * properties (attribute = property path, e.g. `total`, `order.country`), `customer` the customer's
 * attributes (the stored profile, overlaid with the event's inline `attributes`). Both must hold.
 */
export const EventFilterSchema = z.strictObject({
  event: SegmentRuleSchema.optional(),
  customer: SegmentRuleSchema.optional(),
});
/** Filters of a trigger or exit. */
export type EventFilter = z.output<typeof EventFilterSchema>;

/**
 * How long after the triggering event the send comes due: `minutes` after the event, then, with
 * `atLocalTime`, the customer's next local `HH:MM` at or after that (their profile's
 * `contact.timezone`, else `timeZone`, else {@link DEFAULT_TRIGGER_TIME_ZONE}).
 */
export const DelaySchema = z.strictObject({
  minutes: z
    .number()
    .min(0, 'delay.minutes must be ≥ 0')
    .max(MAX_DELAY_MINUTES, `delay.minutes must be at most ${MAX_DELAY_MINUTES} (60 days)`)
    .default(0),
  atLocalTime: z.string().regex(CLOCK_TIME, 'atLocalTime must be HH:MM (24-hour)').optional(),
  timeZone: z.string().refine(isTimeZone, 'timeZone must be an IANA time zone such as Europe/Paris').optional(),
});
/** A trigger's delay. */
export type Delay = z.output<typeof DelaySchema>;

/** The customer event that starts a send of this experiment. */
export const TriggerSchema = z.strictObject({
  event: z.string().regex(CUSTOMER_EVENT_NAME_PATTERN, CUSTOMER_EVENT_NAME_MESSAGE),
  where: EventFilterSchema.optional(),
  delay: DelaySchema.default({ minutes: 0 }),
  /** Template variable → property path in the event (`{ orderId: 'order.id' }`). */
  variables: z
    .record(z.string(), z.string().regex(PROPERTY_PATH, 'a property path: names separated by dots, e.g. order.id'))
    .refine((value) => Object.keys(value).length <= MAX_TRIGGER_VARIABLES, `at most ${MAX_TRIGGER_VARIABLES} variables`)
    .default({}),
});
/** An experiment's trigger. */
export type Trigger = z.output<typeof TriggerSchema>;

/** A customer event that cancels this experiment's waiting sends for that customer. */
export const ExitSchema = z.strictObject({
  event: z.string().regex(CUSTOMER_EVENT_NAME_PATTERN, CUSTOMER_EVENT_NAME_MESSAGE),
  where: EventFilterSchema.optional(),
});
/** An exit. */
export type Exit = z.output<typeof ExitSchema>;

/** The exits of an experiment. */
export const ExitsSchema = z.array(ExitSchema).max(MAX_EXITS, `at most ${MAX_EXITS} exits`);

/** The rules of a filter, with their paths for error messages. */
function filterRules(filter: EventFilter | undefined): [string, SegmentRule][] {
  return Object.entries(filter ?? {}).filter((entry): entry is [string, SegmentRule] => entry[1] !== undefined);
}

/** Issues of the trigger and exits that need the whole definition (declared variables, rule depth). */
export function triggerIssues(definition: { readonly variables: readonly string[]; readonly trigger?: Trigger; readonly exits?: readonly Exit[] }): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const { trigger } = definition;
  if (trigger) {
    const declared = new Set(definition.variables);
    for (const name of Object.keys(trigger.variables)) {
      if (!declared.has(name)) issues.push({ path: ['trigger', 'variables', name], message: `trigger fills {{${name}}}, which is not declared in variables` });
    }
    for (const [key, rule] of filterRules(trigger.where)) {
      if (ruleDepth(rule) > MAX_RULE_DEPTH) issues.push({ path: ['trigger', 'where', key], message: `rule nested deeper than ${MAX_RULE_DEPTH} levels` });
    }
  }
  (definition.exits ?? []).forEach((exit, index) => {
    for (const [key, rule] of filterRules(exit.where)) {
      if (ruleDepth(rule) > MAX_RULE_DEPTH) issues.push({ path: ['exits', index, 'where', key], message: `rule nested deeper than ${MAX_RULE_DEPTH} levels` });
    }
  });
  return issues;
}
