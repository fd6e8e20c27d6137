import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/** A Lambda handler for HTTP API events (middy-wrapped handlers fit). */
export type HttpLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The Lambda that serves a path prefix (the stack's `{proxy+}` routes) or one route path (with
 * `{name}` segments), as API Gateway routes it in the stack. Mounts are tried in order: list the
 * route paths before the prefixes that contain them, as API Gateway prefers the most specific route.
 */
export type Mount =
  | {
      /** Paths starting with this prefix go to the handler. */
      readonly prefix: string;
      readonly handler: HttpLambda;
    }
  | {
      /** This path, e.g. `/v1/experiments/{id}/results` (a `{name}` is one segment), goes to the handler. */
      readonly path: string;
      readonly handler: HttpLambda;
    };

/** Whether a mount serves `rawPath` (a route path matches with or without a trailing slash, as the router does). */
export function mountServes(mount: Mount, rawPath: string): boolean {
  if ('prefix' in mount) return rawPath.startsWith(mount.prefix);
  const pattern = mount.path
    .split('/')
    .map((segment) => (/^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}/?$`).test(rawPath);
}

/** Milliseconds the fake Lambda context claims remain (the local platform has no timeout). */
const LOCAL_REMAINING_MS = 30_000;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Content types whose bodies API Gateway passes as text (`isBase64Encoded: false`); others arrive base64-encoded. */
const TEXT_CONTENT_TYPE = /^\s*(text\/|application\/([\w.+-]+\+)?json\b)/i;

/** English month abbreviations of API Gateway's `requestContext.time` (`12/Mar/2020:19:03:58 +0000`). */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestContext.time` in API Gateway's form (common log format, UTC). */
export function apiGatewayTime(at: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} +0000`;
}

/**
 * `queryStringParameters` as API Gateway builds it: decoded, the values of a repeated key joined
 * with commas; undefined without a query string. (Handlers read `rawQueryString`, as in AWS.)
 */
export function joinedQueryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const joined: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) joined[name] = name in joined ? `${joined[name]},${value}` : value;
  return joined;
}

/**
 * Builds the API Gateway HTTP API (payload 2.0) event that AWS would deliver for this request on
 * the `$default` stage: raw query string kept, repeated query values comma-joined in
 * `queryStringParameters`, cookies moved out of the headers into `cookies`, JSON and text bodies
 * as text, other bodies base64-encoded.
 */
export function toApiGatewayEvent(request: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = (request.headers.cookie ?? '').split(';').map((cookie) => cookie.trim()).filter((cookie) => cookie !== '');
  const rawQueryString = url.search.slice(1);
  const queryStringParameters = joinedQueryParameters(rawQueryString);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method: request.method ?? 'GET', path: url.pathname, protocol: 'HTTP/1.1', sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: `local-${now.getTime()}-${Math.floor(Math.random() * 1e9)}`,
      routeKey: '$default',
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body.length === 0
      ? { isBase64Encoded: false }
      : TEXT_CONTENT_TYPE.test(headers['content-type'] ?? '')
        ? { body: body.toString('utf8'), isBase64Encoded: false }
        : { body: body.toString('base64'), isBase64Encoded: true }),
  };
}

function fakeContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:local',
    memoryLimitInMB: '1024',
    awsRequestId: `local-${Date.now()}`,
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => LOCAL_REMAINING_MS,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** An HTTP server that serves the mounted Lambda handlers exactly as API Gateway would invoke them. */
export function createLocalHttpServer(initialMounts: readonly Mount[]): Server {
  const server = createServer(async (request, response) => {
    const mounts = mountsOf.get(server) ?? [];
    try {
      const body = await readBody(request);
      const event = toApiGatewayEvent(request, body);
      const mount = mounts.find((candidate) => mountServes(candidate, event.rawPath));
      if (!mount) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'not_found', message: `no route for ${event.rawPath}` } }));
        return;
      }
      const result = await mount.handler(event, fakeContext());
      response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
      response.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'internal_error', message: String(error) } }));
    }
  });
  mountsOf.set(server, [...initialMounts]);
  return server;
}

const mountsOf = new WeakMap<Server, Mount[]>();

/** Adds mounts to a server made by {@link createLocalHttpServer} (handlers that need the server's URL). */
export function mount(server: Server, mounts: readonly Mount[]): void {
  mountsOf.set(server, [...(mountsOf.get(server) ?? []), ...mounts]);
}
