import * as z from 'zod';
import { ChannelSchema } from '../domain/experiment/channels';
import { ASSIGNMENT_STATUSES } from '../domain/sends/assignment';
import { MAX_BATCH_RECIPIENTS, RecipientSchema } from '../domain/sends/send-request';
import { ErrorDetailSchema } from './errors';
import { named } from './schema-registry';

/** One recipient of `POST /v1/experiments/{id}/sends`. */
export const RecipientBodySchema = named(RecipientSchema, 'Recipient');
/** One recipient. */
export type RecipientBody = z.input<typeof RecipientBodySchema>;

/** A batch of recipients. */
export const BatchSendSchema = named(z.strictObject({ recipients: z.array(RecipientSchema).min(1).max(MAX_BATCH_RECIPIENTS) }), 'BatchSend');

/** Body of `POST /v1/experiments/{id}/sends`: one recipient, or `{ recipients: [...] }`. */
export const SendBodySchema = z.union([RecipientBodySchema, BatchSendSchema]);

/** Why a send was suppressed or excluded a channel. */
const ReasonSchema = z.enum(['no_consent', 'opted_out', 'no_address', 'quiet_hours', 'no_timezone', 'frequency_cap', 'no_eligible_channel', 'unknown_customer']);

/** What happened to one recipient. */
export const SendOutcomeSchema = named(
  z.object({
    customerId: z.string().optional(),
    assignmentId: z.string().optional(),
    segment: z.string().optional(),
    channel: ChannelSchema.nullable().describe('null when nothing is sent (holdout, suppressed, rejected)'),
    propensity: z.number().min(0).max(1).optional().describe('Probability the decision had of choosing this channel'),
    status: z.enum([...ASSIGNMENT_STATUSES, 'suppressed', 'rejected']),
    sendAt: z.string().optional().describe('When a deferred send goes out (end of quiet hours)'),
    reason: ReasonSchema.optional(),
    excluded: z.partialRecord(ChannelSchema, ReasonSchema).optional().describe('Per channel, why it could not be chosen'),
    message: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string(), details: z.array(ErrorDetailSchema).optional() }).optional(),
    existing: z.boolean().optional().describe('A repeated request: the decision made earlier'),
  }),
  'SendOutcome',
);
/** What happened to one recipient. */
export type SendOutcomeResponse = z.output<typeof SendOutcomeSchema>;

/** Answer of `POST /v1/experiments/{id}/sends`: one outcome, or `{ results }` for a batch. */
export const SendResponseSchema = z.union([SendOutcomeSchema, z.object({ results: z.array(SendOutcomeSchema) })]);
/** Answer of a send. */
export type SendResponse = z.output<typeof SendResponseSchema>;

/** Query of `GET /v1/outbox` (local platform). */
export const OutboxQuerySchema = z.strictObject({
  experimentId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** A rendered email, as delivered. */
const RenderedEmailSchema = z.object({
  channel: z.literal('email'),
  to: z.string(),
  from: z.string().optional(),
  subject: z.string(),
  html: z.string().optional(),
  text: z.string().optional(),
  unsubscribeUrl: z.string().describe('Signed unsubscribe link'),
});
/** A rendered SMS, as delivered. */
const RenderedSmsSchema = z.object({ channel: z.literal('sms'), phoneNumber: z.string(), text: z.string(), smsType: z.enum(['transactional', 'promotional']).optional() });
/** A rendered push notification, as delivered. */
const RenderedPushSchema = z.object({ channel: z.literal('push'), endpointArn: z.string(), title: z.string(), body: z.string(), data: z.record(z.string(), z.string()) });
/** A rendered in-app message, as delivered. */
const RenderedInAppSchema = z.object({
  channel: z.literal('in_app'),
  customerId: z.string(),
  title: z.string(),
  body: z.string(),
  callToAction: z.object({ label: z.string(), url: z.string().describe('Signed tracking link') }).optional(),
});
/** A rendered webhook call, as delivered. */
const RenderedWebhookSchema = z.object({ channel: z.literal('webhook'), url: z.string(), body: z.string().describe('The JSON request body') });

/** A message as its channel's provider receives it (addresses, subject, body, signed links), by `channel`. */
export const RenderedMessageSchema = named(z.discriminatedUnion('channel', [RenderedEmailSchema, RenderedSmsSchema, RenderedPushSchema, RenderedInAppSchema, RenderedWebhookSchema]), 'RenderedMessage');
/** A rendered message. */
export type RenderedMessageResponse = z.output<typeof RenderedMessageSchema>;

/** A message the local platform delivered instead of SES, SNS or a webhook. */
export const OutboxEntrySchema = named(
  z.object({
    messageId: z.string(),
    assignmentId: z.string().describe('The decision it carries'),
    experimentId: z.string().optional(),
    channel: ChannelSchema,
    message: RenderedMessageSchema,
    sentAt: z.string().describe('ISO instant of delivery'),
  }),
  'OutboxEntry',
);
/** A delivered message of the local outbox. */
export type OutboxEntryResponse = z.output<typeof OutboxEntrySchema>;

/** Answer of `GET /v1/outbox`: delivered messages, newest first. */
export const OutboxResponseSchema = z.object({ items: z.array(OutboxEntrySchema) });
/** Answer of `GET /v1/outbox`. */
export type OutboxResponse = z.output<typeof OutboxResponseSchema>;
