/**
 * What a signed tracking or unsubscribe link carries. The token is the only source of truth for
 * the click's target URL (no open redirect) and for the assignment the response is attributed to.
 */
import * as z from 'zod';
import { ChannelSchema } from '../experiment/channels';

/** Version of the payload format inside a token. */
export const TRACKING_PAYLOAD_VERSION = 1;
/** What a token lets its bearer do: record a click (and redirect), unsubscribe, record an open. */
export const TRACKING_KINDS = ['click', 'unsubscribe', 'open'] as const;
/** One kind of tracking token. */
export type TrackingKind = (typeof TRACKING_KINDS)[number];
/** Longest identifier accepted inside a token. */
export const TRACKING_ID_MAX_CHARACTERS = 200;
/** Longest target URL accepted inside a click token. */
export const TRACKING_URL_MAX_CHARACTERS = 2048;

const identifier = z.string().min(1).max(TRACKING_ID_MAX_CHARACTERS);

/** Zod schema of a token payload; a click must carry an http(s) target URL. */
export const TrackingPayloadSchema = z
  .strictObject({
    v: z.literal(TRACKING_PAYLOAD_VERSION),
    kind: z.enum(TRACKING_KINDS),
    assignmentId: identifier,
    customerId: identifier.optional(),
    experimentId: identifier.optional(),
    channel: ChannelSchema.optional(),
    url: z
      .string()
      .max(TRACKING_URL_MAX_CHARACTERS)
      .regex(/^https?:\/\/[^\s]+$/i, 'must be an http(s) URL')
      .optional(),
  })
  .refine((payload) => payload.kind !== 'click' || payload.url !== undefined, {
    message: 'a click token needs the target url',
    path: ['url'],
  });

/** The payload of a tracking or unsubscribe token. */
export type TrackingPayload = z.output<typeof TrackingPayloadSchema>;
