/**
 * The deployment's secrets, one per purpose, each read only by the functions that use it:
 *
 * | secret | signs / derives | read by |
 * | --- | --- | --- |
 * | link signing (`LINK_SIGNING_SECRET_ARN`) | `/t/`, `/o/`, `/u/` tokens | dispatcher (signs), tracking (verifies) |
 * | webhook signing (`WEBHOOK_SIGNING_SECRET_ARN`) | per-experiment webhook secrets | dispatcher |
 * | assignment ids (`ASSIGNMENT_ID_SECRET_ARN`) | keyed assignment ids | API, allocator |
 *
 * In the stack each is a Secrets Manager secret; a rotation (`put-secret-value`) moves the old value
 * to `AWSPREVIOUS`, which stays accepted for a grace period counted from the new version's creation
 * (`LINK_KEY_GRACE_DAYS`, `WEBHOOK_KEY_GRACE_DAYS`). Locally and in tests, the values come from
 * `LINK_SIGNING_SECRET`, `WEBHOOK_SIGNING_SECRET`, `ASSIGNMENT_ID_SECRET`.
 */
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { graceEnd, type KeyRing } from '../domain/tracking';
import type { Clock } from '../use-cases/ports/clock';
import type { Config } from './config';

/** How long a loaded key ring is trusted before it is read again (a rotation reaches warm functions within this). */
export const KEY_RING_REFRESH_MS = 5 * 60_000;

/** The purposes of the deployment's secrets. */
export type SecretPurpose = 'links' | 'webhooks' | 'assignmentIds';

const ENVIRONMENT: Readonly<Record<SecretPurpose, { readonly arn: keyof Config; readonly value: keyof Config }>> = {
  links: { arn: 'LINK_SIGNING_SECRET_ARN', value: 'LINK_SIGNING_SECRET' },
  webhooks: { arn: 'WEBHOOK_SIGNING_SECRET_ARN', value: 'WEBHOOK_SIGNING_SECRET' },
  assignmentIds: { arn: 'ASSIGNMENT_ID_SECRET_ARN', value: 'ASSIGNMENT_ID_SECRET' },
};

/** One version of a secret. */
interface SecretVersion {
  readonly value: string;
  readonly createdAt: Date;
}

async function version(client: SecretsManagerClient, arn: string, stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<SecretVersion | undefined> {
  try {
    const { SecretString, CreatedDate } = await client.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: stage }));
    if (!SecretString) throw new Error(`secret ${arn} (${stage}) has no string value`);
    return { value: SecretString, createdAt: CreatedDate ?? new Date(0) };
  } catch (error) {
    if (stage === 'AWSPREVIOUS' && error instanceof ResourceNotFoundException) return undefined; // never rotated
    throw error;
  }
}

/**
 * The key ring of a purpose: its current value and, after a rotation, the previous value with the
 * end of its grace period (`graceDays` after the current version was created).
 * @throws Error naming the variables when the function has neither the value nor the ARN.
 */
export async function loadKeyRing(config: Config, purpose: SecretPurpose, graceDays: number, client?: SecretsManagerClient): Promise<KeyRing> {
  const names = ENVIRONMENT[purpose];
  const local = config[names.value];
  if (typeof local === 'string') return { current: local };
  const arn = config[names.arn];
  if (typeof arn !== 'string') throw new Error(`configuration: set ${names.arn} (or ${names.value} locally): this function needs the ${purpose} secret`);
  const secrets = client ?? new SecretsManagerClient({});
  const [current, previous] = await Promise.all([version(secrets, arn, 'AWSCURRENT'), version(secrets, arn, 'AWSPREVIOUS')]);
  if (!current) throw new Error(`secret ${arn} has no current version`);
  return {
    current: current.value,
    ...(previous ? { previous: { secret: previous.value, acceptedUntil: graceEnd(current.createdAt, graceDays) } } : {}),
  };
}

/** A key ring kept fresh: signing uses the last loaded ring; verifying reloads it when older than {@link KEY_RING_REFRESH_MS}. */
export interface KeyRingSource {
  /** The ring as last loaded. */
  current(): KeyRing;
  /** The ring, read again if the last read is older than the refresh period. */
  fresh(): Promise<KeyRing>;
}

/** A ring that never changes (local platform, tests). */
export function staticKeyRing(ring: KeyRing): KeyRingSource {
  return { current: () => ring, fresh: async () => ring };
}

/** Loads a ring now, and again on `fresh()` once the refresh period has passed. */
export async function refreshingKeyRing(load: () => Promise<KeyRing>, clock: Clock, refreshMs: number = KEY_RING_REFRESH_MS): Promise<KeyRingSource> {
  let ring = await load();
  let loadedAt = clock.now().getTime();
  return {
    current: () => ring,
    fresh: async () => {
      if (clock.now().getTime() - loadedAt >= refreshMs) {
        ring = await load();
        loadedAt = clock.now().getTime();
      }
      return ring;
    },
  };
}

/** The current value of a secret that is never rotated (the assignment-id key: a new key would give customers new decisions). */
export async function loadSecret(config: Config, purpose: SecretPurpose, client?: SecretsManagerClient): Promise<string> {
  const NO_GRACE_DAYS = 0;
  const { current } = await loadKeyRing(config, purpose, NO_GRACE_DAYS, client);
  return typeof current === 'string' ? current : Buffer.from(current).toString('utf8');
}
