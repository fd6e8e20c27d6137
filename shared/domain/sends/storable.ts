/**
 * What one stored item may hold. DynamoDB refuses an item over 400 KB and documents nested
 * deeper than 32 levels; a recipient that would make such an item is rejected alone, before
 * anything of it is written, instead of failing the write (and the batch) with a 500.
 */
import { ValidationError } from '../errors/channel-lab-error';

/** DynamoDB's item size limit (400 KB). */
export const DYNAMODB_ITEM_LIMIT_BYTES = 400 * 1024;
/** Room kept in an item for its keys, index attributes and bookkeeping besides the caller's data. */
export const ITEM_OVERHEAD_BYTES = 8 * 1024;
/** Largest size of the data a caller puts in one item (the JSON size: an upper bound of DynamoDB's own). */
export const MAX_STORED_DATA_BYTES = DYNAMODB_ITEM_LIMIT_BYTES - ITEM_OVERHEAD_BYTES;
/** DynamoDB's nesting limit (levels of maps and lists in an item). */
export const DYNAMODB_MAX_DEPTH = 32;
/** Deepest value accepted inside a stored field (the field itself is one level of the item). */
export const MAX_VALUE_DEPTH = DYNAMODB_MAX_DEPTH - 2;

const utf8 = new TextEncoder();

/** Size of a value written as JSON, in UTF-8 bytes (never below DynamoDB's size of the same value). */
export function jsonBytes(value: unknown): number {
  return utf8.encode(JSON.stringify(value) ?? '').length;
}

/** Levels of maps and lists in a value (a scalar is 0); stops counting past `limit` + 1. */
export function nestingDepth(value: unknown, limit: number = MAX_VALUE_DEPTH): number {
  if (value === null || typeof value !== 'object') return 0;
  if (limit < 0) return 1;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, nestingDepth(child, limit - 1));
  return 1 + deepest;
}

/**
 * The problem with storing `fields` (named parts of one item), or undefined when they fit.
 * @returns a ValidationError naming the field nested too deep, or the item's size and the limit.
 */
export function storageProblem(what: string, fields: Readonly<Record<string, unknown>>): ValidationError | undefined {
  const tooDeep = depthProblem(what, fields);
  if (tooDeep) return tooDeep;
  const size = jsonBytes(fields);
  if (size > MAX_STORED_DATA_BYTES) {
    const kb = Math.ceil(size / 1024);
    return new ValidationError(`${what} is ${kb} KB once stored; one item holds at most 400 KB (${MAX_STORED_DATA_BYTES} bytes of data)`, [
      { path: Object.keys(fields).join(', '), message: `${kb} KB together; at most ${Math.floor(MAX_STORED_DATA_BYTES / 1024)} KB` },
    ]);
  }
  return undefined;
}

/** A ValidationError naming the first field nested deeper than {@link MAX_VALUE_DEPTH}, or undefined. */
export function depthProblem(what: string, fields: Readonly<Record<string, unknown>>): ValidationError | undefined {
  for (const [name, value] of Object.entries(fields)) {
    if (nestingDepth(value) > MAX_VALUE_DEPTH) {
      return new ValidationError(`${what}: ${name} is nested more than ${MAX_VALUE_DEPTH} levels deep`, [{ path: name, message: `nested more than ${MAX_VALUE_DEPTH} levels deep (DynamoDB stores ${DYNAMODB_MAX_DEPTH})` }]);
    }
  }
  return undefined;
}
