import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedKeys, LINK_KEY_GRACE_DAYS } from '../../../shared/domain/tracking';
import { loadConfig } from '../../../shared/runtime/config';
import { loadKeyRing, loadSecret, refreshingKeyRing } from '../../../shared/runtime/secrets';
import { TestClock } from '../../support/local-api';
import { type Moto, startMoto } from '../../support/moto';

/** Secrets Manager (moto): the current version signs; after a rotation the previous one is accepted for the grace period. */
let moto: Moto;
let client: SecretsManagerClient;
const DAY_MS = 86_400_000;
const config = (arn: string) => loadConfig({ TABLE_NAME: 'secrets-test', LINK_SIGNING_SECRET_ARN: arn, ASSIGNMENT_ID_SECRET_ARN: arn });

beforeAll(async () => {
  moto = await startMoto();
  client = new SecretsManagerClient(moto.clientConfig);
});
afterAll(async () => {
  client.destroy();
  await moto.stop();
});

async function secret(name: string, ...values: string[]): Promise<string> {
  const { ARN } = await client.send(new CreateSecretCommand({ Name: name, SecretString: values[0] }));
  for (const value of values.slice(1)) await client.send(new PutSecretValueCommand({ SecretId: ARN, SecretString: value }));
  return ARN!;
}

describe('loadKeyRing', () => {
  it('a secret never rotated has no previous key', async () => {
    const arn = await secret('links-fresh', 'first-key-0123456789abcdef0123456789');
    expect(await loadKeyRing(config(arn), 'links', LINK_KEY_GRACE_DAYS, client)).toEqual({ current: 'first-key-0123456789abcdef0123456789' });
    expect(await loadSecret(config(arn), 'assignmentIds', client)).toBe('first-key-0123456789abcdef0123456789');
  });

  it(`after a rotation the previous key is accepted for ${LINK_KEY_GRACE_DAYS} days from the new version's creation, then not`, async () => {
    const before = Date.now();
    const arn = await secret('links-rotated', 'old-key-0123456789abcdef0123456789', 'new-key-0123456789abcdef0123456789');
    const ring = await loadKeyRing(config(arn), 'links', LINK_KEY_GRACE_DAYS, client);
    expect(ring.current).toBe('new-key-0123456789abcdef0123456789');
    expect(ring.previous?.secret).toBe('old-key-0123456789abcdef0123456789');
    const until = Date.parse(ring.previous!.acceptedUntil);
    expect(until).toBeGreaterThanOrEqual(before - 5_000 + LINK_KEY_GRACE_DAYS * DAY_MS);
    expect(until).toBeLessThanOrEqual(Date.now() + 5_000 + LINK_KEY_GRACE_DAYS * DAY_MS);
    expect(acceptedKeys(ring, new Date(until - 1))).toEqual([ring.current, ring.previous!.secret]);
    expect(acceptedKeys(ring, new Date(until))).toEqual([ring.current]);
  });

  it('a function without the secret fails at start naming the variables', async () => {
    await expect(loadKeyRing(loadConfig({ TABLE_NAME: 'secrets-test' }), 'webhooks', 7, client)).rejects.toThrow('WEBHOOK_SIGNING_SECRET_ARN');
  });
});

describe('refreshingKeyRing', () => {
  it('reads the secret again once the refresh period has passed, so a rotation reaches warm functions', async () => {
    const clock = new TestClock(new Date('2026-11-10T09:00:00Z'));
    let reads = 0;
    const source = await refreshingKeyRing(async () => ({ current: `key-${(reads += 1)}` }), clock, 60_000);
    expect((await source.fresh()).current).toBe('key-1');
    clock.advance(59_999);
    expect((await source.fresh()).current).toBe('key-1');
    clock.advance(1);
    expect((await source.fresh()).current).toBe('key-2');
    expect(source.current().current).toBe('key-2');
  });
});
