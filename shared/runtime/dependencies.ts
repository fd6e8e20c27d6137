import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createSenders, sendRenderedMessage } from '../adapters/channels';
import type { ChannelSenders } from '../use-cases/ports/channel-sender';
import { CachedAllocationSource } from '../adapters/dynamodb/allocation-store';
import { DynamoAssignmentRepository } from '../adapters/dynamodb/assignment-repository';
import { CachedExperimentSource, EXPERIMENT_CACHE_MS } from '../adapters/dynamodb/cached-experiment-source';
import { DynamoCustomerRepository } from '../adapters/dynamodb/customer-repository';
import { createDocumentClient, createDynamoClient } from '../adapters/dynamodb/document-client';
import { DynamoExperimentRepository } from '../adapters/dynamodb/experiment-repository';
import { DynamoInbox } from '../adapters/dynamodb/inbox-store';
import { DynamoAllocationStore } from '../adapters/dynamodb/dynamo-allocation-store';
import { DynamoEventStore } from '../adapters/dynamodb/event-store';
import { DynamoTimers } from '../adapters/dynamodb/timers';
import { DynamoApiKeyStore } from '../adapters/dynamodb/api-key-store';
import type { ApiKeyDependencies } from '../use-cases/auth/api-keys';
import { API_KEY_PREFIX } from '../domain/auth/api-key';
import type { FollowUpDependencies } from '../use-cases/follow-ups/follow-up-on-silence';
import type { ReconciliationDependencies } from '../use-cases/reconciliation/reconcile';
import { DynamoOutbox } from '../adapters/dynamodb/outbox-sender';
import { DynamoCustomerSample } from '../adapters/dynamodb/customer-sample';
import type { EstimateDependencies } from '../use-cases/customers/estimate-segments';
import { SqsDispatchQueue, sqsDispatchQueuePort } from '../adapters/sqs';
import { acceptedKeys, createTrackingLinks, type KeyRing, verifyTrackingToken } from '../domain/tracking';
import { experimentWebhookSecret, type WebhookSecret } from '../adapters/channels/webhook-signature';
import type { SendContext } from '../use-cases/ports/channel-sender';
import type { KeyRingSource } from './secrets';
import type { AllocatorDependencies } from '../use-cases/allocation/run-allocation';
import type { TrackingDependencies } from '../use-cases/tracking/tracking-service';
import type { DispatchDependencies } from '../use-cases/dispatch/dispatch-assignment';
import type { ExperimentDependencies } from '../use-cases/experiments/experiment-service';
import type { DispatchQueue } from '../use-cases/ports/send-ports';
import type { SendDependencies } from '../use-cases/sends/send-message';
import type { Config } from './config';
import type { Clock } from '../use-cases/ports/clock';
import { createIds, systemClock } from './system-clock';

/** Everything the handlers need, built once per cold start (or once by the local platform). */
export interface Dependencies extends ExperimentDependencies, SendDependencies, DispatchDependencies, TrackingDependencies, AllocatorDependencies, FollowUpDependencies, ReconciliationDependencies, ApiKeyDependencies, EstimateDependencies {
  /** Whether API keys are required. */
  readonly authMode: 'api_keys' | 'none';
  /** The in-app inbox. */
  readonly inbox: DynamoInbox;
  /** The local outbox (local platform only). */
  readonly outbox?: DynamoOutbox;
}

/** The key ring of a purpose, or an error that says which function lacks it. */
function requireKeys<T>(keys: T | undefined, variable: string): T {
  if (keys === undefined) throw new Error(`configuration: this function has no ${variable} secret but needed one`);
  return keys;
}

/** The secrets a function holds: only those it uses (see `secrets.ts`). */
export interface FunctionSecrets {
  /** Link signing (dispatcher signs with the current key; tracking verifies with the keys valid now). */
  readonly links?: KeyRingSource;
  /** Webhook signing: each experiment's secret is derived from it (dispatcher). */
  readonly webhooks?: KeyRing;
  /** Key of assignment ids (API, allocator). */
  readonly assignmentIds?: string;
}

/** Random bytes of an API key (256 bits). */
const API_KEY_BYTES = 32;
/** Largest 32-bit seed + 1. */
const SEED_RANGE = 2 ** 32;

/** Options of the composition root beyond the configuration. */
export interface DependencyOptions {
  /** The secrets this function uses (see `secrets.ts`); a function that signs, verifies and derives nothing leaves them out. */
  readonly secrets?: FunctionSecrets;
  /** Dispatch queue; default: SQS at `DISPATCH_QUEUE_URL`. */
  readonly queue?: DispatchQueue;
  /** Deliver through the local outbox instead of SES, SNS and webhooks (the local platform). */
  readonly useOutbox?: boolean;
  /** Clock of every use case and adapter (default: the wall clock; tests drive simulated time). */
  readonly clock?: Clock;
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

/** The composition root: adapters wired from the configuration. */
export function createDependencies(config: Config, options: DependencyOptions): Dependencies {
  const region = config.AWS_REGION ? { region: config.AWS_REGION } : {};
  const dynamo = createDynamoClient({ ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}), ...region });
  const documents = createDocumentClient(dynamo);
  const table = config.TABLE_NAME;
  const clock = options.clock ?? systemClock;
  const secrets = options.secrets ?? {};
  const nowIso = () => clock.now().toISOString();
  const nowMs = () => clock.now().getTime();
  const experiments = new DynamoExperimentRepository(documents, table);
  const inbox = new DynamoInbox(documents, table, nowIso);
  const outbox = options.useOutbox ? new DynamoOutbox(documents, table, nowIso) : undefined;

  const senders: ChannelSenders = outbox
    ? { email: outbox.senderFor('email'), sms: outbox.senderFor('sms'), push: outbox.senderFor('push'), webhook: outbox.senderFor('webhook'), in_app: inbox }
    : createSenders({
        ...(config.SES_FROM_ADDRESS
          ? { ses: { client: new SESv2Client(region), defaultFrom: config.SES_FROM_ADDRESS, ...(config.SES_CONFIGURATION_SET ? { configurationSetName: config.SES_CONFIGURATION_SET } : {}) } }
          : {}),
        sns: { client: new SNSClient(region), ...(config.SMS_TYPE ? { defaultSmsType: config.SMS_TYPE } : {}) },
        ...(secrets.webhooks ? { webhook: { secret: webhookSecrets(secrets.webhooks, clock), targets: { allowedHosts: config.WEBHOOK_ALLOWED_HOSTS } } } : {}),
        inApp: inbox,
      });

  const queue =
    options.queue ??
    (config.DISPATCH_QUEUE_URL ? sqsDispatchQueuePort(new SqsDispatchQueue({ client: new SQSClient(region), queueUrl: config.DISPATCH_QUEUE_URL })) : undefined);
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? 'http://localhost';

  const allocationStore = new DynamoAllocationStore(documents, table);
  const assignments = new DynamoAssignmentRepository(documents, table);
  return {
    experiments,
    events: new DynamoEventStore(documents, table),
    followUps: new DynamoTimers(documents, table, 'FOLLOWUP'),
    deliveryWatches: new DynamoTimers(documents, table, 'DELIVERYWATCH'),
    pending: assignments,
    statistics: allocationStore,
    allocationStore,
    apiKeys: new DynamoApiKeyStore(documents, table),
    keyMaker: {
      newKey: () => `${API_KEY_PREFIX}${randomBytes(API_KEY_BYTES).toString('base64url')}`,
      hash: (key) => createHash('sha256').update(key).digest('hex'),
    },
    authMode: config.AUTH_MODE,
    verifyToken: async (token) => verifyTrackingToken(token, acceptedKeys(await requireKeys(secrets.links, 'LINK_SIGNING_SECRET_ARN').fresh(), clock.now())),
    // The caches age on the same clock as everything else (a simulated clock speeds them up too).
    experimentSource: new CachedExperimentSource(experiments, EXPERIMENT_CACHE_MS, nowMs),
    allocations: new CachedAllocationSource(documents, table, nowMs),
    customers: new DynamoCustomerRepository(documents, table),
    customerSample: new DynamoCustomerSample(documents, table),
    assignments,
    queue: queue ?? {
      enqueue: async () => {
        throw new Error('configuration: DISPATCH_QUEUE_URL is not set, so messages cannot be queued');
      },
    },
    clock,
    ids: createIds(secrets.assignmentIds),
    seeds: { nextSeed: () => randomInt(0, SEED_RANGE) },
    sendMessage: (message, context) => sendRenderedMessage(senders, message, context),
    links: (subject) => createTrackingLinks(publicBaseUrl, requireKeys(secrets.links, 'LINK_SIGNING_SECRET_ARN').current().current, subject),
    inbox,
    ...(outbox ? { outbox } : {}),
  };
}
