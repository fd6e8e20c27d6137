/**
 * The live preview of one channel: email in a sandboxed frame (no scripts, no same-origin), SMS
 * with its characters and segments in GSM-7 or UCS-2, push and in-app as cards, the webhook's
 * request body.
 */
import type { RenderedMessage } from '../../../../shared/domain/content/render-message';
import { countSms } from './sms-count';
import { previewOf } from './preview';
import type { ChannelContent } from '../../../../shared/domain/experiment/channels';

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function SmsPreview({ text }: { readonly text: string }) {
  const size = countSms(text);
  return (
    <div class="preview-sms">
      <p class="bubble">{text}</p>
      <p class="muted" data-field="sms-count">
        {size.characters} characters · {size.encoding} · {size.segments} segment{size.segments === 1 ? '' : 's'} ({size.remaining} left in the last)
      </p>
      {size.encoding === 'UCS-2' ? (
        <p class="muted">
          UCS-2 because of {size.nonGsmCharacters.map((character) => `“${character}”`).join(' ')}: a segment holds 70 characters instead of 160.
        </p>
      ) : null}
      <p class="muted">Links become signed tracking links when sent, which adds characters.</p>
    </div>
  );
}

function Rendered({ message }: { readonly message: RenderedMessage }) {
  switch (message.channel) {
    case 'email':
      return (
        <div class="preview-email">
          <p>
            <span class="muted">To</span> {message.to} · <span class="muted">Subject</span> <strong data-field="email-subject">{message.subject}</strong>
          </p>
          {message.html !== undefined ? (
            <iframe title={`Email preview: ${message.subject}`} sandbox="" srcdoc={message.html} class="email-frame" />
          ) : (
            <pre class="email-text">{message.text}</pre>
          )}
        </div>
      );
    case 'sms':
      return <SmsPreview text={message.text} />;
    case 'push':
      return (
        <div class="preview-card push-card">
          <p class="card-kicker">Push notification</p>
          <p class="card-title">{message.title}</p>
          <p class="card-body">{message.body}</p>
        </div>
      );
    case 'in_app':
      return (
        <div class="preview-card inapp-card">
          <p class="card-kicker">In-app message</p>
          <p class="card-title">{message.title}</p>
          <p class="card-body">{message.body}</p>
          {message.callToAction ? <span class="card-cta">{message.callToAction.label}</span> : null}
        </div>
      );
    case 'webhook':
      return (
        <div class="preview-webhook">
          <p>
            <span class="muted">POST</span> <code>{message.url}</code>
          </p>
          <pre class="payload">{prettyJson(message.body)}</pre>
        </div>
      );
  }
}

/** Preview of `content` with the sample values. */
export function ChannelPreview({ content, samples, label }: { readonly content: ChannelContent; readonly samples: Readonly<Record<string, string>>; readonly label: string }) {
  const preview = previewOf(content, samples);
  return (
    <section class="preview" aria-label={`Preview: ${label}`} data-preview={content.channel}>
      <h4>What the customer receives</h4>
      {preview.ok ? <Rendered message={preview.message} /> : <p class="preview-problem">Not rendered yet: {preview.problem}</p>}
    </section>
  );
}
