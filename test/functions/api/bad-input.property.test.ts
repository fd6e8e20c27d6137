import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { analysisRoutes } from '../../../functions/analysis/analysis-handler';
import { apiRoutes } from '../../../functions/api/api-handler';
import { surveyExperiment } from '../../support/experiments';
import { call, startTestPlatform } from '../../support/local-api';

/**
 * The law of the API's edge: whatever a client sends — any route, any path parameter, any query,
 * any JSON or non-JSON body — the answer is never a 5xx, and every 4xx names its problem.
 */

let platform: LocalPlatform;
let runningId: string;

beforeAll(async () => {
  platform = await startTestPlatform('fuzz');
  const created = await call(platform, 'POST', '/v1/experiments', surveyExperiment());
  runningId = created.body.id;
  await call(platform, 'POST', `/v1/experiments/${runningId}/start`);
});
afterAll(async () => platform.stop());

const RUNS_PER_PROPERTY = 120;

/** Path parameter values: real ids, near-misses and hostile strings. */
const parameterArb = () =>
  fc.oneof(
    fc.constant(runningId),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('%', '%ZZ', '..', 'EXP#1', 'a/b', '‮', ' ', 'x'.repeat(300)),
  );

/** Bodies: arbitrary JSON, valid bodies with a field mangled, and non-JSON. */
const bodyArb = () =>
  fc.oneof(
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.record({ key: fc.constantFrom('name', 'channels', 'goal', 'policy', 'segments', 'recipients', 'customerId', 'events', 'type'), value: fc.jsonValue() }).map(({ key, value }) => JSON.stringify({ ...surveyExperiment(), [key]: value })),
    fc.record({ customerId: fc.string({ maxLength: 20 }), variables: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()), contact: fc.jsonValue() }).map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 60 }),
  );

const queryArb = () => fc.dictionary(fc.constantFrom('limit', 'status', 'stage', 'cursor', 'format', 'since', 'segment', 'includeRead', 'experimentId', 'x'), fc.string({ maxLength: 20 }), { maxKeys: 3 });

describe('bad input never gets a 5xx', () => {
  it('holds on every route with random parameters, queries and bodies', async () => {
    const routes = [...apiRoutes(platform.deps), ...analysisRoutes(platform.deps)].filter((route) => !route.path.includes('api-keys'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.array(parameterArb(), { minLength: 3, maxLength: 3 }), fc.boolean(), queryArb(), bodyArb(), async (route, parameters, rawPercent, query, body) => {
        let index = 0;
        const path = route.path.replace(/\{\w+\}/g, () => encodeURIComponent(parameters[index++] ?? '').replace(/%25/g, rawPercent ? '%' : '%25'));
        const search = new URLSearchParams(query).toString();
        const response = await fetch(`${platform.url}${path}${search ? `?${search}` : ''}`, {
          method: route.method,
          headers: { 'content-type': 'application/json' },
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body }),
        });
        const text = await response.text();
        expect(response.status, `${route.method} ${path} → ${text.slice(0, 300)}`).toBeLessThan(500);
        if (response.status >= 400 && response.status !== 404 && text !== '') {
          const json = JSON.parse(text) as { error?: { code?: string; message?: string } };
          expect(json.error?.code, text).toEqual(expect.any(String));
          expect(json.error?.message?.length ?? 0).toBeGreaterThan(3);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? RUNS_PER_PROPERTY * 3) },
    );
  }, 240_000);
});
