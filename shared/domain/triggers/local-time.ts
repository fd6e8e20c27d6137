import { clockMinutes, localMinutes } from '../eligibility/quiet-hours';

/** Milliseconds in a minute. */
const MS_PER_MINUTE = 60_000;
/** Minutes in a day. */
const MINUTES_PER_DAY = 24 * 60;
/** Widest DST shift searched around the constant-offset guess (no zone shifts by more than 2 hours). */
const DST_SEARCH_MINUTES = 120;

/** Minutes after UTC midnight of `at` (epoch ms on a whole minute). */
function utcMinutes(at: number): number {
  return Math.floor(at / MS_PER_MINUTE) % MINUTES_PER_DAY;
}

/** The zone's offset from UTC at `at`, in minutes modulo a day. */
function offsetMinutes(at: number, timeZone: string): number {
  return (localMinutes(new Date(at), timeZone) - utcMinutes(at) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/**
 * Whether the local wall clock reaches `target` at minute `at`: it shows `target`, or it jumps
 * over it there (a spring-forward gap swallows 02:30 → the clock reaches it at 03:00).
 */
function reaches(at: number, timeZone: string, target: number): boolean {
  const before = localMinutes(new Date(at - MS_PER_MINUTE), timeZone);
  const now = localMinutes(new Date(at), timeZone);
  const span = (now - before + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const distance = (target - before + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return span > 0 && distance > 0 && distance <= span;
}

/**
 * The first instant at or after `from` when the wall clock in `timeZone` reaches `time` (`HH:MM`):
 * that local time today if it has not passed, else tomorrow's. DST-correct: on a spring-forward
 * day a time in the gap is reached when the clock jumps past it (02:30 → 03:00 local); on a
 * fall-back day a repeated time is taken at its first occurrence. Pure, minute precision (the
 * result is on a whole minute).
 */
export function nextLocalTime(from: Date, time: string, timeZone: string): Date {
  const target = clockMinutes(time);
  const start = Math.ceil(from.getTime() / MS_PER_MINUTE) * MS_PER_MINUTE;
  const ahead = (target - localMinutes(new Date(start), timeZone) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const guess = start + ahead * MS_PER_MINUTE;
  // Same offset at both ends (and just after): no DST change in between, the guess is exact.
  const offset = offsetMinutes(start, timeZone);
  if (offset === offsetMinutes(guess, timeZone) && offset === offsetMinutes(guess + DST_SEARCH_MINUTES * MS_PER_MINUTE, timeZone) && reaches(guess, timeZone, target)) {
    return new Date(guess);
  }
  // A DST change in between: the clock reaches the time up to two hours before or after the guess.
  const end = guess + (MINUTES_PER_DAY + DST_SEARCH_MINUTES) * MS_PER_MINUTE;
  for (let at = Math.max(start, guess - DST_SEARCH_MINUTES * MS_PER_MINUTE); at <= end; at += MS_PER_MINUTE) {
    if (reaches(at, timeZone, target)) return new Date(at);
  }
  return new Date(guess);
}
