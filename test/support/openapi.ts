/** Follows a `#/components/schemas/<name>` reference of an OpenAPI document (other schemas are returned as they are). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function resolveSchema(document: { components: { schemas: Record<string, any> } }, schema: any): any {
  const ref = typeof schema?.$ref === 'string' ? (schema.$ref as string) : undefined;
  return ref?.startsWith('#/components/schemas/') ? resolveSchema(document, document.components.schemas[ref.slice('#/components/schemas/'.length)]) : schema;
}
