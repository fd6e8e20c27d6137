import * as z from 'zod';
import { AttributesSchema, CustomerIdSchema } from '../customer/customer';
import { safeText } from '../text/control-characters';

/** Discriminator of a customer event on `POST /v1/events` (response events have no `kind`). */
export const CUSTOMER_EVENT_KIND = 'customer';
/** Customer event names: a letter, then letters, digits, `_`, `.`, `-` or `:` (max 100): `order_delivered`, `cart.abandoned`. */
export const CUSTOMER_EVENT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/;
/** What a bad event name is told. */
export const CUSTOMER_EVENT_NAME_MESSAGE = 'event names start with a letter and use letters, digits, _ . : or - (max 100)';
/** Longest customer event id. */
const MAX_EVENT_ID = 200;
/** Most property keys at the top level of a customer event. */
export const MAX_EVENT_PROPERTIES = 100;

/**
 * Something a customer did (an order delivered, a cart abandoned, a sign-up), from the
 * marketer's systems through `POST /v1/events` or their EventBridge bus. It names a customer, not
 * a decision: it may trigger an experiment's send and exit waiting ones. Idempotent on `eventId`.
 */
export const CustomerEventSchema = z.strictObject({
  kind: z.literal(CUSTOMER_EVENT_KIND),
  eventId: safeText(1, MAX_EVENT_ID),
  name: z.string().regex(CUSTOMER_EVENT_NAME_PATTERN, CUSTOMER_EVENT_NAME_MESSAGE),
  customerId: CustomerIdSchema,
  occurredAt: z.iso.datetime({ offset: true, message: 'occurredAt must be an ISO 8601 date-time' }),
  /** What happened (JSON): filtered by `where.event`, read by the trigger's `variables`. */
  properties: z
    .record(z.string().min(1).max(200), z.unknown())
    .refine((value) => Object.keys(value).length <= MAX_EVENT_PROPERTIES, `at most ${MAX_EVENT_PROPERTIES} properties`)
    .default({}),
  /** Customer attributes known at the event, laid over the stored profile (not saved). */
  attributes: AttributesSchema.optional(),
});
/** A parsed customer event. */
export type CustomerEvent = z.output<typeof CustomerEventSchema>;
/** A customer event as sent. */
export type CustomerEventInput = z.input<typeof CustomerEventSchema>;

/** Whether a raw event names itself a customer event (`kind: "customer"`). */
export function isCustomerEventInput(raw: unknown): boolean {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && (raw as { kind?: unknown }).kind === CUSTOMER_EVENT_KIND;
}
