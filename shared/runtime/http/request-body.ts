import type { z } from 'zod';
import { MalformedRequestError, PayloadTooLargeError, ValidationError } from '../../domain/errors/channel-lab-error';
import { parseOrThrow } from '../../domain/errors/zod-issues';
import type { HttpRequest } from './http-types';
import { assertSafeJson, MAX_JSON_DEPTH } from './json-guard';

/** Largest request body accepted (1 MiB: a batch of 500 recipients fits). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Checks the size of a raw body.
 * @throws PayloadTooLargeError above {@link MAX_BODY_BYTES}.
 */
export function assertBodySize(rawBody: string, limit: number = MAX_BODY_BYTES): void {
  const size = Buffer.byteLength(rawBody, 'utf8');
  if (size > limit) throw new PayloadTooLargeError(`request body is ${size} bytes; the limit is ${limit}`);
}

/**
 * The request's JSON body.
 * @throws MalformedRequestError when it is missing, not JSON, or sent with another content type.
 * @param maxDepth deepest nesting accepted ({@link MAX_JSON_DEPTH}; batch routes that judge each item's depth accept more).
 * @throws ValidationError when it nests deeper than `maxDepth` or holds a `__proto__` key (see `json-guard.ts`).
 */
export function jsonBody(request: HttpRequest, maxDepth: number = MAX_JSON_DEPTH): unknown {
  const contentType = request.headers['content-type'] ?? '';
  if (contentType !== '' && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new MalformedRequestError(`content-type must be application/json, got "${contentType}"`);
  }
  if (request.rawBody.trim() === '') throw new MalformedRequestError('request body is empty; send a JSON object');
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody) as unknown;
  } catch (error) {
    throw new MalformedRequestError(`request body is not valid JSON: ${(error as Error).message}`);
  }
  assertSafeJson(body, maxDepth);
  return body;
}

/** The JSON body parsed with a schema (validation errors name each field). */
export function parseBody<S extends z.ZodType>(request: HttpRequest, schema: S, what: string): z.output<S> {
  return parseOrThrow(schema, jsonBody(request), what);
}

/**
 * The query string parsed with a schema, one value per key.
 * @throws ValidationError naming a key given more than once (which one was meant is not ours to guess).
 */
export function parseQuery<S extends z.ZodType>(request: HttpRequest, schema: S): z.output<S> {
  const repeated = Object.entries(request.query).filter(([, values]) => values.length > 1);
  if (repeated.length > 0) {
    const details = repeated.map(([name, values]) => ({ path: name, message: `given ${values.length} times; give it once` }));
    throw new ValidationError(`invalid query string: ${repeated.map(([name, values]) => `${name} is given ${values.length} times`).join('; ')}; give each parameter once`, details);
  }
  const single = Object.fromEntries(Object.entries(request.query).map(([name, values]) => [name, values[0] ?? '']));
  return parseOrThrow(schema, single, 'query string');
}
