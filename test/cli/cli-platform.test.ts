import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalPlatform, startLocalPlatform } from '../../local/platform';
import { call, TestClock, fixedSeeds } from '../support/local-api';
import { runCli } from './cli-harness';

/**
 * The CLI against the local platform with API keys required: apply a YAML file (idempotently),
 * update the draft, start, send, read results, and refuse a broken file with line numbers.
 */

const EXAMPLE = new URL('../../examples/post-purchase-survey.yaml', import.meta.url);
const FILE = 'survey.yaml';
const NOON_IN_PARIS = new Date('2026-11-02T11:00:00Z');

let platform: LocalPlatform;
let workDir: string;
let env: Record<string, string>;
let experimentId: string;

beforeAll(async () => {
  platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `test-cli-${Date.now().toString(36)}`,
    scheduleEveryMs: 0,
    auth: true,
    clock: new TestClock(NOON_IN_PARIS),
    seeds: fixedSeeds(),
  });
  workDir = mkdtempSync(join(tmpdir(), 'channel-lab-cli-'));
  // No holdout here, so that the one test send is always messaged.
  writeFileSync(join(workDir, FILE), readFileSync(EXAMPLE, 'utf8').replace('holdout: 0.05', 'holdout: 0'));
  env = { CHANNEL_LAB_URL: platform.url, CHANNEL_LAB_API_KEY: platform.adminKey ?? '' };
});
afterAll(async () => {
  await platform.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli(argv, env, workDir);
const admin = () => ({ 'x-api-key': platform.adminKey ?? '' });

describe('the CLI on the local platform', () => {
  it('refuses calls without the API key, printing the API error (exit 1)', async () => {
    const result = await runCli(['list'], { CHANNEL_LAB_URL: platform.url }, workDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .+ \(unauthorized, HTTP 401\)/);
  });

  it('applies a file twice: one experiment', async () => {
    const first = await cli('apply', FILE);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const created = /^created (\w+) \(draft, version 1\): Post-purchase survey$/m.exec(first.stdout);
    expect(created, first.stdout).not.toBeNull();
    experimentId = created?.[1] ?? '';

    const second = await cli('apply', FILE);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(`unchanged ${experimentId} (draft, version 1): Post-purchase survey\n`);

    const list = await cli('list', '--status', 'draft');
    expect(list.code).toBe(0);
    expect(list.stdout.match(new RegExp(experimentId, 'g'))).toHaveLength(1);
    expect(list.stdout.trim().split('\n')).toHaveLength(2); // header + one experiment
  });

  it("updates the draft when the file changed (version 2), then it's unchanged again", async () => {
    const path = join(workDir, FILE);
    writeFileSync(path, readFileSync(path, 'utf8').replace('name: Post-purchase survey', 'name: Post-purchase survey v2'));
    const updated = await cli('apply', FILE);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toBe(`updated ${experimentId} (draft, version 2): Post-purchase survey v2\n`);
    const again = await cli('apply', FILE);
    expect(again.stdout).toBe(`unchanged ${experimentId} (draft, version 2): Post-purchase survey v2\n`);
    const stored = await call(platform, 'GET', `/v1/experiments/${experimentId}`, undefined, admin());
    expect(stored.body.definition.name).toBe('Post-purchase survey v2');
  });

  it('starts, then refuses to apply a changed file to a running experiment', async () => {
    const started = await cli('start', experimentId);
    expect(started.code).toBe(0);
    expect(started.stdout).toContain(`${experimentId} (running, version 3)`);

    const path = join(workDir, FILE);
    writeFileSync(path, readFileSync(path, 'utf8').replace('updateEveryMinutes: 15', 'updateEveryMinutes: 30'));
    const refused = await cli('apply', FILE);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`experiment ${experimentId} is running: only a draft's definition can change`);

    const again = await cli('start', experimentId);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/cannot start an experiment that is running .*\(invalid_state, HTTP 409\)/);
  });

  it('sends to a customer and prints the results table (and CSV)', async () => {
    const customer = await call(platform, 'PUT', '/v1/customers/c-42', {
      attributes: { age: 63 },
      contact: { email: 'ana@example.com', phone: '+33612345678', timezone: 'Europe/Paris' },
      consents: { email: true, sms: true, in_app: true },
    }, admin());
    expect(customer.status).toBeLessThan(300);

    const sent = await cli('send', experimentId, '--customer', 'c-42', '--var', 'firstName=Ana', '--var', 'surveyUrl=https://example.com/s');
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/^segment: seniors$/m);
    expect(sent.stdout).toMatch(/^channel: (sms|email|in_app)$/m);

    await platform.queue.drain();
    const reallocated = await call(platform, 'POST', `/v1/experiments/${experimentId}/reallocate`, undefined, admin());
    expect(reallocated.status).toBe(200);
    const results = await cli('results', experimentId);
    expect(results.code).toBe(0);
    const lines = results.stdout.split('\n');
    expect(lines[0]).toContain(`Post-purchase survey v2 (${experimentId}) · running · goal survey_completed`);
    expect(lines.find((line) => line.startsWith('SEGMENT'))).toMatch(/SEGMENT\s+CHANNEL\s+SENDS\s+RESPONSES\s+RATE\s+95% CI\s+P\(BEST\)\s+WEIGHT/);
    expect(lines.filter((line) => /^(seniors|default)\s/.test(line))).toHaveLength(6);
    expect(results.stdout).toMatch(/^total: 1 sends, 0 responses$/m);

    const csv = await cli('results', experimentId, '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toMatch(/segment/);
  });

  it('validates a broken file: exit 1, each problem at its line', async () => {
    writeFileSync(join(workDir, 'broken.yaml'), ['name: Broken', 'stage: post_purchase', 'channels:', '  - channel: sms', '    txt: hi', 'goal: { event: clicked, windowHours: 0 }', ''].join('\n'));
    const result = await cli('validate', 'broken.yaml');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('broken.yaml:5: channels[0].txt: unknown field "txt"');
    expect(result.stderr).toContain('broken.yaml:6: goal.windowHours: windowHours must be > 0');
    const apply = await cli('apply', 'broken.yaml');
    expect(apply.code).toBe(1);
  });

  it('an unknown experiment is an API error, exit 1', async () => {
    const result = await cli('pause', 'does-not-exist');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not found \(not_found, HTTP 404\)/);
  });
});
