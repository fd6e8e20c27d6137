/**
 * One delivered message as a card: its heading (channel and recipient), when, a link to its
 * experiment's results, and its body as the customer gets it (email in a sandboxed frame, SMS as a
 * bubble, push and in-app as a titled card, a webhook as its JSON body). The outbox and the inbox
 * list the same card.
 */
import type { ComponentChildren } from 'preact';
import { shortTime } from '../../charts/format';
import { countSms } from '../../pages/editor/sms-count';
import { href } from '../../router';
import { type DeliveredMessage, headline } from './delivered-message';
import { emailFrameDocument } from './email-frame';
import { emailPreview } from './email-preview';

/** `GSM-7, 48 characters, 1 segment` as delivered (tracking links included). */
function smsSize(text: string): string {
  const size = countSms(text);
  return `${size.encoding}, ${size.characters} characters, ${size.segments} segment${size.segments === 1 ? '' : 's'}`;
}

/** A signed link, shown as text and never followed (following it would record the customer's click). */
function SignedLink({ summary, url }: { readonly summary: string; readonly url: string }) {
  return (
    <details class="link-note">
      <summary>{summary}</summary>
      <code class="url">{url}</code>
    </details>
  );
}

/** A titled card (push notification, in-app message). */
function TitledCard({ kind, title, body, children }: { readonly kind: 'push' | 'inapp'; readonly title: string; readonly body: string; readonly children?: ComponentChildren }) {
  return (
    <div class={`card ${kind}-card`}>
      <p class="card-title">{title}</p>
      <p>{body}</p>
      {children}
    </div>
  );
}

function EmailFrame({ html, subject }: { readonly html: string; readonly subject: string }) {
  const preview = emailPreview(html);
  return (
    <>
      <iframe class="email-frame" title={`Email: ${subject}`} sandbox="" srcdoc={emailFrameDocument(preview.html)} />
      {preview.imagesNotLoaded > 0 ? (
        <p class="link-note" data-field="images-not-loaded">
          {preview.imagesNotLoaded} image{preview.imagesNotLoaded === 1 ? '' : 's'} not loaded (loading the open pixel would record an open).
        </p>
      ) : null}
    </>
  );
}

function MessageBody({ message }: { readonly message: DeliveredMessage }) {
  switch (message.kind) {
    case 'email':
      return (
        <div class="email">
          <p class="email-subject">
            <strong>Subject:</strong> {message.subject}
            {message.from ? ` · from ${message.from}` : ''}
          </p>
          {message.html ? <EmailFrame html={message.html} subject={message.subject} /> : null}
          {message.text ? (
            <details open={!message.html}>
              <summary>Plain-text part</summary>
              <pre class="plain">{message.text}</pre>
            </details>
          ) : null}
          <SignedLink summary="Unsubscribe link (signed)" url={message.unsubscribeUrl} />
        </div>
      );
    case 'sms':
      return (
        <div class="sms">
          <p class="sms-bubble">{message.text}</p>
          <p class="delivered-meta" data-field="sms-size">
            {smsSize(message.text)}
            {message.smsType ? ` · ${message.smsType}` : ''}
          </p>
        </div>
      );
    case 'push':
      return (
        <TitledCard kind="push" title={message.title} body={message.body}>
          {Object.keys(message.data).length > 0 ? (
            <details>
              <summary>Data for the app</summary>
              <pre class="plain">{JSON.stringify(message.data, null, 2)}</pre>
            </details>
          ) : null}
        </TitledCard>
      );
    case 'in_app':
      return (
        <TitledCard kind="inapp" title={message.title} body={message.body}>
          {message.callToAction ? (
            <div class="cta">
              <span class="cta-label">{message.callToAction.label}</span>
              <SignedLink summary="Its link (signed)" url={message.callToAction.url} />
            </div>
          ) : null}
        </TitledCard>
      );
    case 'webhook':
      return (
        <div class="webhook">
          <p class="delivered-meta">POST {message.to}</p>
          <pre class="plain">{message.payload}</pre>
        </div>
      );
  }
}

/** A delivered message as a card. */
export function DeliveredCard({ message }: { readonly message: DeliveredMessage }) {
  return (
    <article class={`delivered delivered-${message.kind}`} data-channel={message.kind} aria-label={headline(message)}>
      <header>
        <h3>{headline(message)}</h3>
        <p class="delivered-meta">
          {shortTime(message.at)}
          {message.experimentId ? (
            <>
              {' · '}
              <a href={href({ name: 'results', id: message.experimentId })}>results of its experiment</a>
            </>
          ) : null}
          {message.kind === 'in_app' && message.status ? ` · ${message.status}` : null}
        </p>
      </header>
      <MessageBody message={message} />
    </article>
  );
}

/** Delivered messages as a list of cards, in the order given. */
export function DeliveredList({ messages }: { readonly messages: readonly DeliveredMessage[] }) {
  return (
    <ol class="delivered-list">
      {messages.map((message) => (
        <li key={message.id}>
          <DeliveredCard message={message} />
        </li>
      ))}
    </ol>
  );
}
