import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../cli/main';
import type { LocalPlatform } from '../../../local/platform';
import type { SimulationClock } from '../../../simulator/clock';
import { startTestPlatform, TestClock } from '../../support/local-api';

const START = new Date('2026-03-02T09:00:00Z');
/** Minutes between the platform's scheduled runs, as the stack's schedule (here every 10 simulated minutes). */
const SCHEDULE_MS = 10 * 60_000;

const EXPERIMENT = `name: Simulated reminder
stage: purchase
channels:
  - channel: sms
    text: Your cart is waiting
  - channel: email
    subject: Your cart
    text: "It is waiting. {{unsubscribeUrl}}"
goal: { event: converted, windowHours: 1 }
policy: { holdout: 0, updateEveryMinutes: 10 }
`;

const SCENARIO = `seed: 5
duration: 2h
tick: 10m
arrivalsPerMinute: 1
customers:
  - kind: texters
    share: 1
    attributes: { age: 60 }
    reachable: [email, sms]
delays:
  sms: { median: 2m }
  email: { median: 10m }
experiments:
  - file: reminder.yaml
    rates:
      texters: { sms: 0.5, email: 0.05 }
`;

/** Simulated time that jumps to each instant asked for, running the platform's schedule on the way. */
class JumpingClock implements SimulationClock {
  private lastSchedule = 0;
  constructor(
    private readonly clock: TestClock,
    private readonly platform: LocalPlatform,
  ) {}
  now(): Date {
    return this.clock.now();
  }
  async sleepUntil(at: Date): Promise<void> {
    if (at.getTime() > this.clock.now().getTime()) this.clock.set(at);
    await this.platform.queue.drain();
    if (at.getTime() - this.lastSchedule >= SCHEDULE_MS) {
      this.lastSchedule = at.getTime();
      await this.platform.runSchedule();
    }
  }
}

let platform: LocalPlatform;
let dir: string;
const clock = new TestClock(START);

beforeAll(async () => {
  platform = await startTestPlatform('cli-simulate', { clock });
  dir = mkdtempSync(join(tmpdir(), 'channel-lab-simulate-'));
  writeFileSync(join(dir, 'reminder.yaml'), EXPERIMENT);
  writeFileSync(join(dir, 'scenario.yaml'), SCENARIO);
});
afterAll(async () => {
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function simulate(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['simulate', ...argv], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { CHANNEL_LAB_URL: platform.url },
    cwd: dir,
    simulationClock: () => new JumpingClock(clock, platform),
  });
  return { code, stdout, stderr };
}

describe('npm run cli -- simulate <scenario.yaml>', () => {
  it('applies and starts the experiment, prints the truth, runs with a progress bar, and traffic moves to the best channel', async () => {
    const { code, stdout, stderr } = await simulate(['scenario.yaml']);
    expect(stderr).toMatch(/simulated minutes .* 100 % 120\/120/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/experiment \w+ "Simulated reminder" \(purchase\): created, started/);
    expect(stdout).toMatch(/texters\s+100 %\s+default\s+50\.0 % \*\s+5\.0 %/);
    expect(stdout).toMatch(/Done: 110 customers, 110 messages/);
    expect(stdout).toMatch(/Simulated reminder: default → sms \d+ % \(true best ✓\)/);
  }, 180_000);

  it('a rerun finds the experiment (nothing created twice)', async () => {
    const { code, stdout } = await simulate(['scenario.yaml', '--duration', '10m']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/"Simulated reminder" \(purchase\): found$/m);
  }, 60_000);

  it.each([
    { name: 'a scenario naming an unknown customer kind', text: SCENARIO.replace('texters: { sms', 'nobody: { sms'), expected: /scenario.yaml:\d+: experiments\[0\]\.rates\.nobody: no customer kind "nobody"/ },
    { name: 'a bad duration', text: SCENARIO.replace('duration: 2h', 'duration: soon'), expected: /scenario.yaml:2: duration: "soon" is not a duration/ },
  ])('refuses $name with its line', async ({ text, expected }) => {
    writeFileSync(join(dir, 'bad.yaml'), text);
    const { code, stderr } = await simulate(['bad.yaml']);
    expect(code).toBe(1);
    expect(stderr.replace('bad.yaml', 'scenario.yaml')).toMatch(expected);
  });
});
