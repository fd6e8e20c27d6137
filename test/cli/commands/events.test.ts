import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { startTestPlatform, TestClock } from '../../support/local-api';
import { sendEmailTo, startClickExperiment } from '../../support/running-experiment';
import { runCli } from '../cli-harness';

const clock = new TestClock(new Date('2026-06-01T10:00:00Z'));
let platform: LocalPlatform;
let dir: string;
let experimentId: string;
let env: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform('cli-events-file', { clock });
  experimentId = await startClickExperiment(platform);
  dir = mkdtempSync(join(tmpdir(), 'channel-lab-events-'));
  env = { CHANNEL_LAB_URL: platform.url };
});
afterAll(async () => {
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('events --file events.jsonl', () => {
  it('records every line in batches with progress; says which did not count and why; a rerun is all duplicates', async () => {
    const ids = [await sendEmailTo(platform, experimentId, 'e-1'), await sendEmailTo(platform, experimentId, 'e-2')];
    const at = clock.now().toISOString();
    const lines = [
      { eventId: 'f-1', type: 'clicked', occurredAt: at, assignmentId: ids[0] },
      { eventId: 'f-2', type: 'opened', occurredAt: at, assignmentId: ids[1] },
      { eventId: 'f-3', type: 'clicked', occurredAt: at, experimentId, customerId: 'e-2' },
    ];
    writeFileSync(join(dir, 'events.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n\n`);
    const first = await runCli(['events', '--file', 'events.jsonl', '--batch-size', '2'], env, dir);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/recording .* 100 % 3\/3/);
    expect(first.stdout).toMatch(/^3 events: 2 counted, 1 recorded$/m);
    expect(first.stdout).toMatch(/events.jsonl:2: not counted \(not_goal\): opened is not this experiment's goal/);
    const again = await runCli(['events', '--file', 'events.jsonl'], env, dir);
    expect(again.stdout).toMatch(/^3 events: 3 duplicate$/m);
  });

  it.each([
    { name: 'a line that is not JSON', text: '{"eventId":"x"\n', code: 1, expected: /bad.jsonl:1: not JSON/ },
    { name: 'an event the API rejects', text: '{"eventId":"r-1","type":"liked","occurredAt":"2026-06-01T10:00:00Z","assignmentId":"a"}\n', code: 1, expected: /bad.jsonl:1: rejected: invalid event: type/ },
  ])('$name: exit $code, the line named', async ({ text, code, expected }) => {
    writeFileSync(join(dir, 'bad.jsonl'), text);
    const result = await runCli(['events', '--file', 'bad.jsonl'], env, dir);
    expect(result.code).toBe(code);
    expect(`${result.stdout}${result.stderr}`).toMatch(expected);
  });
});
