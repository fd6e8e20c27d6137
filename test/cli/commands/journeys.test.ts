/**
 * `journeys apply <file>`, `journeys list` and `journeys delete <id>` against the local platform: a
 * journey from a YAML file and from a JSON file, a re-run that writes nothing, an edited file that
 * updates the journey, a file the journey schema refuses (each problem at its line, nothing sent), a
 * refusal by the API, a deletion that frees its experiment, and a command line not understood.
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
let edited: string;
let lonely: string;

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
  edited = await create({ name: 'Welcome, edited', stage: 'awareness' });
  lonely = await create({ name: 'Win back', stage: 'loyalty' });
  dir = mkdtempSync(join(tmpdir(), 'channel-lab-journeys-'));
  env = { CHANNEL_LAB_URL: platform.url };
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('journeys apply, list and delete', () => {
  it('creates a journey from YAML, says so once (a re-run writes nothing), and lists it', async () => {
    writeFileSync(join(dir, 'after-order.yaml'), `name: After the order\nstages:\n  - stage: purchase\n    experimentIds: [${cart}]\n  - stage: post_purchase\n    experimentIds: [${survey}]\ncap: { messages: 3, perDays: 7 }\n`);
    const first = await runCli(['journeys', 'apply', 'after-order.yaml'], env, dir);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(new RegExp(`^created (\\S+) \\(version 1\\): "After the order", 3 per 7 d, purchase: ${cart} → post_purchase: ${survey}\\n$`));
    const id = /^created (\S+)/.exec(first.stdout)?.[1];
    const again = await runCli(['journeys', 'apply', 'after-order.yaml'], env, dir);
    expect(again.stdout).toMatch(new RegExp(`^unchanged ${id} \\(version 1\\)`));
    expect(((await call(platform, 'GET', '/v1/journeys')).body.items as unknown[]).length).toBe(1);
    const listed = await runCli(['journeys', 'list'], env, dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^ID\s+VERSION\s+NAME\s+CAP\s+STAGES$/);
    expect(listed.stdout).toContain(`${id}`);
    expect(listed.stdout).toContain('After the order');
  });

  it('updates the journey when its file was edited (If-Match on the version it read), under its first name `create` too', async () => {
    writeFileSync(join(dir, 'edited.yaml'), `name: Edited\nstages:\n  - stage: awareness\n    experimentIds: [${edited}]\n`);
    const first = await runCli(['journeys', 'create', 'edited.yaml'], env, dir);
    expect(first.stdout).toMatch(/^created (\S+) \(version 1\): "Edited", no cap/);
    const id = /^created (\S+)/.exec(first.stdout)?.[1] ?? '';
    writeFileSync(join(dir, 'edited.yaml'), `name: Edited twice\nstages:\n  - stage: awareness\n    experimentIds: [${edited}]\ncap: { messages: 2, perDays: 7 }\n`);
    const updated = await runCli(['journeys', 'apply', 'edited.yaml'], env, dir);
    expect(updated).toMatchObject({ code: 0, stderr: '' });
    expect(updated.stdout).toBe(`updated ${id} (version 2): "Edited twice", 2 per 7 d, awareness: ${edited}\n`);
    const held = await call(platform, 'GET', `/v1/journeys/${id}`);
    expect(held.body).toMatchObject({ name: 'Edited twice', version: 2, cap: { messages: 2, perDays: 7 } });
    expect((await runCli(['journeys', 'apply', 'edited.yaml'], env, dir)).stdout).toMatch(new RegExp(`^unchanged ${id} \\(version 2\\)`));
  });

  it('deletes a journey by id, after which its experiment may join another journey', async () => {
    const created = await call(platform, 'POST', '/v1/journeys', { name: 'Short lived', stages: [{ stage: 'loyalty', experimentIds: [lonely] }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const result = await runCli(['journeys', 'delete', id], env, dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`deleted ${id}: "Short lived"; its experiments stay as they are and may join another journey\n`);
    expect((await call(platform, 'GET', `/v1/journeys/${id}`)).status).toBe(404);
    expect((await call(platform, 'POST', '/v1/journeys', { name: 'Again', stages: [{ stage: 'loyalty', experimentIds: [lonely] }] })).status).toBe(201);
    const missing = await runCli(['journeys', 'delete', id], env, dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/404|not_found/);
  });

  it('reads JSON too', async () => {
    writeFileSync(join(dir, 'welcome.json'), JSON.stringify({ name: 'Welcome series', stages: [{ stage: 'awareness', experimentIds: [welcome] }] }));
    const result = await runCli(['journeys', 'apply', 'welcome.json'], env, dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created \S+ \(version 1\): "Welcome series", no cap, awareness: /);
  });

  it('names each problem of an invalid file at its line and sends nothing', async () => {
    writeFileSync(join(dir, 'bad.yaml'), `name: ""\nstages:\n  - stage: post_purchase\n    experimentIds: [x]\n  - stage: purchase\n    experimentIds: [y]\ncap: { messages: 0, perDays: 7 }\n`);
    const before = ((await call(platform, 'GET', '/v1/journeys')).body.items as unknown[]).length;
    const result = await runCli(['journeys', 'apply', 'bad.yaml'], env, dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^bad.yaml:1: name: name is required$/m);
    expect(result.stderr).toMatch(/^bad.yaml:5: stages\[1\]\.stage: stages follow the journey order/m);
    expect(result.stderr).toMatch(/^bad.yaml:7: cap\.messages: cap\.messages must be ≥ 1$/m);
    expect(result.stderr).toMatch(/3 problems in bad.yaml; nothing was sent/);
    expect(((await call(platform, 'GET', '/v1/journeys')).body.items as unknown[]).length).toBe(before);
  });

  it('prints the API’s refusal with its code (an experiment already in another journey)', async () => {
    writeFileSync(join(dir, 'again.yaml'), `name: Cart again\nstages:\n  - stage: purchase\n    experimentIds: [${cart}]\n`);
    const result = await runCli(['journeys', 'apply', 'again.yaml'], env, dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/409|journey_conflict/);
    expect(result.stderr).toContain(cart);
  });

  it.each([
    [['journeys'], /say what to do: journeys apply <journey.yaml>, journeys list or journeys delete <id>/],
    [['journeys', 'remove'], /unknown action "remove" \(actions: apply, create, list, delete\)/],
    [['journeys', 'apply'], /apply needs a file/],
    [['journeys', 'create'], /create needs a file/],
    [['journeys', 'delete'], /delete needs the journey id/],
  ])('%j is a usage error (exit 2) saying what is wrong', async (argv, message) => {
    const result = await runCli(argv, env, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('see "npm run cli -- journeys --help"');
  });

  it('has help', async () => {
    const result = await runCli(['journeys', '--help'], env, dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run cli -- journeys apply <journey.yaml|journey.json> | journeys list [--limit <n>] [--cursor <cursor>] | journeys delete <id>');
    expect((await runCli(['--help'], env, dir)).stdout).toMatch(/journeys\s+create or update a journey from a YAML or JSON file, list journeys, delete one/);
  });

  it('ships an example the journey schema accepts (its key apart)', () => {
    const check = checkYaml(readFileSync(new URL('../../../examples/journey.yaml', import.meta.url), 'utf8'), JourneyDefinitionSchema, 'journey definition', 'a journey');
    expect(check.ok && check.key).toBe('after-the-order');
  });

  it('says which file is missing', async () => {
    const result = await runCli(['journeys', 'apply', 'nowhere.yaml'], env, dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read nowhere.yaml: no such file/);
  });
});
