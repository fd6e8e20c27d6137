import * as z from 'zod';
import { apiSchemas, ErrorBodySchema, type SchemaMeta } from '../../contracts';
import { ERROR_STATUS } from './error-response';
import { requiredScope, type Route } from './router';

type JsonSchema = Record<string, unknown>;

/** Where components live in the document. */
const COMPONENTS = '#/components/schemas/';
/** Suffix of a component as a request carries it (defaults optional), when it differs from the response's. */
const INPUT_SUFFIX = 'Input';

function operationId(route: Route): string {
  const words = route.path
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'v1')
    .map((segment) => segment.replace(/[{}]/g, ''));
  return [route.method.toLowerCase(), ...words.map((word) => word.charAt(0).toUpperCase() + word.slice(1))].join('').replace(/[^A-Za-z0-9]/g, '');
}

/** The routes' schemas in one registry: the contract's shared ones under their ids, each route's own under `<operationId><Part>`. */
function documentRegistry(routes: readonly Route[]) {
  const registry = z.registry<SchemaMeta>();
  for (const [id, schema] of apiSchemas._idmap) registry.add(schema, { id });
  const idOf = (schema: z.ZodType, fallback: string): string => {
    const existing = registry.get(schema)?.id;
    if (existing) return existing;
    registry.add(schema, { id: fallback });
    return fallback;
  };
  const ids = new Map<Route, { body?: string; query?: string; response?: string }>();
  for (const route of routes) {
    const id = operationId(route);
    ids.set(route, {
      ...(route.body ? { body: idOf(route.body.schema, `${id}Body`) } : {}),
      ...(route.query ? { query: idOf(route.query, `${id}Query`) } : {}),
      ...(route.response?.schema ? { response: idOf(route.response.schema, `${id}Response`) } : {}),
    });
  }
  return { registry, ids };
}

/** Every registered schema as OpenAPI 3.0 JSON, as requests (`input`) or responses (`output`) carry it. */
function convert(registry: z.core.$ZodRegistry<SchemaMeta>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const suffix = io === 'input' ? INPUT_SUFFIX : '';
  const { schemas } = z.toJSONSchema(registry, { io, target: 'openapi-3.0', unrepresentable: 'any', uri: (id) => `${COMPONENTS}${id}${suffix}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _uri, id: _id, ...rest } = schema as JsonSchema;
      return [`${id}${suffix}`, rest];
    }),
  );
}

/** The components reachable from `roots` (others are dropped). */
function reachable(roots: unknown, all: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const kept: Record<string, JsonSchema> = {};
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith(COMPONENTS)) {
      const name = ref.slice(COMPONENTS.length);
      if (!(name in kept) && all[name]) {
        kept[name] = all[name];
        visit(all[name]);
      }
    }
    Object.values(value).forEach(visit);
  };
  visit(roots);
  return kept;
}

/** A `$ref` to a component. */
const ref = (name: string) => ({ $ref: `${COMPONENTS}${name}` });

/**
 * The OpenAPI 3.0 document of a set of routes, produced from each route's own body, query and
 * response schemas. Shared schemas appear once as components under their contract id
 * (`shared/contracts`); a request's version of a component is `<id>Input`.
 */
export function openApiDocument(routes: readonly Route[], info: { title: string; version: string }): Record<string, unknown> {
  const { registry, ids } = documentRegistry(routes);
  const components = { ...convert(registry, 'output'), ...convert(registry, 'input') };
  const errorResponses = Object.fromEntries(
    [...new Set(Object.values(ERROR_STATUS))].sort().map((status) => [String(status), { description: 'Error', content: { 'application/json': { schema: ref('Error') } } }]),
  );
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const id = operationId(route);
    const names = ids.get(route) ?? {};
    const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = names.query ? (components[`${names.query}${INPUT_SUFFIX}`] as { properties?: Record<string, JsonSchema>; required?: string[] }) : undefined;
    const queryParameters = Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema }));
    const headerParameters = (route.doc.headers ?? []).map((header) => ({ name: header.name, in: 'header', required: false, description: header.description, schema: { type: 'string' } }));
    const response = route.response ?? { status: 200, description: 'OK' };
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: {
        operationId: id,
        summary: route.doc.summary,
        security: requiredScope(route) === 'public' ? [] : [{ apiKey: [] }],
        'x-required-scope': requiredScope(route),
        tags: [route.doc.tag],
        parameters: [...pathParameters, ...queryParameters, ...headerParameters],
        ...(names.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(`${names.body}${INPUT_SUFFIX}`) } } } } : {}),
        responses: {
          [String(response.status)]: {
            description: response.description,
            ...(names.response ? { content: { 'application/json': { schema: ref(names.response) } } } : {}),
          },
          ...errorResponses,
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info,
    paths,
    components: {
      schemas: reachable([paths, ref('Error')], components),
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'An API key with the scope the operation needs (x-required-scope): read, send or admin.' } },
    },
  };
}

/** The error body of every route (re-exported from the contract). */
export { ErrorBodySchema };
