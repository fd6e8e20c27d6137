/**
 * Local mode: what the local platform delivered. The outbox (email, SMS, push, webhook) as a list
 * of rendered messages, newest first, and a customer's in-app inbox. Nothing here counts as a
 * customer's response: links are shown as text (opening a signed link would record a click), an
 * email is rendered in a sandboxed frame that runs no script and loads nothing remote (loading the
 * open pixel would record an open), and reading the inbox here does not mark messages read.
 */
import { useState } from 'preact/hooks';
import type { OutboxEntry } from '../../../../shared/adapters/dynamodb/outbox-sender';
import type { InboxMessage } from '../../../../shared/use-cases/ports/inbox';
import { ApiError } from '../../api/api-error';
import { conditionalGet } from '../../api/client';
import { channelName, shortTime } from '../../charts/format';
import { href } from '../../router';
import { usePolled } from '../results/use-polled';
import { type DeliveredMessage, fromInbox, fromOutbox, headline } from './delivered-message';
import { emailFrameDocument } from './email-frame';
import { emailPreview } from './email-preview';
import { countSms } from '../../pages/editor/sms-count';
import '../webviews.css';

/** Messages listed. */
const OUTBOX_LIMIT = 50;
/** Channels the outbox holds (in-app messages go to the inbox). */
const OUTBOX_CHANNELS = ['email', 'sms', 'push', 'webhook'] as const;

function Message({ message }: { readonly message: DeliveredMessage }) {
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

/** `GSM-7, 48 characters, 1 segment` as delivered (tracking links included). */
function smsSize(text: string): string {
  const size = countSms(text);
  return `${size.encoding}, ${size.characters} characters, ${size.segments} segment${size.segments === 1 ? '' : 's'}`;
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
          <details class="link-note">
            <summary>Unsubscribe link (signed)</summary>
            <code class="url">{message.unsubscribeUrl}</code>
          </details>
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
        <div class="card push-card">
          <p class="card-title">{message.title}</p>
          <p>{message.body}</p>
          {Object.keys(message.data).length > 0 ? (
            <details>
              <summary>Data for the app</summary>
              <pre class="plain">{JSON.stringify(message.data, null, 2)}</pre>
            </details>
          ) : null}
        </div>
      );
    case 'in_app':
      return (
        <div class="card inapp-card">
          <p class="card-title">{message.title}</p>
          <p>{message.body}</p>
          {message.callToAction ? (
            <div class="cta">
              <span class="cta-label">{message.callToAction.label}</span>
              <details class="link-note">
                <summary>Its link (signed)</summary>
                <code class="url">{message.callToAction.url}</code>
              </details>
            </div>
          ) : null}
        </div>
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

function Outbox() {
  const [channel, setChannel] = useState<string>('');
  const polled = usePolled<{ items: readonly OutboxEntry[] }>('outbox', (etag, signal) => conditionalGet(`/v1/outbox?limit=${OUTBOX_LIMIT}`, etag, signal));
  const notLocal = polled.error instanceof ApiError && polled.error.status === 404;
  const messages = (polled.data?.items ?? []).map(fromOutbox).filter((message) => channel === '' || message.kind === channel);
  return (
    <section class="outbox" aria-labelledby="outbox-heading" data-count={polled.data ? messages.length : undefined}>
      <h2 id="outbox-heading">Email, SMS, push and webhooks</h2>
      <p>Email, SMS, push and webhook messages, as the customer (or the receiving system) gets them, newest first ({OUTBOX_LIMIT} at most).</p>
      <p class="link-note">Links are shown, not followed: opening a signed link would count as the customer's click. Emails load no images, so no open is recorded.</p>
      <label class="inline-field">
        Channel{' '}
        <select value={channel} onChange={(event) => setChannel((event.target as HTMLSelectElement).value)}>
          <option value="">All</option>
          {OUTBOX_CHANNELS.map((name) => (
            <option key={name} value={name}>
              {channelName(name)}
            </option>
          ))}
        </select>
      </label>
      {notLocal ? (
        <p class="banner">The outbox exists on the local platform only (`npm start`): a deployed stack delivers through SES, SNS and your webhooks.</p>
      ) : polled.error ? (
        <p class="banner error" role="alert">
          {polled.error.message}
        </p>
      ) : null}
      {polled.data && messages.length === 0 ? <p>Nothing delivered yet{channel ? ` on ${channelName(channel)}` : ''}.</p> : null}
      <ol class="delivered-list">
        {messages.map((message) => (
          <li key={message.id}>
            <Message message={message} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Inbox() {
  const [typed, setTyped] = useState('');
  const [customerId, setCustomerId] = useState('');
  const polled = usePolled<{ items: readonly InboxMessage[] }>(`inbox:${customerId}`, (etag, signal) =>
    customerId === '' ? Promise.resolve({ modified: true, body: { items: [] }, etag: undefined, maxAgeSeconds: undefined }) : conditionalGet(`/v1/customers/${encodeURIComponent(customerId)}/inbox?includeRead=true`, etag, signal),
  );
  const messages = (polled.data?.items ?? []).map((message) => fromInbox(customerId, message));
  return (
    <section class="inbox" aria-labelledby="inbox-heading" data-count={customerId && polled.data ? messages.length : undefined}>
      <h2 id="inbox-heading">In-app inbox</h2>
      <p>In-app and website messages wait in each customer's inbox until the app reads them. Reading them here does not mark them read.</p>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setCustomerId(typed.trim());
        }}
      >
        <label>
          Customer id <input name="customerId" value={typed} onInput={(event) => setTyped((event.target as HTMLInputElement).value)} autoComplete="off" />
        </label>{' '}
        <button type="submit">Show inbox</button>
      </form>
      {polled.error ? (
        <p class="banner error" role="alert">
          {polled.error.message}
        </p>
      ) : null}
      {customerId && polled.data && messages.length === 0 ? <p>No in-app message for {customerId}.</p> : null}
      <ol class="delivered-list">
        {messages.map((message) => (
          <li key={message.id}>
            <Message message={message} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The outbox page (local mode). */
export function OutboxView() {
  return (
    <section class="outbox-view">
      <h1 tabIndex={-1}>Outbox</h1>
      <p class="lede">What the local platform delivered, as customers get it.</p>
      <Outbox />
      <Inbox />
    </section>
  );
}
