/**
 * Serves the built web app (`web/dist`) on the local platform, at `/` beside the API, with the
 * same headers CloudFront adds in the stack. `npm start` builds it first when it is missing or
 * stale (web/build.ts); a missing build answers 503 saying how to make one.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { cacheControlFor, CONTENT_TYPES, WEB_SECURITY_HEADERS } from '../web/hosting';
import { WEB_DIST } from '../web/build';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpLambda } from './http-server';

/** A handler serving the files of `dist` (default: web/dist); `/` is `index.html`. */
export function webAppHandler(dist: string = WEB_DIST): HttpLambda {
  return async (event): Promise<APIGatewayProxyStructuredResultV2> => {
    const method = event.requestContext.http.method;
    if (method !== 'GET' && method !== 'HEAD') {
      return { statusCode: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, body: 'method not allowed' };
    }
    const path = event.rawPath === '/' ? '/index.html' : event.rawPath;
    const file = normalize(join(dist, decodeURIComponent(path)));
    if (!file.startsWith(dist + sep)) return { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'not found' };
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      if (path === '/index.html') {
        return { statusCode: 503, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'The web app is not built: run `npm run build:web` (npm start does it for you).' };
      }
      return { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8', ...WEB_SECURITY_HEADERS }, body: 'not found' };
    }
    return {
      statusCode: 200,
      headers: { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cacheControlFor(path), ...WEB_SECURITY_HEADERS },
      body: content.toString('base64'),
      isBase64Encoded: true,
    };
  };
}
