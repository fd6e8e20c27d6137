import type { z } from 'zod';
import { type ErrorDetail, ValidationError } from './channel-lab-error';

/** Renders a zod issue path as `channels[1].text`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const name = String(key);
    return acc === '' ? name : `${acc}.${name}`;
  }, '');
}

/** Turns zod issues into error details a person can act on (unknown fields named as such). */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.flatMap((issue) => {
    const base = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: base === '' ? key : `${base}.${key}`,
        message: `unknown field "${key}"`,
      }));
    }
    if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      return [{ path: base, message: `${base === '' ? 'value' : base} is required (${issue.expected})` }];
    }
    return [{ path: base, message: issue.message }];
  });
}

/**
 * Parses `input` with `schema`, throwing a {@link ValidationError} that names every bad field.
 * @param what - what is being parsed, for the error message (e.g. "experiment definition").
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = issuesToDetails(result.error.issues);
  const first = details[0];
  const summary = first === undefined ? 'invalid' : `${first.path === '' ? '' : `${first.path}: `}${first.message}`;
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  throw new ValidationError(`Invalid ${what}: ${summary}${more}`, details);
}
