import * as z from 'zod';
import type { InboxMessage } from '../../../use-cases/ports/inbox';
import { defineEntity } from './define-entity';
import { StoredInstant } from './stored-values';

/** Partition of a customer's inbox. */
export const inboxPartition = (customerId: string) => `INBOX#${customerId}`;
/** Sort-key prefix of inbox messages. */
export const INBOX_SORT_PREFIX = 'MSG#';

/** The in-app inbox: one item per message, in the customer's partition. */
export const inboxMessageEntity = defineEntity<InboxMessage, { readonly customerId: string; readonly messageId: string }>({
  name: 'inbox_message',
  summary: 'inbox message',
  schema: z.object({
    messageId: z.string(),
    assignmentId: z.string(),
    title: z.string(),
    body: z.string(),
    callToAction: z.object({ label: z.string(), url: z.string() }).optional(),
    status: z.enum(['pending', 'read']),
    createdAt: StoredInstant,
    readAt: StoredInstant.optional(),
  }),
  key: ({ customerId, messageId }) => ({ pk: inboxPartition(customerId), sk: `${INBOX_SORT_PREFIX}${messageId}` }),
  layout: { pk: '`INBOX#<customer>`', sk: '`MSG#<messageId>`' },
});
