import { resolveSchema } from '../../support/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { call, startTestPlatform, TestClock } from '../../support/local-api';
import { type GroundTruth, runSurvey } from './results-fixtures';

const clock = new TestClock(new Date('2026-03-02T10:00:00Z'));
let platform: LocalPlatform;
const runs: { id: string; truth: GroundTruth }[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('insights', { clock });
  runs.push(await runSurvey(platform, clock, { customers: 100, prefix: 'tp-a' }));
  runs.push(await runSurvey(platform, clock, { customers: 60, prefix: 'tp-b' }));
  expect((await call(platform, 'POST', `/v1/experiments/${runs[0]?.id}/complete`)).status).toBe(200);
});
afterAll(async () => platform.stop());

const key = (segment: string, channel: string) => `${segment}/${channel}`;

describe('GET /v1/insights/touchpoints', () => {
  it('names the leading channel per stage and segment, pooled over a completed and a running experiment', async () => {
    const response = await call(platform, 'GET', '/v1/insights/touchpoints');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ experimentsConsidered: 2, truncated: false });
    const cells = response.body.cells as { stage: string; segment: string; goal: string; channel: string; sends: number; totalSends: number; consensus: string; channels: { channel: string; sends: number; responses: number }[]; experiments: { experimentId: string; running: boolean }[] }[];
    expect(cells.map((cell) => [cell.stage, cell.segment, cell.goal])).toEqual([
      ['post_purchase', 'default', 'survey_completed'],
      ['post_purchase', 'over_50', 'survey_completed'],
    ]);
    const [fallback, over50] = cells;
    expect(over50?.channel).toBe('sms');
    expect(fallback?.channel).toBe('email');
    for (const cell of cells) {
      for (const row of cell.channels) {
        const truth = runs.reduce((sum, run) => sum + (run.truth.sends.get(key(cell.segment, row.channel)) ?? 0), 0);
        const answered = runs.reduce((sum, run) => sum + (run.truth.responses.get(key(cell.segment, row.channel)) ?? 0), 0);
        expect([row.channel, row.sends, row.responses]).toEqual([row.channel, truth, answered]);
      }
      expect(cell.experiments.map((experiment) => [experiment.experimentId, experiment.running]).sort()).toEqual(
        [[runs[0]?.id, false], [runs[1]?.id, true]].sort(),
      );
    }
    console.log(`touchpoint map: ${cells.map((cell) => `${cell.stage}/${cell.segment}: ${cell.channel} (${cell.consensus}, ${cell.sends} sends)`).join('; ')}`);
  });

  it('filters by stage and segment and refuses unknown parameters', async () => {
    expect((await call(platform, 'GET', '/v1/insights/touchpoints?stage=awareness')).body.cells).toEqual([]);
    const over50 = await call(platform, 'GET', '/v1/insights/touchpoints?stage=post_purchase&segment=over_50');
    expect(over50.body.cells.map((cell: { segment: string }) => cell.segment)).toEqual(['over_50']);
    expect((await call(platform, 'GET', '/v1/insights/touchpoints?stage=checkout')).status).toBe(400);
    expect((await call(platform, 'GET', '/v1/insights/touchpoints?segmnt=over_50')).status).toBe(400);
  });

  it('is in the OpenAPI document', async () => {
    const openapi = (await call(platform, 'GET', '/v1/openapi.json')).body;
    const operation = openapi.paths['/v1/insights/touchpoints'].get;
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['stage', 'segment']);
    expect(resolveSchema(openapi, operation.responses['200'].content['application/json'].schema).properties.cells).toBeDefined();
  });
});
