import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json';
import { ifNoneMatchHits } from '../../domain/results/results-cache';
import type { HttpResponse } from './http-types';

/** Characters of the content hash kept in an ETag (96 bits of SHA-256). */
const ETAG_HASH_CHARACTERS = 16;

/** A weak ETag naming a JSON body by its content: the same content, the same ETag. */
export function contentEtag(body: unknown): string {
  return `W/"${createHash('sha256').update(canonicalJson(body)).digest('base64url').slice(0, ETAG_HASH_CHARACTERS)}"`;
}

/**
 * A 200 with `body`, its content ETag and `Cache-Control: private, max-age`, or a 304 without a
 * body when the request's `If-None-Match` names that ETag (a poller keeps what it shows).
 */
export function cacheableJson(body: unknown, ifNoneMatch: string | undefined, maxAgeSeconds: number): HttpResponse {
  const etag = contentEtag(body);
  const headers = { etag, 'cache-control': `private, max-age=${maxAgeSeconds}` };
  if (ifNoneMatchHits(ifNoneMatch, etag.replace(/^W\//, ''))) return { statusCode: 304, headers };
  return { statusCode: 200, headers, body };
}
