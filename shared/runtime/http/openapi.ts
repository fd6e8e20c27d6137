import * as z from 'zod';
import { ERROR_STATUS } from './error-response';
import { requiredScope, type Route } from './router';

/** The error body every route may answer with. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(['internal_error', ...Object.keys(ERROR_STATUS)] as [string, ...string[]]),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

type JsonSchema = Record<string, unknown>;

/** Converts a zod schema to an OpenAPI 3.0 schema, hoisting shared definitions into components. */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, unknown>, prefix: string): JsonSchema {
  const json = z.toJSONSchema(schema, { io, target: 'openapi-3.0', unrepresentable: 'any' }) as JsonSchema & { definitions?: Record<string, unknown> };
  const { definitions, ...rest } = json;
  let text = JSON.stringify(rest);
  for (const [name, definition] of Object.entries(definitions ?? {})) {
    const componentName = `${prefix}_${name}`;
    components[componentName] = JSON.parse(JSON.stringify(definition).replaceAll(`#/definitions/${name}`, `#/components/schemas/${componentName}`));
    text = text.replaceAll(`#/definitions/${name}`, `#/components/schemas/${componentName}`);
  }
  return JSON.parse(text) as JsonSchema;
}

function operationId(route: Route): string {
  const words = route.path
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'v1')
    .map((segment) => segment.replace(/[{}]/g, ''));
  return [route.method.toLowerCase(), ...words.map((word) => word.charAt(0).toUpperCase() + word.slice(1))].join('').replace(/[^A-Za-z0-9]/g, '');
}

/** The OpenAPI 3.0 document of a set of routes. */
export function openApiDocument(routes: readonly Route[], info: { title: string; version: string }): Record<string, unknown> {
  const components: Record<string, unknown> = { Error: toSchema(ErrorBodySchema, 'output', {}, 'Error') };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const id = operationId(route);
    const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryShape = route.doc.query?.shape ?? {};
    const queryParameters = Object.entries(queryShape).map(([name, schema]) => ({
      name,
      in: 'query',
      required: !(schema as z.ZodType).safeParse(undefined).success,
      schema: toSchema(schema as z.ZodType, 'input', components, id),
    }));
    const headerParameters = (route.doc.headers ?? []).map((header) => ({ name: header.name, in: 'header', required: false, description: header.description, schema: { type: 'string' } }));
    const response = route.doc.response ?? { status: 200, description: 'OK' };
    const errorResponses = Object.fromEntries(
      [...new Set(Object.values(ERROR_STATUS))].sort().map((status) => [String(status), { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
    );
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: {
        operationId: id,
        summary: route.doc.summary,
        security: requiredScope(route) === 'public' ? [] : [{ apiKey: [] }],
        'x-required-scope': requiredScope(route),
        tags: [route.doc.tag],
        parameters: [...pathParameters, ...queryParameters, ...headerParameters],
        ...(route.doc.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.doc.body, 'input', components, id) } } } }
          : {}),
        responses: {
          [String(response.status)]: {
            description: response.description,
            ...(response.schema ? { content: { 'application/json': { schema: toSchema(response.schema, 'output', components, id) } } } : {}),
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
    components: { schemas: components, securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'An API key with the scope the operation needs (x-required-scope): read, send or admin.' } } },
  };
}
