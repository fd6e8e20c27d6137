/**
 * Starts a `moto_server` (AWS emulator) on a free port of 127.0.0.1 for one test file, and gives
 * clients the configuration to reach it. Use in `beforeAll`/`afterAll`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** Region every emulated client uses. */
export const MOTO_REGION = 'us-east-1';
/** Account id moto uses by default. */
export const MOTO_ACCOUNT_ID = '123456789012';
/** How long to wait for moto to answer after spawning it. */
const STARTUP_TIMEOUT_MS = 30_000;
/** Pause between readiness probes. */
const PROBE_INTERVAL_MS = 100;
/** How long to wait for moto to exit after SIGTERM before SIGKILL. */
const STOP_TIMEOUT_MS = 5_000;

/** A running moto server. */
export interface Moto {
  /** Base URL, e.g. `http://127.0.0.1:53211`. */
  readonly endpoint: string;
  /** Client configuration: endpoint, region and fake static credentials. */
  readonly clientConfig: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  };
  /** moto's internal model state (`/moto-api/data.json`): service → model → instances. */
  modelData(): Promise<Record<string, Record<string, Record<string, unknown>[]>>>;
  /** Stops the server. */
  stop(): Promise<void>;
}

function onPath(command: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = performance.now() + STARTUP_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await pause(PROBE_INTERVAL_MS);
  }
  throw new Error(`moto_server did not answer on ${endpoint} within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Spawns `moto_server -H 127.0.0.1 -p <free port>` and waits until it answers.
 * @throws if `moto_server` is not on PATH, with how to install it.
 */
export async function startMoto(): Promise<Moto> {
  if (!onPath('moto_server')) {
    throw new Error('moto_server not found — install it with `pip install "moto[server]"`');
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  await spawned;
  try {
    await waitUntilReady(endpoint, child, () => output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    endpoint,
    clientConfig: {
      endpoint,
      region: MOTO_REGION,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    },
    async modelData() {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      return (await response.json()) as Record<string, Record<string, Record<string, unknown>[]>>;
    },
    stop: () => stopChild(child),
  };
}
