import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortInUseError, scaleMaxAge, startLocalPlatform } from '../../local/platform';

/** Java processes started by this test process (DynamoDB Local's JVM would be one). */
function javaChildren(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((line) => /\bjava\b/.test(line));
}

let blocker: Server;
let port: number;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
  port = (blocker.address() as { port: number }).port;
});
afterAll(async () => new Promise<void>((resolve) => blocker.close(() => resolve())));

describe('startLocalPlatform', () => {
  it('on a port in use: a message that says what to do, and no DynamoDB Local JVM left running', async () => {
    const before = javaChildren();
    const failure = await startLocalPlatform({ port }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PortInUseError);
    expect((failure as Error).message).toBe(`port ${port} is already in use (another \`npm start\`?): stop that process, or choose another port, e.g. PORT=${port + 1} npm start`);
    expect(javaChildren()).toEqual(before);
  });

  it.each([
    { header: 'private, max-age=180', scale: 360, expected: 'private, max-age=1' },
    { header: 'private, max-age=180', scale: 60, expected: 'private, max-age=3' },
    { header: 'no-store', scale: 360, expected: 'no-store' },
  ])('scaleMaxAge($header, $scale) = $expected (cache lifetimes on a simulated clock)', ({ header, scale, expected }) => {
    expect(scaleMaxAge(header, scale)).toBe(expected);
  });
});
