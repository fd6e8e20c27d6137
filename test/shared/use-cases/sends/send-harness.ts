/**
 * A local platform (its own table on the run's DynamoDB Local) with a hand-moved clock and
 * deterministic decision seeds, plus helpers the send-path scenario tests share.
 */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalPlatform } from '../../../../local/platform';
import { createDocumentClient, createDynamoClient } from '../../../../shared/adapters/dynamodb/document-client';
import type { AllocationRecord } from '../../../../shared/domain/statistics/allocation-record';
import { currentAllocationEntity } from '../../../../shared/adapters/dynamodb/entities/allocation-entities';
import type { OutboxEntry } from '../../../../shared/adapters/dynamodb/outbox-sender';
import type { Customer, CustomerInput } from '../../../../shared/domain/customer/customer';
import { ExperimentDefinitionSchema, type ExperimentDefinitionInput } from '../../../../shared/domain/experiment/experiment-definition';
import type { LifecycleAction } from '../../../../shared/domain/experiment/lifecycle';
import type { LocalDependencies } from '../../../../local/platform';
import { createExperiment, transitionExperiment } from '../../../../shared/use-cases/experiments/experiment-service';
import type { SegmentWeights } from '../../../../shared/use-cases/ports/allocation-source';
import { surveyExperiment } from '../../../support/experiments';
import { startTestPlatform, TestClock } from '../../../support/local-api';

/** 10:00 UTC = 12:00 in Paris (summer): no quiet hours for a Paris customer. */
export const DAYTIME = new Date('2026-06-01T10:00:00Z');
/** Everything a Paris customer may receive for the survey experiment. */
export const PARIS_CUSTOMER: CustomerInput = {
  attributes: { age: 34 },
  contact: { email: 'ada@example.com', phone: '+33612345678', timezone: 'Europe/Paris' },
  consents: { email: true, sms: true, push: true, in_app: true, webhook: true },
};
/** Template values the survey experiment needs. */
export const SURVEY_VARIABLES = { firstName: 'Ada', surveyUrl: 'https://example.com/survey' };

/** The harness. */
export interface SendHarness {
  readonly platform: LocalPlatform;
  readonly clock: TestClock;
  /** The platform's dependencies with deterministic seeds. */
  readonly deps: LocalDependencies;
  readonly documents: DynamoDBDocumentClient;
  /** Creates an experiment and applies lifecycle actions (default: start). */
  experiment(overrides?: Partial<ExperimentDefinitionInput>, actions?: readonly LifecycleAction[]): Promise<string>;
  /** Stores a customer profile. */
  customer(id: string, input?: Partial<CustomerInput>): Promise<void>;
  /** Writes a current allocation as the allocator would (weights per segment). */
  allocation(experimentId: string, version: number, segments: Record<string, SegmentWeights>): Promise<void>;
  /** The outbox of an experiment after the dispatch queue drained. */
  outbox(experimentId: string): Promise<OutboxEntry[]>;
  stop(): Promise<void>;
}

/** Starts the harness. */
export async function startSendHarness(label: string): Promise<SendHarness> {
  const clock = new TestClock(DAYTIME);
  const platform = await startTestPlatform(label, { clock });
  let seed = 1;
  const deps: LocalDependencies = { ...platform.deps, seeds: { nextSeed: () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) } };
  const raw = createDynamoClient({ endpoint: platform.dynamoEndpoint });
  const documents = createDocumentClient(raw);
  return {
    platform,
    clock,
    deps,
    documents,
    async experiment(overrides = {}, actions = ['start']) {
      const { experiment } = await createExperiment(deps, ExperimentDefinitionSchema.parse(surveyExperiment(overrides)));
      for (const action of actions) await transitionExperiment(deps, experiment.id, action);
      return experiment.id;
    },
    async customer(id, input = {}) {
      const customer: Customer = { id, ...PARIS_CUSTOMER, ...input, optOuts: {}, updatedAt: clock.now().toISOString() };
      await deps.customers.put(customer);
    },
    async allocation(experimentId, version, segments) {
      await documents.send(new PutCommand({ TableName: platform.tableName, Item: currentAllocationEntity.item({ experimentId, version, computedAt: clock.now().toISOString(), seed: 0, policy: 'thompson', segments: segments as AllocationRecord['segments'] }, { experimentId }) }));
    },
    async outbox(experimentId) {
      await platform.queue.drain();
      return platform.deps.outbox?.list({ experimentId }) ?? [];
    },
    async stop() {
      raw.destroy();
      await platform.stop();
    },
  };
}
