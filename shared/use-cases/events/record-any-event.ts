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

/** Records a batch that may mix both kinds, one by one; one bad event is rejected alone. */
export async function recordAnyEvents(deps: AnyEventDependencies, events: readonly unknown[]): Promise<EventOutcome[]> {
  return mapWithConcurrency(events, EVENT_CONCURRENCY, (event) => recordAnyEvent(deps, event));
}
