/**
 * Renders one arm's content for one customer into the message a sender delivers: variables
 * substituted (HTML-escaped in email HTML, JSON-escaped in webhook payloads, verbatim elsewhere),
 * links rewritten to signed tracking links, `{{unsubscribeUrl}}` filled with the signed
 * unsubscribe link, the signed open pixel added to HTML email, and the recipient's address
 * attached. Pure.
 */
import { ValidationError, type ErrorDetail } from '../errors/channel-lab-error';
import {
  type Channel,
  type ChannelContent,
  contentTemplates,
  PUSH_BODY_MAX_CHARACTERS,
  SMS_MAX_CHARACTERS,
} from '../experiment/channels';
import { escapeHtml, missingVariables, renderTemplate } from './template';
import { unsafeVariables } from './variable-safety';
import { rewriteHtmlLinks, type RewriteLinksOptions, rewriteTextLinks, rewriteUrl, type TrackClick } from './rewrite-links';

/** A customer's addresses, as far as the message needs them. */
export interface MessageContact {
  readonly email?: string;
  /** Phone number in E.164. */
  readonly phone?: string;
  /** SNS platform endpoint ARN of the customer's device. */
  readonly pushEndpointArn?: string;
}

/** The signed links of the message, built outside the domain (base URL and secret are configuration). */
export interface MessageLinks {
  /** Wraps a target URL into a signed click-tracking link. */
  readonly trackClick: TrackClick;
  /** The signed one-click unsubscribe link (`{{unsubscribeUrl}}`, `List-Unsubscribe`). */
  readonly unsubscribeUrl: string;
  /** The signed open pixel (`/o/{token}`), inserted into HTML email; without it, no pixel. */
  readonly openPixelUrl?: string;
}

/** Where the pixel goes in a full HTML document: just before the last `</body>`. */
const BODY_END = /<\/body\s*>(?![\s\S]*<\/body\s*>)/i;

/**
 * Adds the 1×1 open pixel to an email's HTML (before `</body>`, else at the end), after the links
 * were rewritten so that it is not wrapped in a click link.
 */
export function insertOpenPixel(html: string, pixelUrl: string): string {
  const tag = `<img src="${escapeHtml(pixelUrl)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0">`;
  return BODY_END.test(html) ? html.replace(BODY_END, (end) => `${tag}${end}`) : `${html}${tag}`;
}

/** Everything rendering needs besides the content. */
export interface RenderMessageInput {
  /** Values of the template variables (built-ins `customerId` and `unsubscribeUrl` are added and win). */
  readonly variables: Readonly<Record<string, string>>;
  /** The recipient. */
  readonly customerId: string;
  /** The recipient's addresses. */
  readonly contact: MessageContact;
  /** The message's signed links. */
  readonly links: MessageLinks;
}

/** A rendered email. */
export interface RenderedEmail {
  readonly channel: 'email';
  /** Recipient address. */
  readonly to: string;
  /** Sender address from the content, if any (the sender's default applies otherwise). */
  readonly from?: string;
  readonly subject: string;
  readonly html?: string;
  readonly text?: string;
  /** Signed HTTPS unsubscribe link for the `List-Unsubscribe` header. */
  readonly unsubscribeUrl: string;
}

/** A rendered SMS. */
export interface RenderedSms {
  readonly channel: 'sms';
  /** Recipient in E.164. */
  readonly phoneNumber: string;
  readonly text: string;
  /** The experiment's SMS type; absent: the sender's (deployment's) default. */
  readonly smsType?: 'transactional' | 'promotional';
}

/** A rendered mobile push notification. */
export interface RenderedPush {
  readonly channel: 'push';
  /** SNS platform endpoint ARN. */
  readonly endpointArn: string;
  readonly title: string;
  readonly body: string;
  /** String data for the app. */
  readonly data: Readonly<Record<string, string>>;
}

/** A rendered in-app / website inbox message. */
export interface RenderedInApp {
  readonly channel: 'in_app';
  /** Whose inbox it goes to. */
  readonly customerId: string;
  readonly title: string;
  readonly body: string;
  /** Call to action, its URL already a signed tracking link. */
  readonly callToAction?: { readonly label: string; readonly url: string };
}

/** A rendered webhook call. */
export interface RenderedWebhook {
  readonly channel: 'webhook';
  /** Where to POST. */
  readonly url: string;
  /** The JSON request body. */
  readonly body: string;
}

/** A message ready for its channel's sender, discriminated by `channel`. */
export type RenderedMessage = RenderedEmail | RenderedSms | RenderedPush | RenderedInApp | RenderedWebhook;
/** The rendered message type of one channel. */
export type RenderedMessageFor<C extends Channel> = Extract<RenderedMessage, { readonly channel: C }>;

/** Escapes a value for the inside of a JSON string literal. */
export function escapeJsonString(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function requireAddress(value: string | undefined, field: keyof MessageContact, channel: Channel): string {
  if (value === undefined || value.trim() === '') {
    throw new ValidationError(`the customer has no ${field} for the ${channel} channel`, [
      { path: `contact.${field}`, message: `required to send on ${channel}` },
    ]);
  }
  return value;
}

function requireMaxLength(value: string, max: number, path: string, what: string): string {
  if (value.length > max) {
    throw new ValidationError(`${what} is ${value.length} characters once rendered, over ${max}`, [
      { path, message: `at most ${max} characters once rendered (tracking links included)` },
    ]);
  }
  return value;
}

function assertNoMissingVariables(content: ChannelContent, values: Readonly<Record<string, string>>): void {
  const missing = missingVariables(contentTemplates(content), values);
  if (missing.length === 0) return;
  const details: ErrorDetail[] = missing.map((name) => ({
    path: `variables.${name}`,
    message: `no value for template variable "${name}"`,
  }));
  throw new ValidationError(`missing template variables: ${missing.join(', ')}`, details);
}

/**
 * Renders content for one customer.
 * @throws ValidationError naming every missing variable, a missing address, an over-long SMS,
 *   or a webhook payload that is not valid JSON once rendered.
 */
export function renderMessage(content: ChannelContent, input: RenderMessageInput): RenderedMessage {
  const { links } = input;
  const values: Readonly<Record<string, string>> = {
    ...input.variables,
    customerId: input.customerId,
    unsubscribeUrl: links.unsubscribeUrl,
  };
  assertNoMissingVariables(content, values);
  const unsafe = unsafeVariables([content], input.variables);
  if (unsafe.length > 0) throw new ValidationError(`unsafe template values: ${unsafe.map((detail) => detail.path).join(', ')}`, unsafe);
  const render = (text: string) => renderTemplate(text, values);
  const rewrite: RewriteLinksOptions = { keep: (url) => url === links.unsubscribeUrl };

  switch (content.channel) {
    case 'email': {
      const rewritten = content.html === undefined
        ? undefined
        : rewriteHtmlLinks(renderTemplate(content.html, values, { escape: escapeHtml }), links.trackClick, rewrite);
      const html = rewritten === undefined || links.openPixelUrl === undefined ? rewritten : insertOpenPixel(rewritten, links.openPixelUrl);
      const text = content.text === undefined ? undefined : rewriteTextLinks(render(content.text), links.trackClick, rewrite);
      return {
        channel: 'email',
        to: requireAddress(input.contact.email, 'email', 'email'),
        ...(content.from !== undefined ? { from: content.from } : {}),
        subject: render(content.subject),
        ...(html !== undefined ? { html } : {}),
        ...(text !== undefined ? { text } : {}),
        unsubscribeUrl: links.unsubscribeUrl,
      };
    }
    case 'sms':
      return {
        channel: 'sms',
        phoneNumber: requireAddress(input.contact.phone, 'phone', 'sms'),
        text: requireMaxLength(rewriteTextLinks(render(content.text), links.trackClick, rewrite), SMS_MAX_CHARACTERS, 'text', 'the SMS text'),
        ...(content.smsType ? { smsType: content.smsType } : {}),
      };
    case 'push':
      return {
        channel: 'push',
        endpointArn: requireAddress(input.contact.pushEndpointArn, 'pushEndpointArn', 'push'),
        title: render(content.title),
        body: requireMaxLength(render(content.body), PUSH_BODY_MAX_CHARACTERS, 'body', 'the push body'),
        data: Object.fromEntries(Object.entries(content.data ?? {}).map(([key, value]) => [key, render(value)])),
      };
    case 'in_app':
      return {
        channel: 'in_app',
        customerId: input.customerId,
        title: render(content.title),
        body: render(content.body),
        ...(content.callToAction !== undefined
          ? {
              callToAction: {
                label: render(content.callToAction.label),
                url: rewriteUrl(render(content.callToAction.url), links.trackClick, rewrite),
              },
            }
          : {}),
      };
    case 'webhook':
      return { channel: 'webhook', url: content.url, body: renderWebhookPayload(content.payloadTemplate, values) };
  }
}

/**
 * Renders a webhook payload template with JSON-string escaping of every value, so a template that
 * is valid JSON (variables inside string literals) stays valid JSON whatever the values.
 * @throws ValidationError if the rendered payload is not valid JSON.
 */
export function renderWebhookPayload(template: string, values: Readonly<Record<string, string>>): string {
  const body = renderTemplate(template, values, { escape: escapeJsonString });
  try {
    JSON.parse(body);
  } catch {
    throw new ValidationError('the webhook payload is not valid JSON once rendered', [
      { path: 'payloadTemplate', message: 'must be JSON, with each {{variable}} inside a string literal' },
    ]);
  }
  return body;
}
