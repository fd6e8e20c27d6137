import * as z from 'zod';
import { CustomerEventSchema } from '../domain/triggers/customer-event';
import { PendingSendSchema, TriggerCountsSchema } from '../domain/triggers/pending-send';
import { ExitSchema, TriggerSchema } from '../domain/triggers/trigger';
import { named } from './schema-registry';

export { CUSTOMER_EVENT_KIND, type CustomerEventInput } from '../domain/triggers/customer-event';
export { DEFAULT_TRIGGER_TIME_ZONE, MAX_DELAY_MINUTES, MAX_EXITS } from '../domain/triggers/trigger';
export { EXIT_REASONS, type ExitReason, PENDING_SEND_STATUSES, type PendingSendStatus } from '../domain/triggers/pending-send';

/** An experiment's trigger: the customer event that starts a send, its filters, delay and variables. */
export const TriggerContractSchema = named(TriggerSchema, 'Trigger');
/** A trigger as written by a marketer. */
export type TriggerBody = z.input<typeof TriggerContractSchema>;
/** An exit: a customer event that cancels the experiment's waiting sends for that customer. */
export const ExitContractSchema = named(ExitSchema, 'Exit');
/** An exit as written by a marketer. */
export type ExitBody = z.input<typeof ExitContractSchema>;

/** A customer event of `POST /v1/events` (`kind: "customer"`): names a customer, not a decision. */
export const CustomerEventBodySchema = named(CustomerEventSchema, 'CustomerEvent');
/** A customer event as sent. */
export type CustomerEventBody = z.input<typeof CustomerEventBodySchema>;

/** A pending triggered send as the API returns it. */
export const PendingSendResponseSchema = named(PendingSendSchema, 'PendingSend');
/** A pending triggered send. */
export type PendingSendResponse = z.output<typeof PendingSendResponseSchema>;

/** Answer of `GET /v1/customers/{id}/pending-sends`: the customer's triggered sends, newest due first. */
export const PendingSendsResponseSchema = z.object({ items: z.array(PendingSendResponseSchema) });
/** Answer of `GET /v1/customers/{id}/pending-sends`. */
export type PendingSendsResponse = z.output<typeof PendingSendsResponseSchema>;

/** Query of `GET /v1/customers/{id}/pending-sends`. */
export const PendingSendsQuerySchema = z.strictObject({
  status: PendingSendSchema.shape.status.optional(),
  experimentId: z.string().min(1).max(200).optional(),
});

/** Answer of `GET /v1/experiments/{id}/trigger-counts`: triggered, waiting, sent, suppressed, exited by reason. */
export const TriggerCountsResponseSchema = named(TriggerCountsSchema.extend({ experimentId: z.string() }), 'TriggerCounts');
/** Trigger counts of one experiment. */
export type TriggerCountsResponse = z.output<typeof TriggerCountsResponseSchema>;

/** One send a customer event triggered. */
export const TriggeredSendSchema = z.object({ experimentId: z.string(), pendingSendId: z.string(), dueAt: z.string() });
/** One send a customer event triggered. */
export type TriggeredSend = z.output<typeof TriggeredSendSchema>;
