import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveSchema } from '../../support/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { RESULTS_CSV_COLUMNS } from '../../../shared/domain/results/results-csv';
import { ExperimentResultsSchema } from '../../../shared/domain/results/results-schema';
import { surveyExperiment } from '../../support/experiments';
import { call, startTestPlatform, TestClock } from '../../support/local-api';
import { type GroundTruth, runSurvey } from './results-fixtures';

/** DynamoDB commands that read. */
const READ_COMMANDS = new Set(['GetCommand', 'QueryCommand', 'ScanCommand', 'BatchGetCommand', 'TransactGetCommand', 'GetItemCommand', 'QueryItemCommand']);

/** Records the reads (and their consumed capacity) every adapter sends through the shared document client. */
class ReadMeter {
  reads: { command: string; capacity: number }[] = [];
  private on = false;

  constructor(client: DynamoDBDocumentClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const measuring = this.on && READ_COMMANDS.has(context.commandName ?? '');
        if (measuring) (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        if (measuring) this.reads.push({ command: context.commandName ?? '?', capacity: (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity?.CapacityUnits ?? Number.NaN });
        return result;
      },
      { step: 'initialize', name: 'readMeter', override: true },
    );
  }

  /** Reads made while `fn` runs. */
  async measure<T>(fn: () => Promise<T>): Promise<{ value: T; reads: { command: string; capacity: number }[] }> {
    this.reads = [];
    this.on = true;
    try {
      return { value: await fn(), reads: this.reads };
    } finally {
      this.on = false;
    }
  }
}

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF records) for checking the export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (quoted && char === '"') {
      quoted = false;
    } else if (quoted) {
      field += char;
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

const clock = new TestClock(new Date('2026-03-02T10:00:00Z'));
let platform: LocalPlatform;
let meter: ReadMeter;
let id: string;
let truth: GroundTruth;

beforeAll(async () => {
  platform = await startTestPlatform('results', { clock });
  meter = new ReadMeter((platform.deps.experiments as unknown as { client: DynamoDBDocumentClient }).client);
  ({ id, truth } = await runSurvey(platform, clock, { customers: 120, prefix: 'res', overrides: { policy: { holdout: 0.1 } } }));
});
afterAll(async () => platform.stop());

const sum = (map: Map<string, number>, filter: (key: string) => boolean = () => true) => [...map].filter(([key]) => filter(key)).reduce((total, [, n]) => total + n, 0);

describe('GET /v1/experiments/{id}/results', () => {
  it('answers the dashboard contract with counts equal to what was sent and answered', async () => {
    const response = await call(platform, 'GET', `/v1/experiments/${id}/results`);
    expect(response.status).toBe(200);
    const results = ExperimentResultsSchema.parse(response.body);
    expect(results).toMatchObject({ experimentId: id, name: 'Post-purchase survey', stage: 'post_purchase', status: 'running', allocationVersion: 1, goal: { event: 'survey_completed' } });
    expect(results.segments.map((segment) => segment.segment)).toEqual(['over_50', 'default']);
    for (const segment of results.segments) {
      for (const arm of segment.arms) {
        const key = `${segment.segment}/${arm.channel}`;
        expect({ key, sends: arm.sends, responses: arm.responses, matured: arm.maturedSends }).toEqual({ key, sends: truth.sends.get(key) ?? 0, responses: truth.responses.get(key) ?? 0, matured: truth.sends.get(key) ?? 0 });
        const scores = truth.scores.get(key) ?? [];
        if (scores.length > 0) expect(arm.value).toEqual({ count: scores.length, mean: expect.closeTo(scores.reduce((a, b) => a + b, 0) / scores.length, 9) });
        expect(arm.ci95?.[0]).toBeLessThanOrEqual(arm.rate);
        expect(arm.ci95?.[1]).toBeGreaterThanOrEqual(arm.rate);
        expect(arm.ipwRate === null).toBe(arm.sends === 0);
      }
      expect(segment.sends).toBe(sum(truth.sends, (key) => key.startsWith(`${segment.segment}/`)));
      expect(segment.holdout.sends).toBe(truth.holdout.get(segment.segment) ?? 0);
      expect(segment.holdout.responses).toBe(truth.holdoutResponses.get(segment.segment) ?? 0);
      expect(segment.arms.reduce((total, arm) => total + arm.probabilityBest, 0)).toBeCloseTo(1, 6);
    }
    expect(results.totals.sends).toBe(sum(truth.sends));
    expect(results.totals.responses).toBe(sum(truth.responses));
    expect(results.totals.byChannel.sms?.sends).toBe(sum(truth.sends, (key) => key.endsWith('/sms')));
    expect(results.history).toHaveLength(2);
    expect(results.history[0]).toMatchObject({ at: clock.now().toISOString(), segment: 'over_50' });
    // The over-50s answer SMS at 50 %, email at 20 %: SMS leads there.
    expect(results.segments[0]?.leader).toBe('sms');
    expect(results.segments[1]?.leader).toBe('email');
    // docs/reading-results.md's example is this answer: `RESULTS_EXAMPLE_OUT=dir` writes it (JSON and CSV) there.
    const out = process.env['RESULTS_EXAMPLE_OUT'];
    if (out !== undefined) {
      const csv = await (await fetch(`${platform.url}/v1/experiments/${id}/results?format=csv`)).text();
      await writeFile(join(out, 'results-example.json'), `${JSON.stringify(response.body, null, 2)}\n`);
      await writeFile(join(out, 'results-example.csv'), csv);
    }
  });

  it('answers a repeat poll with its ETag with 304, in at most two reads; a new allocation changes the ETag', async () => {
    const first = await meter.measure(() => call(platform, 'GET', `/v1/experiments/${id}/results`));
    const etag = first.value.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"r\d+\.1"$/);
    expect(first.value.headers.get('cache-control')).toBe('private, max-age=180');
    const repeat = await meter.measure(() => call(platform, 'GET', `/v1/experiments/${id}/results`, undefined, { 'if-none-match': etag }));
    expect(repeat.value.status).toBe(304);
    expect(repeat.value.headers.get('etag')).toBe(etag);
    const capacity = (reads: { capacity: number }[]) => reads.reduce((total, read) => total + read.capacity, 0);
    console.log(
      `results reads per poll: full ${first.reads.length} reads (${first.reads.map((read) => `${read.command} ${read.capacity} RCU`).join(', ')}; ${capacity(first.reads)} RCU), ` +
        `304 ${repeat.reads.length} read (${capacity(repeat.reads)} RCU)`,
    );
    expect(first.reads.length).toBeLessThanOrEqual(2);
    expect(repeat.reads.length).toBeLessThanOrEqual(2);
    expect(first.reads.every((read) => Number.isFinite(read.capacity))).toBe(true);

    clock.advance(15 * 60_000);
    await call(platform, 'POST', `/v1/experiments/${id}/reallocate`);
    const moved = await call(platform, 'GET', `/v1/experiments/${id}/results`, undefined, { 'if-none-match': etag });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).not.toBe(etag);
    expect(moved.body.allocationVersion).toBe(2);
  });

  it('exports one CSV row per segment × arm that parses back to the JSON figures', async () => {
    const csv = await fetch(`${platform.url}/v1/experiments/${id}/results?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(await csv.text());
    expect(rows[0]).toEqual([...RESULTS_CSV_COLUMNS]);
    const json = (await call(platform, 'GET', `/v1/experiments/${id}/results`)).body;
    expect(rows).toHaveLength(1 + json.segments.length * 2);
    const records = rows.slice(1).map((row) => Object.fromEntries(RESULTS_CSV_COLUMNS.map((column, index) => [column, row[index]])));
    for (const record of records) {
      const segment = json.segments.find((entry: { segment: string }) => entry.segment === record.segment);
      const arm = segment.arms.find((entry: { channel: string }) => entry.channel === record.channel);
      expect(Number(record.sends)).toBe(arm.sends);
      expect(Number(record.responses)).toBe(arm.responses);
      expect(Number(record.rate)).toBe(arm.rate);
      expect(record.is_leader).toBe(String(segment.leader === arm.channel));
      expect({ status: record.segment_status, assessment: record.assessment, summary: record.summary, recommendation: record.recommendation, missing: record.missing }).toEqual({
        status: segment.status,
        assessment: arm.assessment,
        summary: arm.summary,
        recommendation: segment.recommendation,
        missing: segment.missing.map((entry: { text: string }) => entry.text).join('; '),
      });
    }
    expect(csv.headers.get('etag')).toMatch(/\.csv"$/);
  });

  it('limits history with ?since= and refuses unknown or malformed parameters', async () => {
    const all = (await call(platform, 'GET', `/v1/experiments/${id}/results`)).body;
    expect(all.history).toHaveLength(4);
    const since = all.history[3].at as string;
    const recent = await call(platform, 'GET', `/v1/experiments/${id}/results?since=${encodeURIComponent(since)}`);
    expect(recent.body.history.map((point: { at: string }) => point.at)).toEqual([since, since]);
    expect(recent.headers.get('etag')).not.toBe((await call(platform, 'GET', `/v1/experiments/${id}/results`)).headers.get('etag'));
    expect((await call(platform, 'GET', `/v1/experiments/${id}/results?sinse=2026-01-01T00:00:00Z`)).status).toBe(400);
    expect((await call(platform, 'GET', `/v1/experiments/${id}/results?since=yesterday`)).status).toBe(400);
    expect((await call(platform, 'GET', `/v1/experiments/${id}/results?format=xlsx`)).status).toBe(400);
    expect((await call(platform, 'GET', '/v1/experiments/nope/results')).status).toBe(404);
  });

  it('answers before the first allocation with zeros and allocation version 0', async () => {
    const created = await call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: 'Fresh' }));
    const draft = await call(platform, 'GET', `/v1/experiments/${created.body.id}/results`);
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ status: 'draft', allocationVersion: 0, totals: { sends: 0, responses: 0 }, history: [] });
    expect(draft.body.segments).toHaveLength(2);
    expect(draft.body.segments[0].arms[0]).toMatchObject({ sends: 0, responses: 0, weight: 0.5, ci95: null });
  });

  it('lists experiments with a one-line summary', async () => {
    const listed = await call(platform, 'GET', '/v1/experiments?status=running');
    const item = listed.body.items.find((entry: { id: string }) => entry.id === id);
    expect(item.summary).toMatchObject({ status: 'running', allocationVersion: 2, sends: sum(truth.sends) });
    expect(item.summary.line).toMatch(new RegExp(`^running · ${sum(truth.sends)} sends, ${sum(truth.responses)} responses · over_50: sms \\((leading|winner)\\) · default: email`));
    console.log(`listing summary: ${item.summary.line}`);
  });

  it('documents the route in the OpenAPI document', async () => {
    const openapi = (await call(platform, 'GET', '/v1/openapi.json')).body;
    const operation = openapi.paths['/v1/experiments/{id}/results'].get;
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['id', 'format', 'since', 'If-None-Match']);
    expect(Object.keys(resolveSchema(openapi, operation.responses['200'].content['application/json'].schema).properties)).toEqual(expect.arrayContaining(['segments', 'totals', 'history', 'followUps']));
  });
});
