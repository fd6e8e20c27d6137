import * as z from 'zod';
import { CHANNELS, type Channel, ChannelSchema } from '../experiment/channels';

/** E.164 phone numbers: `+` then 8 to 15 digits. */
const E164 = /^\+[1-9]\d{7,14}$/;

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

/** Where a customer can be reached. */
export const ContactSchema = z.strictObject({
  email: z.email('must be an email address').optional(),
  phone: z.string().regex(E164, 'phone must be in E.164 form, e.g. +14155550123').optional(),
  pushEndpointArn: z.string().regex(/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:endpoint\/.+$/, 'pushEndpointArn must be an SNS platform endpoint ARN').optional(),
  timezone: z.string().refine(isTimeZone, 'timezone must be an IANA time zone such as Europe/Paris').optional(),
});
/** Contact data. */
export type Contact = z.output<typeof ContactSchema>;

/** Customer attributes used by segment rules (JSON values, at most 100 keys). */
export const AttributesSchema = z
  .record(z.string().min(1).max(200), z.unknown())
  .refine((value) => Object.keys(value).length <= 100, 'at most 100 attributes');

/** Consent per channel: true = may receive, false = may not. A channel not listed has no consent. */
export const ConsentsSchema = z.partialRecord(ChannelSchema, z.boolean());

/** Body of `PUT /v1/customers/{id}`. */
export const CustomerInputSchema = z.strictObject({
  attributes: AttributesSchema.default({}),
  contact: ContactSchema.default({}),
  consents: ConsentsSchema.default({}),
});
/** A customer as written by the marketer's systems. */
export type CustomerInput = z.output<typeof CustomerInputSchema>;

/** A stored customer. */
export interface Customer extends CustomerInput {
  /** The marketer's customer id. */
  readonly id: string;
  /** Channels the customer opted out of, with when (effective for the next decision). */
  readonly optOuts: Readonly<Partial<Record<Channel, string>>>;
  /** ISO instant of the last change. */
  readonly updatedAt: string;
  /** ISO instant the profile was erased: only the opt-outs (suppression list) remain. */
  readonly erasedAt?: string;
}

/** Customer ids: what the marketer uses, 1 to 128 printable characters without `#` or `/` (no spaces, no control characters). */
export const CustomerIdSchema = z.string().regex(/^[^#/\s\u0000-\u001f\u007f-\u009f]{1,128}$/, 'customer id must be 1 to 128 characters without spaces, control characters, # or /');

/** Body of `POST /v1/customers/{id}/opt-out`. */
export const OptOutInputSchema = z.strictObject({ channel: z.union([ChannelSchema, z.literal('all')]) });
/** An opt-out: one channel, or `all`. */
export type OptOutInput = z.output<typeof OptOutInputSchema>;

/** The channels an opt-out covers. */
export function optOutChannels(channel: Channel | 'all'): readonly Channel[] {
  return channel === 'all' ? CHANNELS : [channel];
}

/** A customer with the given opt-outs recorded at `now` (existing opt-outs keep their time). */
export function withOptOut(customer: Customer, channel: Channel | 'all', now: Date): Customer {
  const optOuts = { ...customer.optOuts };
  for (const name of optOutChannels(channel)) optOuts[name] ??= now.toISOString();
  return { ...customer, optOuts, updatedAt: now.toISOString() };
}
