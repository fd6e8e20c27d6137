import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { createSenders, sendRenderedMessage } from '../../shared/adapters/channels/create-senders';
import { DynamoAssignmentRepository } from '../../shared/adapters/dynamodb/assignment-repository';
import { CachedExperimentSource, EXPERIMENT_CACHE_MS } from '../../shared/adapters/dynamodb/cached-experiment-source';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { DynamoExperimentRepository } from '../../shared/adapters/dynamodb/experiment-repository';
import { DynamoInbox } from '../../shared/adapters/dynamodb/inbox-store';
import { createTrackingLinks } from '../../shared/domain/tracking/tracking-links';
import type { Config } from '../../shared/runtime/config';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import type { DispatchDependencies } from '../../shared/use-cases/dispatch/dispatch-assignment';
import type { ChannelSender, ChannelSenders } from '../../shared/use-cases/ports/channel-sender';

/** Base URL of signed links when `PUBLIC_BASE_URL` is not set. */
const DEFAULT_PUBLIC_BASE_URL = 'http://localhost';

/** Options of {@link composeDispatcher} beyond the configuration. */
export interface DispatcherCompositionOptions {
  /** HMAC secret of signed links and webhooks (see `loadSigningSecret`). */
  readonly signingSecret: string;
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
  /** Senders given the in-app inbox (default: SES, SNS and signed webhooks from the configuration). */
  readonly senders?: (inApp: ChannelSender<'in_app'>) => ChannelSenders;
}

/** The provider senders of a deployment: SES (when a From address is set), SNS SMS and push, signed webhooks. */
function providerSenders(config: Config, signingSecret: string, inApp: ChannelSender<'in_app'>): ChannelSenders {
  const region = config.AWS_REGION ? { region: config.AWS_REGION } : {};
  return createSenders({
    ...(config.SES_FROM_ADDRESS
      ? { ses: { client: new SESv2Client(region), defaultFrom: config.SES_FROM_ADDRESS, ...(config.SES_CONFIGURATION_SET ? { configurationSetName: config.SES_CONFIGURATION_SET } : {}) } }
      : {}),
    sns: { client: new SNSClient(region), ...(config.SMS_TYPE ? { defaultSmsType: config.SMS_TYPE } : {}) },
    webhook: { secret: signingSecret },
    inApp,
  });
}

/** The dispatcher's composition root: the decisions it delivers, the channel senders and the link signer. */
export function composeDispatcher(config: Config, options: DispatcherCompositionOptions): DispatchDependencies {
  const access = options.table ?? createTableAccess(config);
  const { documents, table, clock } = access;
  const { signingSecret } = options;
  const inbox = new DynamoInbox(documents, table, access.nowIso);
  const senders = options.senders ? options.senders(inbox) : providerSenders(config, signingSecret, inbox);
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? DEFAULT_PUBLIC_BASE_URL;
  return {
    assignments: new DynamoAssignmentRepository(documents, table),
    experimentSource: new CachedExperimentSource(new DynamoExperimentRepository(documents, table), EXPERIMENT_CACHE_MS, access.nowMs),
    customers: new DynamoCustomerRepository(documents, table),
    sendMessage: (message, context) => sendRenderedMessage(senders, message, context),
    links: (subject) => createTrackingLinks(publicBaseUrl, signingSecret, subject),
    clock,
  };
}
