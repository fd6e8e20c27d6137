import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { startTestPlatform, TestClock } from '../../support/local-api';
import { startClickExperiment } from '../../support/running-experiment';
import { runCli } from '../cli-harness';

let platform: LocalPlatform;
let dir: string;
let experimentId: string;
let env: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform('cli-send-file', { clock: new TestClock(new Date('2026-06-01T10:00:00Z')) });
  experimentId = await startClickExperiment(platform);
  dir = mkdtempSync(join(tmpdir(), 'channel-lab-send-'));
  env = { CHANNEL_LAB_URL: platform.url };
});
afterAll(async () => {
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (count: number, from = 0) => Array.from({ length: count }, (_, index) => `c-${from + index},c${from + index}@example.com,email,${30 + index}`).join('\n');

describe('send <id> --file recipients.csv', () => {
  it('sends every row in batches with progress, and prints the count per status and each suppressed row with its line', async () => {
    writeFileSync(join(dir, 'recipients.csv'), `customerId,email,consents,attributes.age\n${rows(5)}\nnobody,,,\n`);
    const { code, stdout, stderr } = await runCli(['send', experimentId, '--file', 'recipients.csv', '--batch-size', '2'], env, dir);
    expect(code).toBe(0);
    expect(stderr).toMatch(/sending .* 100 % 6\/6/);
    expect(stdout).toMatch(/^6 recipients: 5 queued, 1 suppressed$/m);
    expect(stdout).toMatch(/recipients.csv:7: suppressed \(unknown_customer\): customer nobody has no profile/);
    await platform.queue.drain();
    expect((await platform.deps.outbox?.list({ experimentId }))?.length).toBe(5);
  });

  it.each([
    { name: 'an unknown column', text: 'customerId,mail\nc-1,x@example.com\n', expected: /recipients-bad.csv:1: unknown column mail/ },
    { name: 'a row without customerId', text: 'customerId,email\n,x@example.com\n', expected: /recipients-bad.csv:2: no customerId/ },
    { name: 'a consent that is not a channel', text: 'customerId,consents\nc-1,fax\n', expected: /recipients-bad.csv:2: consents: "fax" is not a channel/ },
    { name: 'an unclosed quote', text: 'customerId,email\n"c-1,x@example.com\n', expected: /recipients-bad.csv:2: a quoted cell is not closed/ },
  ])('refuses $name before sending anything', async ({ text, expected }) => {
    writeFileSync(join(dir, 'recipients-bad.csv'), text);
    const { code, stderr } = await runCli(['send', experimentId, '--file', 'recipients-bad.csv'], env, dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(expected);
  });

  it('a row the API rejects: the others go, exit 1, the line named', async () => {
    writeFileSync(join(dir, 'one-bad.csv'), `customerId,email,consents\nok-1,ok1@example.com,email\nbad-1,not-an-email,email\n`);
    const { code, stdout } = await runCli(['send', experimentId, '--file', 'one-bad.csv'], env, dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/2 recipients: 1 queued, 1 rejected/);
    expect(stdout).toMatch(/one-bad.csv:3: rejected: .*email/);
  });
});
