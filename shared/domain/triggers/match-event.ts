import { BUILT_IN_VARIABLES, missingVariables } from '../content/template';
import { unsafeVariables } from '../content/variable-safety';
import { contentTemplates } from '../experiment/channels';
import type { ExperimentDefinition } from '../experiment/experiment-definition';
import type { ExperimentStatus } from '../experiment/lifecycle';
import { MAX_VARIABLE_CHARACTERS } from '../sends/send-request';
import { type Attributes, matchesRule, readAttribute } from '../segments/evaluate-segment';
import type { CustomerEvent } from './customer-event';
import { nextLocalTime } from './local-time';
import { DEFAULT_TRIGGER_TIME_ZONE, type Delay, type EventFilter, type Trigger } from './trigger';

/** Milliseconds in a minute. */
const MS_PER_MINUTE = 60_000;
/** Statuses whose triggers fire (a paused experiment takes no new triggers). */
const TRIGGERING: readonly ExperimentStatus[] = ['running'];
/** Statuses whose exits still cancel waiting sends (a paused experiment's customers may still leave). */
const EXITING: readonly ExperimentStatus[] = ['running', 'paused'];

/** What matching needs of an experiment. */
export interface ListeningExperiment {
  readonly id: string;
  /** Its lifecycle state. */
  readonly status: ExperimentStatus;
  /** Its definition (trigger, exits, schedule, content for the variables check). */
  readonly definition: Pick<ExperimentDefinition, 'trigger' | 'exits' | 'schedule' | 'channels'>;
}

/** A send an event triggers. */
export interface TriggerMatch {
  readonly experimentId: string;
  /** When the send comes due. */
  readonly dueAt: Date;
  /** Template values from the event's properties. */
  readonly variables: Readonly<Record<string, string>>;
}

/** A trigger that matched but cannot make a send (its variables are missing or unsafe). */
export interface TriggerProblem {
  readonly experimentId: string;
  /** What is wrong, in words. */
  readonly message: string;
}

/** What a customer event does. */
export interface EventMatch {
  /** Sends it triggers. */
  readonly triggers: readonly TriggerMatch[];
  /** Triggers that matched but could not make a send. */
  readonly problems: readonly TriggerProblem[];
  /** Experiments whose waiting sends for this customer it cancels. */
  readonly exits: readonly string[];
}

/** What matching an event is computed from. */
export interface MatchInput {
  /** The experiments with a trigger or exits. */
  readonly experiments: readonly ListeningExperiment[];
  readonly event: CustomerEvent;
  /** The customer's attributes: the stored profile overlaid with the event's inline ones. */
  readonly attributes: Attributes;
  /** The customer's time zone (their profile's `contact.timezone`), if known. */
  readonly timeZone?: string;
  /** Now (the injected clock). */
  readonly now: Date;
}

/** Whether an event satisfies a filter: `event` over its properties, `customer` over the customer's attributes. */
export function passesFilter(filter: EventFilter | undefined, event: CustomerEvent, attributes: Attributes): boolean {
  if (filter?.event && !matchesRule(filter.event, event.properties)) return false;
  if (filter?.customer && !matchesRule(filter.customer, attributes)) return false;
  return true;
}

/**
 * When a triggered send comes due: `delay.minutes` after the event happened, then (with
 * `atLocalTime`) the next time the customer's wall clock shows that time, in their zone, else the
 * delay's `timeZone`, else {@link DEFAULT_TRIGGER_TIME_ZONE}.
 */
export function dueAtFor(occurredAt: Date, delay: Delay, customerTimeZone: string | undefined): Date {
  const afterDelay = new Date(occurredAt.getTime() + delay.minutes * MS_PER_MINUTE);
  if (delay.atLocalTime === undefined) return afterDelay;
  return nextLocalTime(afterDelay, delay.atLocalTime, customerTimeZone ?? delay.timeZone ?? DEFAULT_TRIGGER_TIME_ZONE);
}

/** A property as a template value: strings as they are, finite numbers and booleans in words; anything else is missing. */
function asTemplateValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The template values a trigger takes from an event's properties. */
export function triggerVariables(trigger: Pick<Trigger, 'variables'>, properties: Attributes): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, path] of Object.entries(trigger.variables)) {
    const value = asTemplateValue(readAttribute(properties, path));
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** What is wrong with a triggered send's variables for this experiment's content, if anything. */
function variableProblem(experiment: ListeningExperiment, trigger: Trigger, variables: Readonly<Record<string, string>>): string | undefined {
  const values: Record<string, string> = { ...variables };
  for (const builtIn of BUILT_IN_VARIABLES) values[builtIn] ??= builtIn;
  const missing = missingVariables(experiment.definition.channels.flatMap(contentTemplates), values);
  if (missing.length > 0) {
    const where = missing.map((name) => (trigger.variables[name] ? `{{${name}}} (property ${trigger.variables[name]} missing or not a string, number or boolean)` : `{{${name}}} (not filled by the trigger)`));
    return `experiment ${experiment.id}: the event leaves ${where.join(', ')} empty: no send triggered`;
  }
  const tooLong = Object.keys(variables).filter((name) => (variables[name] ?? '').length > MAX_VARIABLE_CHARACTERS);
  if (tooLong.length > 0) return `experiment ${experiment.id}: ${tooLong.map((name) => `{{${name}}} is over ${MAX_VARIABLE_CHARACTERS} characters`).join(', ')} in the event: no send triggered`;
  const unsafe = unsafeVariables(experiment.definition.channels, variables);
  return unsafe.length > 0 ? `experiment ${experiment.id}: unsafe template values from the event (${unsafe.map((detail) => detail.path).join(', ')}): no send triggered` : undefined;
}

/** Whether the experiment's schedule admits new triggers at `now`. */
function inSchedule(experiment: ListeningExperiment, now: Date): boolean {
  const { startAt, endAt } = experiment.definition.schedule ?? {};
  if (startAt !== undefined && Date.parse(startAt) > now.getTime()) return false;
  return endAt === undefined || Date.parse(endAt) > now.getTime();
}

/**
 * What a customer event does to the experiments listening for events: the sends it triggers (a
 * running experiment in its schedule whose trigger names the event and whose filters hold), with
 * their due time and template values; triggers it cannot honour (variables missing or unsafe);
 * and the experiments whose exits it matches (running or paused), whose waiting sends for this
 * customer it cancels. Pure: the clock and the customer's data are inputs.
 */
export function matchCustomerEvent(input: MatchInput): EventMatch {
  const { event, attributes, now } = input;
  const triggers: TriggerMatch[] = [];
  const problems: TriggerProblem[] = [];
  const exits: string[] = [];
  for (const experiment of input.experiments) {
    const { trigger, exits: exitRules = [] } = experiment.definition;
    if (EXITING.includes(experiment.status) && exitRules.some((exit) => exit.event === event.name && passesFilter(exit.where, event, attributes))) {
      exits.push(experiment.id);
    }
    if (!trigger || !TRIGGERING.includes(experiment.status) || !inSchedule(experiment, now)) continue;
    if (trigger.event !== event.name || !passesFilter(trigger.where, event, attributes)) continue;
    const variables = triggerVariables(trigger, event.properties);
    const problem = variableProblem(experiment, trigger, variables);
    if (problem) {
      problems.push({ experimentId: experiment.id, message: problem });
      continue;
    }
    triggers.push({ experimentId: experiment.id, dueAt: dueAtFor(new Date(event.occurredAt), trigger.delay, input.timeZone), variables });
  }
  return { triggers, problems, exits };
}
