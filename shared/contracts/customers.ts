import * as z from 'zod';
import { CustomerInputSchema, OptOutInputSchema } from '../domain/customer/customer';
import { ChannelSchema } from '../domain/experiment/channels';
import { named } from './schema-registry';

/** Body of `PUT /v1/customers/{id}`. */
export const CustomerBodySchema = named(CustomerInputSchema, 'CustomerProfile');
/** Body of `POST /v1/customers/{id}/opt-out`. */
export const OptOutBodySchema = named(OptOutInputSchema, 'OptOut');

/** A stored customer. */
export const CustomerResponseSchema = named(
  CustomerInputSchema.extend({
    id: z.string(),
    optOuts: z.partialRecord(ChannelSchema, z.string()).describe('Channels opted out of, with when'),
    updatedAt: z.string(),
    erasedAt: z.string().optional(),
  }),
  'Customer',
);
/** A stored customer. */
export type CustomerResponse = z.output<typeof CustomerResponseSchema>;

/** Answer of `DELETE /v1/customers/{id}`. */
export const EraseResponseSchema = z.object({ erasedAssignments: z.number().int().min(0) }).loose();

/** Query of the inbox listing. */
export const InboxQuerySchema = z.strictObject({ includeRead: z.enum(['true', 'false']).optional() });

/** An in-app / website inbox message. */
export const InboxMessageSchema = named(
  z.object({
    messageId: z.string(),
    assignmentId: z.string(),
    title: z.string(),
    body: z.string(),
    callToAction: z.object({ label: z.string(), url: z.string() }).optional(),
    status: z.enum(['pending', 'read']),
    createdAt: z.string(),
    readAt: z.string().optional(),
  }),
  'InboxMessage',
);
/** An inbox message. */
export type InboxMessageResponse = z.output<typeof InboxMessageSchema>;

/** Answer of `GET /v1/customers/{id}/inbox`. */
export const InboxResponseSchema = z.object({ items: z.array(InboxMessageSchema) });
/** Answer of `GET /v1/customers/{id}/inbox`. */
export type InboxResponse = z.output<typeof InboxResponseSchema>;
