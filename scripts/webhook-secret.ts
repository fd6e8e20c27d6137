import { parseArgs } from 'node:util';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { experimentWebhookSecret } from '../shared/adapters/channels/webhook-signature';
import { WEBHOOK_KEY_GRACE_DAYS } from '../shared/domain/tracking';
import { loadConfig } from '../shared/runtime/config';
import { loadKeyRing } from '../shared/runtime/secrets';

/**
 * `npm run webhook-secret -- --secret-arn <WebhookSigningSecretArn> --experiment <id>`: prints the
 * webhook secret of one experiment (what its receiver verifies `x-channel-lab-signature` with), and,
 * during a rotation's grace period, the previous one. Uses the AWS credentials and region of the shell.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'secret-arn': { type: 'string' }, experiment: { type: 'string' }, region: { type: 'string' } } });
  const arn = values['secret-arn'];
  if (!arn || !values.experiment) throw new Error('usage: npm run webhook-secret -- --secret-arn <WebhookSigningSecretArn> --experiment <experiment id> [--region eu-west-1]');
  const config = loadConfig({ TABLE_NAME: 'unused', WEBHOOK_SIGNING_SECRET_ARN: arn });
  const region = values.region ?? process.env.AWS_REGION;
  const ring = await loadKeyRing(config, 'webhooks', WEBHOOK_KEY_GRACE_DAYS, new SecretsManagerClient(region ? { region } : {}));
  console.log(`webhook secret of experiment ${values.experiment}:`);
  console.log(experimentWebhookSecret(ring.current, values.experiment));
  if (ring.previous) {
    console.log(`previous secret (the calls are signed with both until ${ring.previous.acceptedUntil}):`);
    console.log(experimentWebhookSecret(ring.previous.secret, values.experiment));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
