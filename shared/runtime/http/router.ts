import type { z } from 'zod';
import type { ApiScope } from '../../domain/auth/api-key';
import { MethodNotAllowedError, NotFoundError, ValidationError } from '../../domain/errors/channel-lab-error';
import type { HttpRequest, HttpResponse, RouteHandler } from './http-types';

/** A route: method, path pattern with `{name}` segments, handler, and what the OpenAPI document says of it. */
export interface Route {
  /** Upper-case method. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Path pattern such as `/v1/experiments/{id}`. */
  readonly path: string;
  /** Handler. */
  readonly handler: RouteHandler;
  /**
   * Scope an API key needs: `public` (no key: tracking links, the OpenAPI document), `read`,
   * `send` or `admin`. Default: `read` for GET, `admin` for everything else.
   */
  readonly scope?: ApiScope | 'public';
  /** What the OpenAPI document says of the route. */
  readonly doc: RouteDoc;
}

/** OpenAPI metadata of a route, from the same zod schemas the handler parses with. */
export interface RouteDoc {
  /** One-line summary. */
  readonly summary: string;
  /** Grouping tag. */
  readonly tag: string;
  /** Schema of the JSON request body. */
  readonly body?: z.ZodType;
  /** Schema of the query string. */
  readonly query?: z.ZodObject;
  /** Schema of the success response body and its status. */
  readonly response?: { readonly status: number; readonly schema?: z.ZodType; readonly description: string };
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
      return route.handler({ ...request, params });
    }
    if (allowed.length > 0) throw new MethodNotAllowedError(`${request.method} is not allowed on ${request.path}; use ${allowed.join(' or ')}`);
    throw new NotFoundError(`no route for ${request.method} ${request.path}`);
  };
}
