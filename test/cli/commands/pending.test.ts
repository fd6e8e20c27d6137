/**
 * `pending <customerId>` and `events --file` with customer events, against the local platform with
 * a test clock: a customer event triggers a send (the file's line says which and when due), an exit
 * event cancels another, a re-run triggers nothing twice; `pending` lists the customer's triggered
 * sends with their outcome, filters by status, and refuses a status that does not exist.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { cartReminderExperiment } from '../../support/experiments';
import { call, startTestPlatform, TestClock } from '../../support/local-api';
import { runCli } from '../cli-harness';

const T0 = new Date('2026-11-03T09:00:00Z');
const clock = new TestClock(T0);
let platform: LocalPlatform;
let dir: string;
let env: Record<string, string>;
let reminder: string;

beforeAll(async () => {
  platform = await startTestPlatform('cli-pending', { clock });
  const created = await call(platform, 'POST', '/v1/experiments', cartReminderExperiment());
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  reminder = created.body.id as string;
  expect((await call(platform, 'POST', `/v1/experiments/${reminder}/start`)).status).toBe(200);
  dir = mkdtempSync(join(tmpdir(), 'channel-lab-pending-'));
  env = { CHANNEL_LAB_URL: platform.url };
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000).toISOString();

describe('customer events from a file, then a customer’s pending sends', () => {
  it('says what each customer event triggered or exited; a re-run is all duplicates', async () => {
    const lines = [
      { kind: 'customer', eventId: 'ev-1', name: 'cart_abandoned', customerId: 'p-1', occurredAt: at(0), properties: { firstName: 'Ana' } },
      { kind: 'customer', eventId: 'ev-2', name: 'cart_abandoned', customerId: 'p-2', occurredAt: at(0), properties: { firstName: 'Bo' } },
      { kind: 'customer', eventId: 'ev-3', name: 'order_placed', customerId: 'p-2', occurredAt: at(5) },
      { kind: 'customer', eventId: 'ev-4', name: 'page_viewed', customerId: 'p-1', occurredAt: at(6) },
    ];
    clock.set(new Date(at(10))); // every event has happened
    writeFileSync(join(dir, 'customer-events.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const first = await runCli(['events', '--file', 'customer-events.jsonl'], env, dir); // one batch: the exit follows its trigger
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout).toMatch(/^4 events: 1 exited, 1 recorded, 2 triggered$/m);
    expect(first.stdout).toContain(`customer-events.jsonl:1: triggered a send of ${reminder}, due ${new Date(T0.getTime() + 60 * 60_000).toISOString()}`);
    expect(first.stdout).toMatch(/customer-events.jsonl:3: exited 1 waiting send$/m);
    const again = await runCli(['events', '--file', 'customer-events.jsonl'], env, dir);
    expect(again.stdout).toMatch(/^4 events: 4 duplicate$/m);
  });

  it('lists a customer’s pending sends with their outcome, and filters by status', async () => {
    const waiting = await runCli(['pending', 'p-1'], env, dir);
    expect(waiting.code, waiting.stderr).toBe(0);
    expect(waiting.stdout.split('\n')[0]).toMatch(/^ID\s+EXPERIMENT\s+EVENT\s+STATUS\s+DUE\s+OUTCOME$/);
    expect(waiting.stdout).toMatch(new RegExp(`${reminder}\\s+cart_abandoned \\(ev-1\\)\\s+waiting\\s+2026-11-03T10:00:00`));
    const exited = await runCli(['pending', 'p-2', '--status', 'exited'], env, dir);
    expect(exited.stdout).toMatch(/exited\s+\S+\s+exited: exit_event \(ev-3\)/);
    expect((await runCli(['pending', 'p-2', '--status', 'waiting'], env, dir)).stdout).toBe('no pending sends for p-2 (waiting)\n');
    expect((await runCli(['pending', 'nobody'], env, dir)).stdout).toBe('no pending sends for nobody\n');
  });

  it('refuses a status that does not exist, and asks for the customer', async () => {
    const bad = await runCli(['pending', 'p-1', '--status', 'late'], env, dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--status must be one of waiting, firing, sent, suppressed, exited \(got "late"\)/);
    const missing = await runCli(['pending'], env, dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('see "npm run cli -- pending --help"');
    expect((await runCli(['pending', '--help'], env, dir)).stdout).toContain('Usage: npm run cli -- pending <customerId>');
  });
});
