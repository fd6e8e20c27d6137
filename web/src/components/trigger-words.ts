/**
 * An experiment's trigger and exits in words (pure: unit-tested in Node). The editor shows the
 * sentence under the Trigger section ("2 days after `order_delivered`, at 10:00 the customer's
 * time"); the journey map shows the short form per stage ("after order_delivered + 2 d").
 * Event names are between backticks in sentences: {@link codeParts} splits them for display.
 */

/** Minutes in an hour. */
const MINUTES_PER_HOUR = 60;
/** Minutes in a day. */
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/** A trigger as far as words need it (a stored trigger, or one the editor is building). */
export interface TriggerLike {
  readonly event: string;
  readonly delay?: { readonly minutes?: number; readonly atLocalTime?: string; readonly timeZone?: string };
}

/** An exit as far as words need it. */
export interface ExitLike {
  readonly event: string;
}

/** A delay unit the editor offers. */
export type DelayUnit = 'minutes' | 'hours' | 'days';

/** Minutes per delay unit. */
export const MINUTES_PER_UNIT: Readonly<Record<DelayUnit, number>> = { minutes: 1, hours: MINUTES_PER_HOUR, days: MINUTES_PER_DAY };

/** The largest unit a number of minutes is a whole number of, and that number: 2880 → 2 days. */
export function delayInUnits(minutes: number): { readonly amount: number; readonly unit: DelayUnit } {
  if (minutes > 0 && minutes % MINUTES_PER_DAY === 0) return { amount: minutes / MINUTES_PER_DAY, unit: 'days' };
  if (minutes > 0 && minutes % MINUTES_PER_HOUR === 0) return { amount: minutes / MINUTES_PER_HOUR, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

const UNIT_WORDS: Readonly<Record<DelayUnit, readonly [string, string, string]>> = {
  minutes: ['minute', 'minutes', 'min'],
  hours: ['hour', 'hours', 'h'],
  days: ['day', 'days', 'd'],
};

/** `2 days`, `1 hour`, `90 minutes`. */
export function delayWords(minutes: number): string {
  const { amount, unit } = delayInUnits(minutes);
  const [one, many] = UNIT_WORDS[unit];
  return `${amount} ${amount === 1 ? one : many}`;
}

/** `2 d`, `3 h`, `90 min`. */
export function delayShort(minutes: number): string {
  const { amount, unit } = delayInUnits(minutes);
  return `${amount} ${UNIT_WORDS[unit][2]}`;
}

/**
 * The trigger in one sentence: "2 days after `order_delivered`, at 10:00 the customer's time";
 * "Right after `signed_up`"; the fallback zone when one is named.
 */
export function triggerSentence(trigger: TriggerLike): string {
  const minutes = trigger.delay?.minutes ?? 0;
  const at = trigger.delay?.atLocalTime;
  const zone = trigger.delay?.timeZone;
  const when = minutes > 0 ? `${delayWords(minutes)} after \`${trigger.event}\`` : at ? `After \`${trigger.event}\`` : `Right after \`${trigger.event}\``;
  const local = at ? `, at ${minutes > 0 ? '' : 'the next '}${at} the customer's time${zone ? ` (${zone} when their profile has no time zone)` : ''}` : '';
  return `${when}${local}`;
}

/** The trigger in a few words for the journey map: "after order_delivered + 2 d, at 10:00 local". */
export function triggerShort(trigger: TriggerLike): string {
  const minutes = trigger.delay?.minutes ?? 0;
  const at = trigger.delay?.atLocalTime;
  return `after ${trigger.event}${minutes > 0 ? ` + ${delayShort(minutes)}` : ''}${at ? `, at ${at} local` : ''}`;
}

/** The exits in a few words: "exits on order_cancelled or purchase_completed"; '' without exits. */
export function exitsShort(exits: readonly ExitLike[] | undefined): string {
  if (!exits || exits.length === 0) return '';
  return `exits on ${exits.map((exit) => exit.event).join(' or ')}`;
}

/** A sentence split at its backticks: odd parts are code (event names). */
export function codeParts(sentence: string): { readonly text: string; readonly code: boolean }[] {
  return sentence.split('`').map((text, index) => ({ text, code: index % 2 === 1 }));
}
