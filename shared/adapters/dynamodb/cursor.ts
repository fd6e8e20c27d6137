import { ValidationError } from '../../domain/errors/channel-lab-error';

/** Encodes a DynamoDB LastEvaluatedKey as an opaque URL-safe cursor. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key === undefined ? undefined : Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor produced by {@link encodeCursor}.
 * @throws ValidationError for a cursor that was not produced here.
 */
export function decodeCursor(cursor: string | undefined, expectedKeys: readonly string[]): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => new ValidationError('invalid cursor: pass the nextCursor of a previous page unchanged', [{ path: 'cursor', message: 'not a cursor from this API' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (parsed === null || typeof parsed !== 'object') throw invalid();
  const record = parsed as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  if (keys.join() !== [...expectedKeys].sort().join() || !keys.every((key) => typeof record[key] === 'string')) throw invalid();
  return record as Record<string, string>;
}
