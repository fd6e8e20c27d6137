/**
 * Control characters (C0, DEL, C1) in identifiers and one-line texts: CR/LF split headers and log
 * lines, NUL truncates in C libraries. Identifiers and one-line fields refuse them.
 */
import * as z from 'zod';

/** Any C0 control character, DEL, or C1 control character. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** What a refused value is told. */
export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters (CR, LF, NUL, tab…)';

/** True when `value` holds a control character. */
export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/** A string of `min`..`max` characters without control characters. */
export function safeText(min: number, max: number): z.ZodString {
  return z
    .string()
    .min(min, `must be at least ${min} character${min === 1 ? '' : 's'}`)
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, CONTROL_CHARACTER_MESSAGE);
}
