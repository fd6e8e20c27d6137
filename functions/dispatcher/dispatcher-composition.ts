import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { createSenders, sendRenderedMessage } from '../../shared/adapters/channels/create-senders';
import { DynamoAssignmentRepository } from '../../shared/adapters/dynamodb/assignment-repository';
import { CachedExperimentSource, EXPERIMENT_CACHE_MS } from '../../shared/adapters/dynamodb/cached-experiment-source';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { DynamoExperimentRepository } from '../../shared/adapters/dynamodb/experiment-repository';
import { DynamoInbox } from '../../shared/adapters/dynamodb/inbox-store';
import { createTrackingLinks } from '../../shared/domain/tracking/tracking-links';
import { acceptedKeys, type KeyRing } from '../../shared/domain/tracking/key-ring';
import { experimentWebhookSecret, type WebhookSecret } from '../../shared/adapters/channels/webhook-signature';
import type { KeyRingSource } from '../../shared/runtime/secrets';
import type { Clock } from '../../shared/use-cases/ports/clock';
import type { Config } from '../../shared/runtime/config';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import type { DispatchDependencies } from '../../shared/use-cases/dispatch/dispatch-assignment';
import type { ChannelSender, ChannelSenders, SendContext } from '../../shared/use-cases/ports/channel-sender';

/** Base URL of signed links when `PUBLIC_BASE_URL` is not set. */
const DEFAULT_PUBLIC_BASE_URL = 'http://localhost';

/** Options of {@link composeDispatcher} beyond the configuration. */
export interface DispatcherCompositionOptions {
  /** Link-signing keys (links are signed with the current one; see `secrets.ts`). */
  readonly links: KeyRingSource;
  /** Webhook-signing keys: each experiment's secret is derived from them (both sign during a rotation's grace period). */
  readonly webhooks?: KeyRing;
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
  /** Senders given the in-app inbox (default: SES, SNS and signed webhooks from the configuration). */
  readonly senders?: (inApp: ChannelSender<'in_app'>) => ChannelSenders;
}

/**
 * Per message, the webhook secrets of its experiment: derived from the current webhook key and,
 * during a rotation's grace period, from the previous one too (both sign).
 */
function webhookSecrets(ring: KeyRing, clock: Clock): (context: SendContext) => readonly WebhookSecret[] {
  return (context) => {
    const { experimentId } = context;
    if (experimentId === undefined) throw new Error(`webhook for assignment ${context.assignmentId} has no experiment: its secret cannot be derived`);
    return acceptedKeys(ring, clock.now()).map((key) => experimentWebhookSecret(key, experimentId));
  };
}

/**
 * The provider senders of a deployment: SES (when a From address is set), SNS SMS and push, and
 * webhooks (signed with each experiment's secret, behind the SSRF guard and its allow-list).
 */
function providerSenders(config: Config, webhooks: KeyRing | undefined, clock: Clock, inApp: ChannelSender<'in_app'>): ChannelSenders {
  const region = config.AWS_REGION ? { region: config.AWS_REGION } : {};
  return createSenders({
    ...(config.SES_FROM_ADDRESS
      ? { ses: { client: new SESv2Client(region), defaultFrom: config.SES_FROM_ADDRESS, ...(config.SES_CONFIGURATION_SET ? { configurationSetName: config.SES_CONFIGURATION_SET } : {}) } }
      : {}),
    sns: { client: new SNSClient(region), ...(config.SMS_TYPE ? { defaultSmsType: config.SMS_TYPE } : {}) },
    ...(webhooks ? { webhook: { secret: webhookSecrets(webhooks, clock), targets: { allowedHosts: config.WEBHOOK_ALLOWED_HOSTS } } } : {}),
    inApp,
  });
}

/** The dispatcher's composition root: the decisions it delivers, the channel senders and the link signer. */
export function composeDispatcher(config: Config, options: DispatcherCompositionOptions): DispatchDependencies {
  const access = options.table ?? createTableAccess(config);
  const { documents, table, clock } = access;
  const inbox = new DynamoInbox(documents, table, access.nowIso);
  const senders = options.senders ? options.senders(inbox) : providerSenders(config, options.webhooks, clock, inbox);
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? DEFAULT_PUBLIC_BASE_URL;
  const assignments = new DynamoAssignmentRepository(documents, table);
  return {
    assignments,
    pending: assignments,
    experimentSource: new CachedExperimentSource(new DynamoExperimentRepository(documents, table), EXPERIMENT_CACHE_MS, access.nowMs),
    customers: new DynamoCustomerRepository(documents, table),
    sendMessage: (message, context) => sendRenderedMessage(senders, message, context),
    links: (subject) => createTrackingLinks(publicBaseUrl, options.links.current().current, subject),
    clock,
  };
}
