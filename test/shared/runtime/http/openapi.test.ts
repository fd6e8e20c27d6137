import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import type { AnalysisDependencies } from '../../../../functions/analysis/analysis-composition';
import type { ApiDependencies } from '../../../../functions/api/api-composition';
import { documentedRoutes } from '../../../../functions/openapi/documented-routes';
import { API_INFO } from '../../../../functions/openapi/openapi-route';
import { openApiDocument } from '../../../../shared/runtime/http/openapi';
import { requiredScope } from '../../../../shared/runtime/http/router';

/** Routes only need dependencies when they run; building the document never calls them. */
const routes = documentedRoutes({ authMode: 'api_keys' } as unknown as ApiDependencies & AnalysisDependencies);

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3 document (checked by swagger-parser against the specification schema)', async () => {
    const document = openApiDocument(routes, API_INFO);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('documents every route once, with its scope and the error body', () => {
    const document = openApiDocument(routes, API_INFO) as { paths: Record<string, Record<string, { 'x-required-scope': string; responses: Record<string, unknown> }>> };
    for (const route of routes) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation!['x-required-scope']).toBe(requiredScope(route));
      expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
    }
  });

  it('gives every JSON route a response schema (all but the document itself and the 204 answers)', () => {
    const undocumented = routes.filter((route) => route.path !== '/v1/openapi.json' && route.response?.status !== 204 && route.response?.schema === undefined);
    expect(undocumented.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('lists each shared contract schema once, by its id, and refers to it by $ref', () => {
    const document = openApiDocument(routes, API_INFO) as { components: { schemas: Record<string, unknown> }; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>> };
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Experiment', 'ExperimentDefinition', 'ExperimentDefinitionInput', 'SegmentRule', 'SendOutcome', 'EventOutcome', 'Customer', 'ExperimentResults', 'Error']));
    expect(document.paths['/v1/experiments']?.post?.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ExperimentDefinitionInput' });
    expect(JSON.stringify(document)).not.toMatch(/#\/definitions\/|__shared/);
  });
});
