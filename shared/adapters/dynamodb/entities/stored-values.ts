import * as z from 'zod';

/** An ISO-8601 instant as stored. */
export const StoredInstant = z.string().min(1);

/** A nested value whose shape the domain owns (validated where it is built, stored as is). */
export function opaque<T>(what: string) {
  return z.custom<T>((value) => typeof value === 'object' && value !== null, `${what} must be an object`);
}

/**
 * A whole stored value whose inner shape the domain owns and evolves (results snapshots): checked
 * for its identifying attributes, kept whole (new fields pass through).
 */
export function withAttributes<T>(what: string, required: readonly string[]) {
  return z.custom<T>(
    (value) => typeof value === 'object' && value !== null && required.every((name) => (value as Record<string, unknown>)[name] !== undefined),
    `${what} must have ${required.join(', ')}`,
  );
}
