import { CachedAllocationSource } from '../../shared/adapters/dynamodb/allocation-store';
import { DynamoApiKeyStore } from '../../shared/adapters/dynamodb/api-key-store';
import { DynamoCustomerSample } from '../../shared/adapters/dynamodb/customer-sample';
import { DynamoJourneyGate } from '../../shared/adapters/dynamodb/dynamo-journey-gate';
import { DynamoExperimentRepository } from '../../shared/adapters/dynamodb/experiment-repository';
import { DynamoInbox } from '../../shared/adapters/dynamodb/inbox-store';
import { CachedListeningExperiments } from '../../shared/adapters/dynamodb/cached-listening-experiments';
import { DynamoPendingSendStore } from '../../shared/adapters/dynamodb/pending-send-store';
import { DynamoJourneyRepository } from '../../shared/adapters/dynamodb/journey-repository';
import type { DynamoOutbox } from '../../shared/adapters/dynamodb/outbox-sender';
import { webhookTargetProblem } from '../../shared/adapters/channels/webhook-target-guard';
import { cryptoKeyMaker } from '../../shared/runtime/api-key-maker';
import type { Config } from '../../shared/runtime/config';
import { createEventAdapters } from '../../shared/runtime/composition/event-adapters';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import { createIds, cryptoSeeds } from '../../shared/runtime/system-clock';
import type { ApiKeyDependencies } from '../../shared/use-cases/auth/api-keys';
import type { CustomerDependencies } from '../../shared/use-cases/customers/customer-service';
import type { EstimateDependencies } from '../../shared/use-cases/customers/estimate-segments';
import type { AnyEventDependencies } from '../../shared/use-cases/events/record-any-event';
import type { JourneyGate } from '../../shared/use-cases/ports/journey-gate';
import type { PendingSendQueryDependencies } from '../../shared/use-cases/triggers/pending-send-queries';
import type { ExperimentDependencies } from '../../shared/use-cases/experiments/experiment-service';
import type { JourneyCountsDependencies } from '../../shared/use-cases/journeys/journey-counts';
import type { JourneyDependencies } from '../../shared/use-cases/journeys/journey-service';
import type { Inbox } from '../../shared/use-cases/ports/inbox';
import type { SendDependencies } from '../../shared/use-cases/sends/send-message';

/** What the API function's routes need (results, the touchpoint map and reallocation are the analysis function's). */
export type ApiDependencies = ExperimentDependencies &
  JourneyDependencies &
  JourneyCountsDependencies &
  SendDependencies &
  AnyEventDependencies &
  PendingSendQueryDependencies &
  CustomerDependencies &
  ApiKeyDependencies &
  EstimateDependencies & {
    /** Whether API keys are required. */
    readonly authMode: 'api_keys' | 'none';
    /** The in-app inbox (read and marked read by its routes). */
    readonly inbox: Inbox;
    /** The local outbox (`GET /v1/outbox`; the local platform only). */
    readonly outbox?: DynamoOutbox;
  };

/** Options of {@link composeApi} beyond the configuration. */
export interface ApiCompositionOptions {
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
  /** Key of assignment ids (the only secret the API reads; see `secrets.ts`); without it, sends and events by experiment + customer fail. */
  readonly assignmentIdKey?: string;
  /** Journeys' gate (default: the journeys stored in the table: their per-customer cap and stage order). */
  readonly journeys?: JourneyGate;
}

/** The API function's composition root: the table's repositories, nothing that enqueues or delivers (new decisions reach the queue through the table's stream). */
export function composeApi(config: Config, options: ApiCompositionOptions = {}): ApiDependencies {
  const access = options.table ?? createTableAccess(config);
  const { documents, table } = access;
  const experiments = new DynamoExperimentRepository(documents, table);
  return {
    ...createEventAdapters(access, createIds(options.assignmentIdKey)),
    experiments,
    listening: new CachedListeningExperiments(experiments, access.nowMs),
    pendingSends: new DynamoPendingSendStore(documents, table),
    journeys: options.journeys ?? new DynamoJourneyGate(documents, table),
    journeyRepository: new DynamoJourneyRepository(documents, table),
    allocations: new CachedAllocationSource(documents, table, access.nowMs),
    apiKeys: new DynamoApiKeyStore(documents, table),
    customerSample: new DynamoCustomerSample(documents, table),
    keyMaker: cryptoKeyMaker,
    seeds: cryptoSeeds,
    inbox: new DynamoInbox(documents, table, access.nowIso),
    authMode: config.AUTH_MODE,
    // A webhook URL inside the deployment's network is refused when it is defined (the dispatcher checks again at send time).
    webhookTargets: { problem: (url) => webhookTargetProblem(url, { allowedHosts: config.WEBHOOK_ALLOWED_HOSTS }) },
  };
}
