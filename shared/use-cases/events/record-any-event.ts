import { isCustomerEventInput } from '../../domain/triggers/customer-event';
import { mapWithConcurrency } from '../concurrency';
import { type CustomerEventDependencies, recordCustomerEvent } from '../triggers/record-customer-event';
import { EVENT_CONCURRENCY, type EventDependencies, type EventOutcome, recordEvent } from './record-events';

/** What `POST /v1/events` needs: responses and customer events. */
export type AnyEventDependencies = EventDependencies & CustomerEventDependencies;

/** Records one event of either kind: a customer event (`kind: "customer"`) or a response. */
export async function recordAnyEvent(deps: AnyEventDependencies, raw: unknown): Promise<EventOutcome> {
  return isCustomerEventInput(raw) ? recordCustomerEvent(deps, raw) : recordEvent(deps, raw);
}

/**
 * What must be recorded in batch order: one customer's customer events (an exit after its trigger
 * must see the send the trigger made pending); every other event stands alone.
 */
function orderKey(raw: unknown, index: number): string {
  const customerId = isCustomerEventInput(raw) ? (raw as { customerId?: unknown }).customerId : undefined;
  return typeof customerId === 'string' ? `customer:${customerId}` : `event:${index}`;
}

/**
 * Records a batch that may mix both kinds; one bad event is rejected alone. Events of different
 * customers are recorded concurrently; one customer's customer events in the order of the batch.
 */
export async function recordAnyEvents(deps: AnyEventDependencies, events: readonly unknown[]): Promise<EventOutcome[]> {
  const groups = new Map<string, number[]>();
  events.forEach((raw, index) => {
    const key = orderKey(raw, index);
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const outcomes = new Array<EventOutcome>(events.length);
  await mapWithConcurrency([...groups.values()], EVENT_CONCURRENCY, async (indices) => {
    for (const index of indices) outcomes[index] = await recordAnyEvent(deps, events[index]);
  });
  return outcomes;
}
