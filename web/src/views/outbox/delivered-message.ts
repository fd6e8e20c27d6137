/**
 * What the local outbox and the in-app inbox delivered, as the outbox view lists it (pure:
 * unit-tested in Node). Every field comes from the API and is shown as text; the only HTML ever
 * rendered is an email's body, inside a sandboxed frame that runs no script.
 */
import type { InboxMessageResponse } from '../../../../shared/contracts/customers';
import type { OutboxEntryResponse } from '../../../../shared/contracts/sends';
import { channelName } from '../../charts/format';

/** One delivered message, by channel. */
export type DeliveredMessage =
  | { readonly kind: 'email'; readonly id: string; readonly at: string; readonly experimentId?: string; readonly to: string; readonly from?: string; readonly subject: string; readonly html?: string; readonly text?: string; readonly unsubscribeUrl: string }
  | { readonly kind: 'sms'; readonly id: string; readonly at: string; readonly experimentId?: string; readonly to: string; readonly text: string; readonly smsType?: string }
  | { readonly kind: 'push'; readonly id: string; readonly at: string; readonly experimentId?: string; readonly to: string; readonly title: string; readonly body: string; readonly data: Readonly<Record<string, string>> }
  | { readonly kind: 'in_app'; readonly id: string; readonly at: string; readonly experimentId?: string; readonly to: string; readonly title: string; readonly body: string; readonly callToAction?: { readonly label: string; readonly url: string }; readonly status?: string }
  | { readonly kind: 'webhook'; readonly id: string; readonly at: string; readonly experimentId?: string; readonly to: string; readonly payload: string };

/** A webhook body pretty-printed when it is JSON, as it came otherwise. */
export function prettyPayload(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** An outbox entry as a delivered message. */
export function fromOutbox(entry: OutboxEntryResponse): DeliveredMessage {
  const base = { id: entry.messageId, at: entry.sentAt, ...(entry.experimentId ? { experimentId: entry.experimentId } : {}) };
  const message = entry.message;
  switch (message.channel) {
    case 'email':
      return { kind: 'email', ...base, to: message.to, ...(message.from ? { from: message.from } : {}), subject: message.subject, ...(message.html ? { html: message.html } : {}), ...(message.text ? { text: message.text } : {}), unsubscribeUrl: message.unsubscribeUrl };
    case 'sms':
      return { kind: 'sms', ...base, to: message.phoneNumber, text: message.text, ...(message.smsType ? { smsType: message.smsType } : {}) };
    case 'push':
      return { kind: 'push', ...base, to: message.endpointArn, title: message.title, body: message.body, data: message.data };
    case 'in_app':
      return { kind: 'in_app', ...base, to: message.customerId, title: message.title, body: message.body, ...(message.callToAction ? { callToAction: message.callToAction } : {}) };
    case 'webhook':
      return { kind: 'webhook', ...base, to: message.url, payload: prettyPayload(message.body) };
  }
}

/** An inbox message of `customerId` as a delivered message. */
export function fromInbox(customerId: string, message: InboxMessageResponse): DeliveredMessage {
  return {
    kind: 'in_app',
    id: message.messageId,
    at: message.createdAt,
    to: customerId,
    title: message.title,
    body: message.body,
    ...(message.callToAction ? { callToAction: message.callToAction } : {}),
    status: message.status,
  };
}

/** The heading line of a message: `Email to ana@example.com`. */
export function headline(message: DeliveredMessage): string {
  const where = message.kind === 'webhook' ? 'to' : message.kind === 'in_app' ? 'in the inbox of' : 'to';
  return `${channelName(message.kind)} ${where} ${message.to}`;
}
