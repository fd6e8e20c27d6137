import { ResultsQuerySchema, ResultsResponseSchema } from '../../../shared/contracts/results';
import { resultsToCsv } from '../../../shared/domain/results/results-csv';
import { getResults, type ResultsDependencies } from '../../../shared/use-cases/results/get-results';
import type { HttpResponse } from '../../../shared/runtime/http/http-types';
import { defineRoute, type Route } from '../../../shared/runtime/http/router';

export { ResultsQuerySchema } from '../../../shared/contracts/results';

/** Content type of the CSV export. */
const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

/** `GET /v1/experiments/{id}/results`: the dashboard contract, served from the allocator's snapshot. */
export function resultsRoutes(deps: ResultsDependencies): Route[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/v1/experiments/{id}/results',
      query: ResultsQuerySchema,
      response: { status: 200, schema: ResultsResponseSchema, description: 'The results (text/csv with ?format=csv; 304 when If-None-Match matches)' },
      doc: {
        summary: 'Results per segment and channel (from the last allocation; ETag/If-None-Match → 304; ?format=csv for spreadsheets)',
        tag: 'results',
        headers: [{ name: 'If-None-Match', description: 'The ETag of the results you hold: 304 Not Modified while they are current.' }],
      },
      handler: async (request, { query }): Promise<HttpResponse> => {
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
    }),
  ];
}
