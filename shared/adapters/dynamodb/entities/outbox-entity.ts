import * as z from 'zod';
import { ChannelSchema, type Channel } from '../../../domain/experiment/channels';
import type { RenderedMessage } from '../../../use-cases/ports/channel-sender';
import { defineEntity } from './define-entity';
import { opaque, StoredInstant } from './stored-values';

/** Partition of the local outbox (local platform only: one partition is fine at local rates). */
export const OUTBOX_PARTITION = 'OUTBOX';

/** A message the local platform "delivered": what a customer would have received. */
export interface OutboxEntry {
  /** The provider-like message id. */
  readonly messageId: string;
  /** The decision it carries. */
  readonly assignmentId: string;
  readonly experimentId?: string;
  readonly channel: Channel;
  /** The rendered message (addresses, subject, body, signed links). */
  readonly message: RenderedMessage;
  /** ISO instant of delivery. */
  readonly sentAt: string;
}

/** The local outbox: every message the local platform delivered instead of SES, SNS or a webhook. */
export const outboxEntity = defineEntity<OutboxEntry, { readonly sentAt: string; readonly assignmentId: string }>({
  name: 'outbox',
  summary: 'outbox (local only)',
  schema: z.object({
    messageId: z.string(),
    assignmentId: z.string(),
    experimentId: z.string().optional(),
    channel: ChannelSchema,
    message: opaque<RenderedMessage>('message'),
    sentAt: StoredInstant,
  }),
  key: ({ sentAt, assignmentId }) => ({ pk: OUTBOX_PARTITION, sk: `${sentAt}#${assignmentId}` }),
  layout: { pk: '`OUTBOX`', sk: '`<sentAt>#<assignment>`' },
});
