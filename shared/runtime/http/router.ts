import type * as z from 'zod';
import type { ApiScope } from '../../domain/auth/api-key';
import { MethodNotAllowedError, NotFoundError, ValidationError } from '../../domain/errors/channel-lab-error';
import { parseOrThrow } from '../../domain/errors/zod-issues';
import type { HttpRequest, HttpResponse } from './http-types';
import { MAX_ITEMIZED_BODY_DEPTH, MAX_JSON_DEPTH } from './json-guard';
import { jsonBody, parseQuery } from './request-body';

/**
 * A route: method, path pattern with `{name}` segments, its body, query and response schemas, and
 * its handler. The router validates the body and query with the route's schemas and hands the
 * parsed values to the handler; the OpenAPI document is produced from the same schemas.
 */
export interface Route<B extends z.ZodType = z.ZodType, Q extends z.ZodObject = z.ZodObject> {
  /** Upper-case method. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Path pattern such as `/v1/experiments/{id}`. */
  readonly path: string;
  /**
   * Scope an API key needs: `public` (no key: tracking links, the OpenAPI document), `read`,
   * `send` or `admin`. Default: `read` for GET, `admin` for everything else.
   */
  readonly scope?: ApiScope | 'public';
  /** The JSON request body (none: the route reads no body). */
  readonly body?: RouteBody<B>;
  /** The query string (none: the route reads no query). */
  readonly query?: Q;
  /** The success response: status, schema of a JSON body, description. */
  readonly response?: RouteResponse;
  /** What else the OpenAPI document says of the route. */
  readonly doc: RouteDoc;
  /** Handles a request whose body and query the router has validated. */
  handler(request: HttpRequest, input: RouteInput<B, Q>): Promise<HttpResponse>;
}

/** A route's JSON body. */
export interface RouteBody<B extends z.ZodType> {
  readonly schema: B;
  /** What it is, for error messages ("Invalid <what>: …"). */
  readonly what: string;
  /**
   * `router` (default): a body the schema refuses is a 400 before the handler runs. `handler`: the
   * handler validates item by item (batches where one bad item is rejected alone); the schema documents it.
   * Such a body may nest up to `MAX_ITEMIZED_BODY_DEPTH`: the handler's use case rejects an item
   * nested deeper than DynamoDB stores alone; any other body is refused past `MAX_JSON_DEPTH`.
   */
  readonly validatedBy?: 'router' | 'handler';
}

/** A route's success response. */
export interface RouteResponse {
  /** HTTP status. */
  readonly status: number;
  /** Schema of the JSON body (none: not JSON, or no body). */
  readonly schema?: z.ZodType;
  /** What it is. */
  readonly description: string;
}

/** What the router hands a handler besides the request. */
export interface RouteInput<B extends z.ZodType, Q extends z.ZodObject> {
  /** The body parsed with the route's schema (the JSON itself when the handler validates it). */
  readonly body: z.output<B>;
  /** The body's JSON before the schema (for routes whose use case validates item by item). */
  readonly json: unknown;
  /** The query string parsed with the route's schema. */
  readonly query: z.output<Q>;
}

/** A route with its body and query types inferred from its schemas (for the handler's parameters). */
export function defineRoute<B extends z.ZodType = z.ZodType, Q extends z.ZodObject = z.ZodObject>(route: Route<B, Q>): Route {
  return route as unknown as Route;
}

/** OpenAPI metadata of a route besides its schemas. */
export interface RouteDoc {
  /** One-line summary. */
  readonly summary: string;
  /** Grouping tag. */
  readonly tag: string;
  /** Request headers the route reads. */
  readonly headers?: readonly { readonly name: string; readonly description: string }[];
}

interface CompiledRoute extends Route {
  readonly matcher: RegExp;
  readonly names: readonly string[];
}

/** Characters a path parameter may not contain. */
const PARAMETER_SEGMENT = '([^/]+)';

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(match[1]);
      return PARAMETER_SEGMENT;
    })
    .join('/');
  return { ...route, matcher: new RegExp(`^${source}/?$`), names };
}

/** Longest path parameter accepted (DynamoDB keys are at most 2 KB; ids here are far shorter). */
export const MAX_PARAMETER_LENGTH = 256;
/** Longest `{token}` parameter (signed tracking tokens carry their target URL; never a key). */
export const MAX_TOKEN_PARAMETER_LENGTH = 4096;

function decodeParameter(raw: string, name: string): string {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw new ValidationError(`path parameter ${name} is not valid percent-encoding`, [{ path: name, message: 'malformed percent-encoding' }]);
  }
  const limit = name === 'token' ? MAX_TOKEN_PARAMETER_LENGTH : MAX_PARAMETER_LENGTH;
  if (value.length > limit) {
    throw new ValidationError(`path parameter ${name} is longer than ${limit} characters`, [{ path: name, message: 'too long' }]);
  }
  return value;
}

/** The scope a route requires. */
export function requiredScope(route: Pick<Route, 'method' | 'scope'>): ApiScope | 'public' {
  return route.scope ?? (route.method === 'GET' ? 'read' : 'admin');
}

/** Checks the caller of a route (throws UnauthorizedError / ForbiddenError). */
export type Authorizer = (request: Omit<HttpRequest, 'params'>, scope: ApiScope) => Promise<void>;

/**
 * Dispatches requests to routes, after the authorizer (when given) checked the route's scope: 404
 * for an unknown path, 405 (naming the allowed methods) for a known path with another method.
 */
export function createRouter(routes: readonly Route[], authorize?: Authorizer): (request: Omit<HttpRequest, 'params'>) => Promise<HttpResponse> {
  const compiled = routes.map(compile);
  return async (request) => {
    const allowed: string[] = [];
    for (const route of compiled) {
      const match = route.matcher.exec(request.path);
      if (!match) continue;
      if (route.method !== request.method) {
        allowed.push(route.method);
        continue;
      }
      const scope = requiredScope(route);
      if (authorize && scope !== 'public') await authorize(request, scope);
      const params = Object.fromEntries(route.names.map((name, index) => [name, decodeParameter(match[index + 1] ?? '', name)]));
      const routed: HttpRequest = { ...request, params };
      const json = route.body ? jsonBody(routed, route.body.validatedBy === 'handler' ? MAX_ITEMIZED_BODY_DEPTH : MAX_JSON_DEPTH) : undefined;
      const body = route.body && route.body.validatedBy !== 'handler' ? parseOrThrow(route.body.schema, json, route.body.what) : json;
      const query = route.query ? parseQuery(routed, route.query) : {};
      return route.handler(routed, { body, json, query });
    }
    if (allowed.length > 0) throw new MethodNotAllowedError(`${request.method} is not allowed on ${request.path}; use ${allowed.join(' or ')}`);
    throw new NotFoundError(`no route for ${request.method} ${request.path}`);
  };
}
