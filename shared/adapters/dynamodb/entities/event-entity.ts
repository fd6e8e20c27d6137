import type { EventRecord } from '../../../use-cases/ports/event-store';
import { defineEntity } from './define-entity';
import { withAttributes } from './stored-values';

/** A stored event: the event with its decision, how it was attributed, and what it counted for. */
export type StoredEvent = EventRecord['event'] & {
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
  schema: withAttributes<StoredEvent>('event', ['eventId', 'type', 'occurredAt', 'assignmentId', 'experimentId', 'customerId', 'attribution', 'counted', 'receivedAt']),
  key: ({ eventId }) => ({ pk: `EVENT#${eventId}`, sk: 'META' }),
  layout: { pk: '`EVENT#<eventId>`', sk: '`META`' },
});
