import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { startTestPlatform, TestClock } from '../../support/local-api';
import { startClickExperiment } from '../../support/running-experiment';
import { runCli } from '../cli-harness';

let platform: LocalPlatform;
let experimentId: string;
let env: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform('cli-results-watch', { clock: new TestClock(new Date('2026-06-01T10:00:00Z')) });
  experimentId = await startClickExperiment(platform);
  await platform.runSchedule();
  env = { CHANNEL_LAB_URL: platform.url };
});
afterAll(async () => platform.stop());

describe('results <id> --watch', () => {
  it('prints the table once, then nothing while the results are unchanged (304), and says when they refresh', async () => {
    const { code, stdout } = await runCli(['results', experimentId, '--watch', '--interval', '0', '--max-polls', '3'], env);
    expect(code).toBe(0);
    expect(stdout.match(/allocation 1 \(watching; Ctrl-C stops\)/g)).toHaveLength(1);
    expect(stdout).toMatch(/counted until a few seconds before it; those since then show at the next one, due 10:15 UTC/);
  });

  it.each([
    { argv: ['--watch', '--format', 'csv'], expected: /--watch prints tables/ },
    { argv: ['--watch', '--interval', 'soon'], expected: /--interval must be a number ≥ 0/ },
  ])('refuses $argv', async ({ argv, expected }) => {
    const { code, stderr } = await runCli(['results', experimentId, ...argv], env);
    expect(code).toBe(2);
    expect(stderr).toMatch(expected);
  });
});
