import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { CUSTOMER_EVENT_KIND } from '../../shared/domain/triggers/customer-event';
import { createLogger, type Observability } from '../../shared/runtime/observability';
import type { EventOutcome } from '../../shared/use-cases/events/record-events';
import { type CustomerEventDependencies, recordCustomerEvent } from '../../shared/use-cases/triggers/record-customer-event';

/** `detail-type` of the customer events the stack's rule routes here. */
export const CUSTOMER_EVENT_DETAIL_TYPE = 'Channel Lab Customer Event';

/** A customer event on the bus that is not one (its detail does not have the documented shape). */
export class MalformedCustomerEventError extends Error {
  override readonly name = 'MalformedCustomerEventError';
}

/**
 * The customer event an EventBridge event carries: its `detail` (`name`, `customerId`,
 * `properties`, `attributes`, optional `eventId` and `occurredAt`), with the envelope's `id` as
 * the event id and its `time` as when it happened where the detail leaves them out (EventBridge
 * keeps its id across its retries, so a redelivered event is a duplicate).
 */
export function customerEventOf(event: EventBridgeEvent<string, unknown>): Record<string, unknown> {
  const detail = event.detail !== null && typeof event.detail === 'object' && !Array.isArray(event.detail) ? (event.detail as Record<string, unknown>) : {};
  return { eventId: event.id, occurredAt: event.time, ...detail, kind: CUSTOMER_EVENT_KIND };
}

/**
 * The customer-events function (EventBridge target on the customer's bus, invoked
 * asynchronously): records the event through the same use case as `POST /v1/events`. A malformed
 * event throws: Lambda retries it, then the alarmed dead-letter queue keeps it.
 */
export function createCustomerEventsHandler(deps: CustomerEventDependencies, { logger }: Pick<Observability, 'logger'> = createLogger()) {
  return middy<EventBridgeEvent<string, unknown>, EventOutcome>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const outcome = await recordCustomerEvent(deps, customerEventOf(event));
      if (outcome.status === 'rejected') {
        logger.error('malformed customer event: retried, then kept by the DLQ', { id: event.id, source: event.source, error: outcome.error?.message });
        throw new MalformedCustomerEventError(`malformed customer event ${event.id}: ${outcome.error?.message ?? 'invalid'}`);
      }
      logger.info('customer event', { id: event.id, source: event.source, status: outcome.status, triggered: outcome.triggered?.length ?? 0, exited: outcome.exited ?? 0 });
      return outcome;
    });
}
