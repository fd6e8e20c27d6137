import { NotFoundError } from '../../domain/errors/channel-lab-error';
import { type EventDependencies, recordEvent } from '../events/record-events';
import type { Inbox, InboxMessage } from '../ports/inbox';

/**
 * The app reports an inbox message read: it is marked read and an `opened` response is recorded
 * for its decision, once (the event id is derived from the message, so repeats are duplicates).
 */
export async function readInboxMessage(deps: EventDependencies & { readonly inbox: Inbox }, customerId: string, messageId: string): Promise<InboxMessage> {
  const message = await deps.inbox.markRead(customerId, messageId);
  if (!message) throw new NotFoundError(`customer ${customerId} has no inbox message ${messageId}`);
  await recordEvent(deps, { eventId: `inbox-read-${messageId}`, type: 'opened', occurredAt: deps.clock.now().toISOString(), assignmentId: message.assignmentId });
  return message;
}
