import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createLogger, type Observability } from '../../shared/runtime/observability';
import type { EventBridgeEvent } from 'aws-lambda';
import { mapSesEvent, SesEventBridgeSchema } from '../../shared/adapters/ses/ses-event-mapper';
import { issuesToDetails } from '../../shared/domain/errors/zod-issues';
import { type EventDependencies } from '../../shared/use-cases/events/record-events';
import { handleProviderReport, type ProviderReportResult } from '../../shared/use-cases/events/handle-provider-event';

/** An SES event that does not have the documented shape (an AWS change, or a misrouted event). */
export class MalformedSesEventError extends Error {
  override readonly name = 'MalformedSesEventError';
}

/**
 * The SES events function (EventBridge target, invoked asynchronously): each configuration-set
 * event is mapped and applied. A malformed event, or a failure to store, throws: Lambda retries
 * it, then its failure destination, the alarmed SES events DLQ, keeps the event. Nothing is
 * dropped without a trace.
 */
export function createSesEventsHandler(deps: EventDependencies, { logger }: Pick<Observability, 'logger'> = createLogger()) {
  return middy<EventBridgeEvent<string, unknown>, ProviderReportResult>({ timeoutEarlyInMillis: 0 }).use(injectLambdaContext(logger)).handler(async (event) => {
    const parsed = SesEventBridgeSchema.safeParse(event);
    if (!parsed.success) {
      const details = issuesToDetails(parsed.error.issues).map((detail) => `${detail.path}: ${detail.message}`);
      logger.error('malformed SES event: retried, then kept by the DLQ', { id: event.id, issues: details.slice(0, 3) });
      throw new MalformedSesEventError(`malformed SES event ${event.id}: ${details.join('; ')}`);
    }
    const result = await handleProviderReport(deps, mapSesEvent(parsed.data));
    logger.info('SES event', { id: event.id, eventType: parsed.data.detail.eventType, ...result });
    return result;
  });
}
