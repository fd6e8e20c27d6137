import * as z from 'zod';
import { JourneyStageSchema, type JourneyStage } from '../../../domain/experiment/journey';
import { type Journey, type JourneyCap, JourneyCapSchema, JourneyStageEntrySchema } from '../../../domain/journeys/journey-definition';
import type { SendSlot } from '../../../domain/journeys/journey-policy';
import { customerPartition } from './customer-entities';
import { defineEntity } from './define-entity';
import { StoredInstant } from './stored-values';

/** GSI1 partition listing every journey. */
export const JOURNEY_LIST_PARTITION = 'JOURNEYS';
/** Sort key of an experiment's journey membership (in the experiment's partition). */
export const JOURNEY_MEMBER_SORT_KEY = 'JOURNEY';

/** A journey item: the journey, plus the creation fingerprint (idempotent creates). */
export interface JourneyItem extends Journey {
  /** Fingerprint of the creating request. */
  readonly requestFingerprint?: string;
}

/** Journeys: one item each, listed by creation (GSI1). */
export const journeyEntity = defineEntity<JourneyItem, { readonly id: string }>({
  name: 'journey',
  summary: 'journey',
  schema: z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    stages: z.array(JourneyStageEntrySchema),
    cap: JourneyCapSchema.optional(),
    version: z.number().int().min(1),
    createdAt: StoredInstant,
    updatedAt: StoredInstant,
    requestFingerprint: z.string().optional(),
  }),
  key: ({ id }) => ({ pk: `JOURNEY#${id}`, sk: 'META' }),
  indexes: (journey) => ({ gsi1pk: JOURNEY_LIST_PARTITION, gsi1sk: `${journey.createdAt}#${journey.id}` }),
  layout: { pk: '`JOURNEY#<id>`', sk: '`META`', gsi1: '`JOURNEYS` / `<created>#<id>`' },
});

/** An experiment's place in a journey: what the gate reads for each step (one read, no journey lookup). */
export interface JourneyMembership {
  readonly experimentId: string;
  /** The journey that holds it. */
  readonly journeyId: string;
  /** The experiment's stage in that journey. */
  readonly stage: JourneyStage;
  /** The journey's cap, copied here (rewritten with the journey, in the same transaction). */
  readonly cap?: JourneyCap;
}

/** Membership: which journey holds an experiment (at most one: the item is claimed conditionally). */
export const journeyMemberEntity = defineEntity<JourneyMembership, { readonly experimentId: string }>({
  name: 'journey_member',
  summary: "experiment's journey (at most one)",
  schema: z.object({ experimentId: z.string(), journeyId: z.string(), stage: JourneyStageSchema, cap: JourneyCapSchema.optional() }),
  key: ({ experimentId }) => ({ pk: `EXP#${experimentId}`, sk: JOURNEY_MEMBER_SORT_KEY }),
  layout: { pk: '`EXP#<experiment>`', sk: '`JOURNEY`' },
});

/** A customer's place in a journey as stored: stages entered, the sends the cap counts, a version for conditional writes. */
export interface StoredJourneyCustomer {
  readonly journeyId: string;
  readonly customerId: string;
  /** Stage → ISO instant of the first entry. */
  readonly entered: Partial<Record<JourneyStage, string>>;
  /** Sends within the cap's window (at most `cap.messages` counted ones). */
  readonly slots: readonly SendSlot[];
  /** Incremented on every write; each write is conditional on the version read. */
  readonly version: number;
  /** ISO instant of the last change. */
  readonly updatedAt: string;
  /** Epoch seconds after which DynamoDB may delete the item (TTL). */
  readonly expiresAt: number;
}

const SendSlotSchema = z.object({ key: z.string(), experimentId: z.string(), admittedAt: StoredInstant, sentAt: StoredInstant.optional() });

/** Per customer and journey: stages entered and recent sends (bounded by the cap, expires when idle). */
export const journeyCustomerEntity = defineEntity<StoredJourneyCustomer, { readonly customerId: string; readonly journeyId: string }>({
  name: 'journey_customer',
  summary: "customer's place in a journey",
  schema: z.object({
    journeyId: z.string(),
    customerId: z.string(),
    entered: z.partialRecord(JourneyStageSchema, StoredInstant),
    slots: z.array(SendSlotSchema),
    version: z.number().int().min(1),
    updatedAt: StoredInstant,
    expiresAt: z.number().int(),
  }),
  key: ({ customerId, journeyId }) => ({ pk: customerPartition(customerId), sk: `JOURNEY#${journeyId}` }),
  layout: { pk: '`CUST#<id>`', sk: '`JOURNEY#<journey>`' },
});
