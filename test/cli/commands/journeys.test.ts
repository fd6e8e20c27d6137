/**
 * `journeys create <file>` and `journeys list` against the local platform: a journey from a YAML
 * file and from a JSON file, a re-run that creates nothing, a file the journey schema refuses (each
 * problem at its line, nothing sent), a refusal by the API, and a command line not understood.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { surveyExperiment } from '../../support/experiments';
import { call, startTestPlatform } from '../../support/local-api';
import { JourneyDefinitionSchema } from '../../../shared/domain/journeys/journey-definition';
import { checkYaml } from '../../../cli/yaml-definition';
import { runCli } from '../cli-harness';

let platform: LocalPlatform;
let dir: string;
let env: Record<string, string>;
let cart: string;
let survey: string;
let welcome: string;

async function create(overrides: Record<string, unknown>): Promise<string> {
  const created = await call(platform, 'POST', '/v1/experiments', surveyExperiment(overrides));
  expect(created.status).toBe(201);
  return created.body.id as string;
}

beforeAll(async () => {
  platform = await startTestPlatform('cli-journeys');
  cart = await create({ name: 'Cart reminder', stage: 'purchase' });
  survey = await create({ name: 'Survey', stage: 'post_purchase' });
  welcome = await create({ name: 'Welcome', stage: 'awareness' });
  dir = mkdtempSync(join(tmpdir(), 'channel-lab-journeys-'));
  env = { CHANNEL_LAB_URL: platform.url };
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('journeys create and list', () => {
  it('creates a journey from YAML, says so once (a re-run is the same journey), and lists it', async () => {
    writeFileSync(join(dir, 'after-order.yaml'), `name: After the order\nstages:\n  - stage: purchase\n    experimentIds: [${cart}]\n  - stage: post_purchase\n    experimentIds: [${survey}]\ncap: { messages: 3, perDays: 7 }\n`);
    const first = await runCli(['journeys', 'create', 'after-order.yaml'], env, dir);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(new RegExp(`^created (\\S+) \\(version 1\\): "After the order", 3 per 7 d, purchase: ${cart} → post_purchase: ${survey}\\n$`));
    const id = /^created (\S+)/.exec(first.stdout)?.[1];
    const again = await runCli(['journeys', 'create', 'after-order.yaml'], env, dir);
    expect(again.stdout).toMatch(new RegExp(`^already created ${id} \\(version 1\\)`));
    expect(((await call(platform, 'GET', '/v1/journeys')).body.items as unknown[]).length).toBe(1);
    const listed = await runCli(['journeys', 'list'], env, dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^ID\s+VERSION\s+NAME\s+CAP\s+STAGES$/);
    expect(listed.stdout).toContain(`${id}`);
    expect(listed.stdout).toContain('After the order');
  });

  it('reads JSON too', async () => {
    writeFileSync(join(dir, 'welcome.json'), JSON.stringify({ name: 'Welcome series', stages: [{ stage: 'awareness', experimentIds: [welcome] }] }));
    const result = await runCli(['journeys', 'create', 'welcome.json'], env, dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created \S+ \(version 1\): "Welcome series", no cap, awareness: /);
  });

  it('names each problem of an invalid file at its line and sends nothing', async () => {
    writeFileSync(join(dir, 'bad.yaml'), `name: ""\nstages:\n  - stage: post_purchase\n    experimentIds: [x]\n  - stage: purchase\n    experimentIds: [y]\ncap: { messages: 0, perDays: 7 }\n`);
    const before = ((await call(platform, 'GET', '/v1/journeys')).body.items as unknown[]).length;
    const result = await runCli(['journeys', 'create', 'bad.yaml'], env, dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^bad.yaml:1: name: name is required$/m);
    expect(result.stderr).toMatch(/^bad.yaml:5: stages\[1\]\.stage: stages follow the journey order/m);
    expect(result.stderr).toMatch(/^bad.yaml:7: cap\.messages: cap\.messages must be ≥ 1$/m);
    expect(result.stderr).toMatch(/3 problems in bad.yaml; nothing was sent/);
    expect(((await call(platform, 'GET', '/v1/journeys')).body.items as unknown[]).length).toBe(before);
  });

  it('prints the API’s refusal with its code (an experiment already in another journey)', async () => {
    writeFileSync(join(dir, 'again.yaml'), `name: Cart again\nstages:\n  - stage: purchase\n    experimentIds: [${cart}]\n`);
    const result = await runCli(['journeys', 'create', 'again.yaml'], env, dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/409|journey_conflict/);
    expect(result.stderr).toContain(cart);
  });

  it.each([
    [['journeys'], /say what to do: journeys create <journey.yaml> or journeys list/],
    [['journeys', 'delete'], /unknown action "delete" \(actions: create, list\)/],
    [['journeys', 'create'], /create needs a file/],
  ])('%j is a usage error (exit 2) saying what is wrong', async (argv, message) => {
    const result = await runCli(argv, env, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('see "npm run cli -- journeys --help"');
  });

  it('has help', async () => {
    const result = await runCli(['journeys', '--help'], env, dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run cli -- journeys create <journey.yaml|journey.json> | journeys list');
    expect((await runCli(['--help'], env, dir)).stdout).toMatch(/journeys\s+create a journey from a YAML or JSON file, or list journeys/);
  });

  it('ships an example the journey schema accepts (its key apart)', () => {
    const check = checkYaml(readFileSync(new URL('../../../examples/journey.yaml', import.meta.url), 'utf8'), JourneyDefinitionSchema, 'journey definition', 'a journey');
    expect(check.ok && check.key).toBe('after-the-order');
  });

  it('says which file is missing', async () => {
    const result = await runCli(['journeys', 'create', 'nowhere.yaml'], env, dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read nowhere.yaml: no such file/);
  });
});
