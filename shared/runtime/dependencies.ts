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
import { createTrackingLinks, verifyTrackingToken } from '../domain/tracking';
import type { AllocatorDependencies } from '../use-cases/allocation/run-allocation';
import type { TrackingDependencies } from '../use-cases/tracking/tracking-service';
import type { DispatchDependencies } from '../use-cases/dispatch/dispatch-assignment';
import type { ExperimentDependencies } from '../use-cases/experiments/experiment-service';
import type { DispatchQueue, SeedSource } from '../use-cases/ports/send-ports';
import type { SendDependencies } from '../use-cases/sends/send-message';
import type { Config } from './config';
import type { Clock } from '../use-cases/ports/clock';
import { cryptoIds, systemClock } from './system-clock';

/** Everything the handlers need, built once per cold start (or once by the local platform). */
export interface Dependencies extends ExperimentDependencies, SendDependencies, DispatchDependencies, TrackingDependencies, AllocatorDependencies, FollowUpDependencies, ReconciliationDependencies, ApiKeyDependencies, EstimateDependencies {
  /** Whether API keys are required. */
  readonly authMode: 'api_keys' | 'none';
  /** The in-app inbox. */
  readonly inbox: DynamoInbox;
  /** The local outbox (local platform only). */
  readonly outbox?: DynamoOutbox;
}

/** The secret, or an error that says which function lacks it. */
function requireSecret(secret: string | undefined): string {
  if (secret === undefined) throw new Error('configuration: this function has no signing secret (SIGNING_SECRET_ARN) but needed one');
  return secret;
}

/** Random bytes of an API key (256 bits). */
const API_KEY_BYTES = 32;
/** Largest 32-bit seed + 1. */
const SEED_RANGE = 2 ** 32;

/** Options of the composition root beyond the configuration. */
export interface DependencyOptions {
  /** HMAC secret (see `loadSigningSecret`); functions that sign or verify nothing leave it out. */
  readonly signingSecret?: string;
  /** Dispatch queue; default: SQS at `DISPATCH_QUEUE_URL`. */
  readonly queue?: DispatchQueue;
  /** Deliver through the local outbox instead of SES, SNS and webhooks (the local platform). */
  readonly useOutbox?: boolean;
  /** Clock of every use case and adapter (default: the wall clock; tests drive simulated time). */
  readonly clock?: Clock;
  /** Decision seeds (default: random; tests fix them so decisions are reproducible). */
  readonly seeds?: SeedSource;
}

/** The composition root: adapters wired from the configuration. */
export function createDependencies(config: Config, options: DependencyOptions): Dependencies {
  const region = config.AWS_REGION ? { region: config.AWS_REGION } : {};
  const dynamo = createDynamoClient({ ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}), ...region });
  const documents = createDocumentClient(dynamo);
  const table = config.TABLE_NAME;
  const clock = options.clock ?? systemClock;
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
        ...(options.signingSecret ? { webhook: { secret: options.signingSecret } } : {}),
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
    verifyToken: (token) => verifyTrackingToken(token, requireSecret(options.signingSecret)),
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
    ids: cryptoIds,
    seeds: options.seeds ?? { nextSeed: () => randomInt(0, SEED_RANGE) },
    sendMessage: (message, context) => sendRenderedMessage(senders, message, context),
    links: (subject) => createTrackingLinks(publicBaseUrl, requireSecret(options.signingSecret), subject),
    inbox,
    ...(outbox ? { outbox } : {}),
  };
}
