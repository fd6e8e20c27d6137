/**
 * Quiet hours in the customer's own time zone, DST-correct (pure; uses the runtime's tz database).
 * Quiet hours `[start, end)` may wrap midnight (21:00–08:00): 20:59 is not quiet, 21:00 is, 08:00 is not.
 */

/** Minutes in a day. */
const MINUTES_PER_DAY = 24 * 60;
/** Milliseconds in a minute. */
const MS_PER_MINUTE = 60_000;
/** Days searched for the end of quiet hours (one more than a DST change can swallow). */
const MAX_JUMPS = 3;
/** Largest correction for a DST change (some zones shift by 30 minutes, none by more than 2 hours). */
const MAX_DST_CORRECTION_MINUTES = 120;

/** `HH:MM` to minutes after midnight. */
export function clockMinutes(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes after local midnight of `instant` in `timeZone`. */
export function localMinutes(instant: Date, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/** Whether a local time (minutes after midnight) falls in `[start, end)`, wrapping midnight. */
export function inWindow(minutes: number, start: number, end: number): boolean {
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** Quiet hours as `HH:MM` strings. */
export interface QuietHours {
  /** Local start, inclusive. */
  readonly start: string;
  /** Local end, exclusive. */
  readonly end: string;
}

/** Whether `instant` is within quiet hours in `timeZone`, and if so the first instant after them. */
export function quietHoursAt(instant: Date, timeZone: string, quiet: QuietHours): { readonly quiet: false } | { readonly quiet: true; readonly endsAt: Date } {
  const start = clockMinutes(quiet.start);
  const end = clockMinutes(quiet.end);
  if (!inWindow(localMinutes(instant, timeZone), start, end)) return { quiet: false };
  // Jump to the end assuming a constant offset, then correct minute by minute for a DST change.
  // When a DST change swallows the whole non-quiet stretch (02:00–02:01 on a spring-forward
  // night), the end is the next day's: jump again from where the correction stopped.
  const isQuiet = (at: number) => inWindow(localMinutes(new Date(at), timeZone), start, end);
  let from = Math.floor(instant.getTime() / MS_PER_MINUTE) * MS_PER_MINUTE;
  for (let jump = 0; jump < MAX_JUMPS; jump += 1) {
    const local = localMinutes(new Date(from), timeZone);
    let candidate = from + (((end - local + MINUTES_PER_DAY) % MINUTES_PER_DAY) || MINUTES_PER_DAY) * MS_PER_MINUTE;
    for (let step = 0; step < MAX_DST_CORRECTION_MINUTES && isQuiet(candidate); step += 1) candidate += MS_PER_MINUTE;
    if (isQuiet(candidate)) {
      from = candidate;
      continue;
    }
    for (let step = 0; step < MAX_DST_CORRECTION_MINUTES && candidate - MS_PER_MINUTE > instant.getTime() && !isQuiet(candidate - MS_PER_MINUTE); step += 1) {
      candidate -= MS_PER_MINUTE;
    }
    return { quiet: true, endsAt: new Date(candidate) };
  }
  throw new RangeError(`quiet hours ${quiet.start}–${quiet.end} in ${timeZone} do not end within ${MAX_JUMPS} days of ${instant.toISOString()}`);
}
