import { inject } from 'vitest';
import { type LocalPlatform, type LocalPlatformOptions, startLocalPlatform } from '../../local/platform';
import type { SeedSource } from '../../shared/use-cases/ports/seed-source';

/** Seed of the decision seeds of test platforms (decisions are reproducible run to run). */
export const TEST_DECISION_SEED = 20_261_129;

/** Decision seeds from a fixed start (a linear congruential sequence). */
export function fixedSeeds(start: number = TEST_DECISION_SEED): SeedSource {
  let seed = start;
  return { nextSeed: () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) };
}

/** A local platform on a free port, on the run's DynamoDB Local, with its own table and fixed decision seeds. */
export async function startTestPlatform(label: string, options: Pick<LocalPlatformOptions, 'clock' | 'auth' | 'seeds' | 'linkKeys'> = {}): Promise<LocalPlatform> {
  return startLocalPlatform({ port: 0, dynamoEndpoint: inject('dynamoEndpoint'), tableName: `test-${label}-${Date.now().toString(36)}`, scheduleEveryMs: 0, seeds: fixedSeeds(), ...options });
}

/** A clock tests move by hand. */
export class TestClock {
  constructor(private current: Date) {}
  /** The current simulated instant. */
  now(): Date {
    return new Date(this.current);
  }
  /** Moves time forward. */
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  /** Sets the time. */
  set(at: Date): void {
    this.current = new Date(at);
  }
}

/** A JSON response. */
export interface JsonResponse {
  /** Status code. */
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON body (undefined when empty). */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Calls the platform with a JSON body, as a client would. */
export async function call(platform: LocalPlatform, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
  const response = await fetch(`${platform.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}
