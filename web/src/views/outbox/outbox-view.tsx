/**
 * Local mode: what the local platform delivered. The outbox (email, SMS, push, webhook) as a list
 * of rendered messages, newest first, and a customer's in-app inbox. Nothing here counts as a
 * customer's response: links are shown as text (opening a signed link would record a click), an
 * email is rendered in a sandboxed frame that runs no script and loads nothing remote (loading the
 * open pixel would record an open), and reading the inbox here does not mark messages read.
 */
import { useState } from 'preact/hooks';
import type { InboxResponse } from '../../../../shared/contracts/customers';
import type { OutboxResponse } from '../../../../shared/contracts/sends';
import { ApiError } from '../../api/api-error';
import { conditionalGet } from '../../api/client';
import { channelName } from '../../charts/format';
import { usePolled } from '../results/use-polled';
import { DeliveredList } from './delivered-card';
import { fromInbox, fromOutbox } from './delivered-message';
import '../webviews.css';

/** Messages listed. */
const OUTBOX_LIMIT = 50;
/** Channels the outbox holds (in-app messages go to the inbox). */
const OUTBOX_CHANNELS = ['email', 'sms', 'push', 'webhook'] as const;

function Outbox() {
  const [channel, setChannel] = useState<string>('');
  const polled = usePolled<OutboxResponse>('outbox', (etag, signal) => conditionalGet(`/v1/outbox?limit=${OUTBOX_LIMIT}`, etag, signal));
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
      <DeliveredList messages={messages} />
    </section>
  );
}

function Inbox() {
  const [typed, setTyped] = useState('');
  const [customerId, setCustomerId] = useState('');
  const polled = usePolled<InboxResponse>(`inbox:${customerId}`, (etag, signal) =>
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
      <DeliveredList messages={messages} />
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
