import * as z from 'zod';
import { safeText } from '../text/control-characters';
import { AttributesSchema, ConsentsSchema, ContactSchema, CustomerIdSchema } from '../customer/customer';

/** Most recipients in one batch request. */
export const MAX_BATCH_RECIPIENTS = 500;
/** Longest template value accepted. */
export const MAX_VARIABLE_CHARACTERS = 10_000;

/** One recipient of a send: who, optional inline data for this decision, template values. */
export const RecipientSchema = z.strictObject({
  customerId: CustomerIdSchema,
  attributes: AttributesSchema.optional(),
  contact: ContactSchema.optional(),
  consents: ConsentsSchema.optional(),
  variables: z.record(z.string(), z.string().max(MAX_VARIABLE_CHARACTERS, `variable values are at most ${MAX_VARIABLE_CHARACTERS} characters`)).default({}),
  idempotencyKey: safeText(1, 255).optional(),
  /** Store the inline attributes, contact and consents on the customer's profile. */
  saveCustomer: z.boolean().default(false),
});
/** A parsed recipient. */
export type Recipient = z.output<typeof RecipientSchema>;

/**
 * Body of `POST /v1/experiments/{id}/sends`: one recipient, or `{ recipients: [...] }`.
 * Batch entries are parsed one by one so that one bad recipient is rejected alone.
 */
export const SendBodySchema = z.union([
  z.strictObject({
    recipients: z
      .array(z.unknown())
      .min(1, 'recipients must not be empty')
      .max(MAX_BATCH_RECIPIENTS, `at most ${MAX_BATCH_RECIPIENTS} recipients per request`),
  }),
  RecipientSchema,
]);
