import type { EventRecord } from '../../../use-cases/ports/event-store';
import { defineEntity } from './define-entity';
import { withAttributes } from './stored-values';

/**
 * A stored event: the event with its decision, how it was attributed, and what it counted for.
 * The customer's id and the event's value are not kept: the decision names the customer, the
 * counter holds the value's sum, and a record kept for the dedupe needs neither.
 */
export type StoredEvent = Omit<EventRecord['event'], 'customerId' | 'value'> & {
  /** How it relates to the answered decision's goal. */
  readonly attribution: EventRecord['attribution'];
  /** Decisions that got a success from it. */
  readonly counted: readonly string[];
  /** ISO instant received. */
  readonly receivedAt: string;
};

/** Events: one item per event id, written once (the dedupe record). */
export const eventEntity = defineEntity<StoredEvent, { readonly eventId: string }>({
  name: 'event',
  summary: 'event (dedupe record)',
  schema: withAttributes<StoredEvent>('event', ['eventId', 'type', 'occurredAt', 'assignmentId', 'experimentId', 'attribution', 'counted', 'receivedAt']),
  key: ({ eventId }) => ({ pk: `EVENT#${eventId}`, sk: 'META' }),
  layout: { pk: '`EVENT#<eventId>`', sk: '`META`' },
});
