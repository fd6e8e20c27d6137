import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Config } from './config';

/**
 * The HMAC secret of tracking, unsubscribe and webhook signatures: `SIGNING_SECRET` (local
 * platform, tests) or the Secrets Manager secret named by `SIGNING_SECRET_ARN` (the stack).
 */
export async function loadSigningSecret(config: Config, client?: SecretsManagerClient): Promise<string> {
  if (config.SIGNING_SECRET) return config.SIGNING_SECRET;
  if (!config.SIGNING_SECRET_ARN) throw new Error('configuration: set SIGNING_SECRET_ARN (or SIGNING_SECRET locally) for signed links');
  const secrets = client ?? new SecretsManagerClient({});
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: config.SIGNING_SECRET_ARN }));
  if (!SecretString) throw new Error(`secret ${config.SIGNING_SECRET_ARN} has no string value`);
  return SecretString;
}
