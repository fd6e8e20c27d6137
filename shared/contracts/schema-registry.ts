import * as z from 'zod';

/** What the API's shared schemas are registered with: a stable id (the OpenAPI component name). */
export interface SchemaMeta {
  /** Component name, e.g. `ExperimentDefinition`. */
  readonly id: string;
}

/**
 * The API's shared schemas, each registered once under its id; the OpenAPI document lists them as
 * components and refers to them by `$ref` wherever a route's schema contains them.
 */
export const apiSchemas = z.registry<SchemaMeta>();

/** Registers `schema` under `id` and returns it (the same instance, so parsing is unchanged). */
export function named<S extends z.ZodType>(schema: S, id: string): S {
  apiSchemas.add(schema, { id });
  return schema;
}
