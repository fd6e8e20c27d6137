import * as z from 'zod';
import { CONTROL_CHARACTER_MESSAGE } from '../text/control-characters';

/** The channels Channel Lab can deliver on: the arms of an experiment. */
export const CHANNELS = ['email', 'sms', 'push', 'in_app', 'webhook'] as const;
/** A channel name. */
export type Channel = (typeof CHANNELS)[number];
/** Zod schema of a channel name. */
export const ChannelSchema = z.enum(CHANNELS);

/** Longest SMS text accepted (10 concatenated segments of 160 GSM-7 characters). */
export const SMS_MAX_CHARACTERS = 1600;
/** Longest email subject accepted. */
export const EMAIL_SUBJECT_MAX_CHARACTERS = 998;
/** Longest push title / in-app title accepted. */
export const TITLE_MAX_CHARACTERS = 200;
/** Longest push body accepted (APNs/FCM payloads are ~4 KB in all). */
export const PUSH_BODY_MAX_CHARACTERS = 2000;
/** Longest email or in-app body accepted. */
export const BODY_MAX_CHARACTERS = 200_000;

const nonBlank = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
/** A one-line text (subject, title): no CR, LF, NUL or other control character (header injection). */
const oneLine = (max: number) => nonBlank(max).regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, CONTROL_CHARACTER_MESSAGE);

/** Email content: subject, HTML and/or text body, optional from address. */
export const EmailContentSchema = z
  .strictObject({
    channel: z.literal('email'),
    subject: oneLine(EMAIL_SUBJECT_MAX_CHARACTERS),
    html: nonBlank(BODY_MAX_CHARACTERS).optional(),
    text: nonBlank(BODY_MAX_CHARACTERS).optional(),
    from: z.email('must be an email address').optional(),
  })
  .refine((value) => value.html !== undefined || value.text !== undefined, {
    message: 'email needs an html or a text body (or both)',
    path: ['html'],
  });

/**
 * SMS content: the text, and whether SNS sends it as transactional or promotional (when left out,
 * the deployment's default applies: the stack's `smsType`, transactional unless set).
 */
export const SmsContentSchema = z.strictObject({
  channel: z.literal('sms'),
  text: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(SMS_MAX_CHARACTERS, `sms text over ${SMS_MAX_CHARACTERS} characters`),
  smsType: z.enum(['transactional', 'promotional']).optional(),
});

/** Mobile push content: title, body and optional string data for the app. */
export const PushContentSchema = z.strictObject({
  channel: z.literal('push'),
  title: oneLine(TITLE_MAX_CHARACTERS),
  body: nonBlank(PUSH_BODY_MAX_CHARACTERS),
  data: z.record(z.string(), z.string()).optional(),
});

/** In-app / website inbox content: title, body, optional call to action. */
export const InAppContentSchema = z.strictObject({
  channel: z.literal('in_app'),
  title: oneLine(TITLE_MAX_CHARACTERS),
  body: nonBlank(BODY_MAX_CHARACTERS),
  callToAction: z
    .strictObject({ label: nonBlank(TITLE_MAX_CHARACTERS), url: z.url('must be a URL') })
    .optional(),
});

/** Webhook content: any other provider (WhatsApp, voice, direct mail): HTTPS URL and payload template. */
export const WebhookContentSchema = z.strictObject({
  channel: z.literal('webhook'),
  url: z.url('must be a URL').refine((url) => url.startsWith('https://'), 'webhook url must use https'),
  payloadTemplate: nonBlank(BODY_MAX_CHARACTERS),
});

/** One arm's content, discriminated by `channel`. */
export const ChannelContentSchema = z.discriminatedUnion('channel', [
  EmailContentSchema,
  SmsContentSchema,
  PushContentSchema,
  InAppContentSchema,
  WebhookContentSchema,
]);
/** One arm's content. */
export type ChannelContent = z.output<typeof ChannelContentSchema>;

/** The template texts of a channel's content (where `{{variables}}` may appear). */
export function contentTemplates(content: ChannelContent): string[] {
  switch (content.channel) {
    case 'email':
      return [content.subject, content.html ?? '', content.text ?? ''];
    case 'sms':
      return [content.text];
    case 'push':
      return [content.title, content.body, ...Object.values(content.data ?? {})];
    case 'in_app':
      return [content.title, content.body, content.callToAction?.url ?? '', content.callToAction?.label ?? ''];
    case 'webhook':
      return [content.payloadTemplate];
  }
}
