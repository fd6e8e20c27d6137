import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createLogger, type Observability } from '../observability';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errorResponse, type ErrorLogger } from './error-response';
import type { HttpRequest, HttpResponse } from './http-types';
import { parseQueryString } from './query-string';
import { assertBodySize } from './request-body';

/** Handles a normalised request. */
export type RequestHandler = (request: Omit<HttpRequest, 'params'>) => Promise<HttpResponse>;

/** The stage served at the root of the API's URL (never in the path). */
const DEFAULT_STAGE = '$default';

/**
 * The route path of a request. On a named stage reached through the execute-api endpoint
 * (`domainPrefix` is the API id there), API Gateway starts `rawPath` with `/<stage>`; it is removed.
 * Through a custom domain the stage is not in the path and nothing is removed.
 */
export function routePath(event: Pick<APIGatewayProxyEventV2, 'rawPath' | 'requestContext'>): string {
  const { stage, apiId, domainPrefix } = event.requestContext;
  if (stage === DEFAULT_STAGE || domainPrefix !== apiId) return event.rawPath;
  const prefix = `/${stage}`;
  if (event.rawPath === prefix) return '/';
  return event.rawPath.startsWith(`${prefix}/`) ? event.rawPath.slice(prefix.length) : event.rawPath;
}

/**
 * Turns an API Gateway HTTP API (payload 2.0) event into a request: body decoded and size-checked,
 * header names lower-cased, the `cookies` API Gateway moved out of the headers joined back into one
 * `cookie` header, the query read from `rawQueryString` (every value of a repeated key), the stage
 * prefix of a named stage removed from the path.
 */
export function toHttpRequest(event: APIGatewayProxyEventV2): Omit<HttpRequest, 'params'> {
  const rawBody = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  assertBodySize(rawBody);
  const headers: Record<string, string> = Object.fromEntries(
    Object.entries(event.headers ?? {}).flatMap(([name, value]) => (value === undefined ? [] : [[name.toLowerCase(), value]])),
  );
  if (event.cookies && event.cookies.length > 0 && headers.cookie === undefined) headers.cookie = event.cookies.join('; ');
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: routePath(event),
    query: parseQueryString(event.rawQueryString ?? ''),
    headers,
    rawBody,
    ...(event.requestContext.http.sourceIp ? { sourceIp: event.requestContext.http.sourceIp } : {}),
  };
}

/** Serialises a response: JSON bodies get `content-type: application/json`. */
export function toApiGatewayResult(response: HttpResponse): APIGatewayProxyStructuredResultV2 {
  if (Buffer.isBuffer(response.body)) {
    return { statusCode: response.statusCode, headers: { ...response.headers }, body: response.body.toString('base64'), isBase64Encoded: true };
  }
  const isText = typeof response.body === 'string';
  const headers: Record<string, string> = {
    ...(response.body === undefined ? {} : { 'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json' }),
    ...response.headers,
  };
  return {
    statusCode: response.statusCode,
    headers,
    body: response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body),
  };
}

/**
 * middy middleware that turns any thrown error into the JSON error response
 * (named errors → their 4xx; anything else → a logged 500).
 */
export function httpErrors(log: ErrorLogger): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    name: 'httpErrors',
    onError: (request) => {
      request.response = toApiGatewayResult(errorResponse(request.error, log));
    },
  };
}

/** A Lambda handler for an HTTP API: parse the event, run the handler, map errors; logs carry the request id (middy, Powertools Logger). */
export function createHttpHandler(handle: RequestHandler, { logger }: Pick<Observability, 'logger'> = createLogger()) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger))
    .use(httpErrors((message, error) => logger.error(message, error instanceof Error ? error : String(error))))
    .handler(async (event) => toApiGatewayResult(await handle(toHttpRequest(event))));
}
