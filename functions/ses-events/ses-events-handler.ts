import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { mapSesEvent, SesEventBridgeSchema } from '../../shared/adapters/ses/ses-event-mapper';
import { type EventDependencies } from '../../shared/use-cases/events/record-events';
import { handleProviderReport, type ProviderReportResult } from '../../shared/use-cases/events/handle-provider-event';

/**
 * The SES events function (EventBridge target): each configuration-set event is mapped and
 * applied. A malformed event is logged and dropped; a failure to store throws, so EventBridge
 * retries and finally sends the event to the target's DLQ (alarmed).
 */
export function createSesEventsHandler(deps: EventDependencies) {
  return middy<EventBridgeEvent<string, unknown>, ProviderReportResult | { status: 'malformed'; reason: string }>({ timeoutEarlyInMillis: 0 }).handler(async (event) => {
    const parsed = SesEventBridgeSchema.safeParse(event);
    if (!parsed.success) {
      console.log(JSON.stringify({ level: 'WARN', message: 'malformed SES event dropped', id: event.id, issues: parsed.error.issues.slice(0, 3) }));
      return { status: 'malformed', reason: parsed.error.issues[0]?.message ?? 'invalid' };
    }
    const result = await handleProviderReport(deps, mapSesEvent(parsed.data));
    console.log(JSON.stringify({ level: 'INFO', message: 'SES event', id: event.id, eventType: parsed.data.detail.eventType, ...result }));
    return result;
  });
}
