import * as z from 'zod';
import { resultsToCsv } from '../../../shared/domain/results/results-csv';
import { ExperimentResultsSchema } from '../../../shared/domain/results/results-schema';
import { getResults, type ResultsDependencies } from '../../../shared/use-cases/results/get-results';
import type { HttpResponse } from '../../../shared/runtime/http/http-types';
import { parseQuery } from '../../../shared/runtime/http/request-body';
import type { Route } from '../../../shared/runtime/http/router';

/** Query string of `GET /v1/experiments/{id}/results` (unknown parameters are refused). */
export const ResultsQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv']).default('json').describe('csv: one row per segment × arm (RFC 4180), for spreadsheets'),
  since: z.iso.datetime({ offset: true, message: 'since must be an ISO 8601 instant, e.g. 2026-01-31T00:00:00Z' }).optional().describe('Only history points at or after this instant'),
});

/** Content type of the CSV export. */
const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

/** `GET /v1/experiments/{id}/results`: the dashboard contract, served from the allocator's snapshot. */
export function resultsRoutes(deps: ResultsDependencies): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/experiments/{id}/results',
      doc: {
        summary: 'Results per segment and channel (from the last allocation; ETag/If-None-Match → 304; ?format=csv for spreadsheets)',
        tag: 'results',
        query: ResultsQuerySchema,
        headers: [{ name: 'If-None-Match', description: 'The ETag of the results you hold: 304 Not Modified while they are current.' }],
        response: { status: 200, schema: ExperimentResultsSchema, description: 'The results (text/csv with ?format=csv; 304 when If-None-Match matches)' },
      },
      handler: async (request): Promise<HttpResponse> => {
        const query = parseQuery(request, ResultsQuerySchema);
        const id = request.params.id ?? '';
        const answer = await getResults(deps, {
          experimentId: id,
          format: query.format,
          ...(query.since === undefined ? {} : { since: query.since }),
          ...(request.headers['if-none-match'] === undefined ? {} : { ifNoneMatch: request.headers['if-none-match'] }),
        });
        const headers = { etag: answer.etag, 'cache-control': `private, max-age=${answer.maxAgeSeconds}` };
        if (answer.kind === 'not_modified') return { statusCode: 304, headers };
        if (query.format === 'csv') {
          return {
            statusCode: 200,
            headers: { ...headers, 'content-type': CSV_CONTENT_TYPE, 'content-disposition': `attachment; filename="${id.replace(/[^\w.-]/g, '_')}-results.csv"` },
            body: resultsToCsv(answer.results),
          };
        }
        return { statusCode: 200, headers, body: answer.results };
      },
    },
  ];
}
