/** One channel of the editor: its content fields beside a live preview. */
import { channelName } from '../../charts/format';
import { GroupErrors, SelectField, TextField } from '../../components/fields';
import { ChannelPreview } from './channel-preview';
import { contentOf, type ChannelDraft } from './draft-form';
import { fieldId, type FieldErrors } from './field-errors';

/** Properties of {@link ChannelEditor}. */
export interface ChannelEditorProps {
  readonly index: number;
  readonly draft: ChannelDraft;
  readonly samples: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly onChange: (draft: ChannelDraft) => void;
  readonly onRemove: () => void;
  readonly canRemove: boolean;
}

/** The fields of one channel and its preview. */
export function ChannelEditor({ index, draft, samples, errors, onChange, onRemove, canRemove }: ChannelEditorProps) {
  const path = `channels[${index}]`;
  const set = (patch: Partial<ChannelDraft>) => onChange({ ...draft, ...patch });
  const name = channelName(draft.channel);
  const text = (field: keyof ChannelDraft & string, label: string, options: { help?: string; multiline?: boolean; rows?: number; type?: 'url' | 'email'; apiField?: string } = {}) => (
    <TextField
      path={`${path}.${options.apiField ?? field}`}
      label={label}
      value={draft[field] as string}
      onInput={(value) => set({ [field]: value } as Partial<ChannelDraft>)}
      errors={errors}
      {...(options.help ? { help: options.help } : {})}
      {...(options.multiline ? { multiline: true } : {})}
      {...(options.rows ? { rows: options.rows } : {})}
      {...(options.type ? { type: options.type } : {})}
    />
  );
  return (
    <fieldset class="channel" id={fieldId(path)} data-channel={draft.channel}>
      <legend>
        {name} <span class="muted">(arm {index + 1})</span>
      </legend>
      <GroupErrors path={path} errors={errors} />
      <GroupErrors path={`${path}.channel`} errors={errors} />
      <div class="channel-grid">
        <div class="channel-fields">
          {draft.channel === 'email' ? (
            <>
              {text('subject', 'Subject')}
              {text('html', 'HTML body', { multiline: true, rows: 7, help: 'Use {{variables}} and {{unsubscribeUrl}}; links are tracked when sent.' })}
              {text('text', 'Plain-text body (optional)', { multiline: true, rows: 3 })}
              {text('from', 'From address (optional)', { type: 'email', help: "Leave empty for the deployment's sender." })}
            </>
          ) : null}
          {draft.channel === 'sms' ? (
            <>
              {text('text', 'Text', { multiline: true, rows: 4, help: 'Up to 1,600 characters; the preview counts segments.' })}
              <SelectField
                path={`${path}.smsType`}
                label="SMS type"
                value={draft.smsType}
                errors={errors}
                options={[
                  { value: '', label: "The deployment's default" },
                  { value: 'transactional', label: 'Transactional (higher priority)' },
                  { value: 'promotional', label: 'Promotional (cheaper)' },
                ]}
                onChange={(smsType) => set({ smsType })}
              />
            </>
          ) : null}
          {draft.channel === 'push' ? (
            <>
              {text('title', 'Title')}
              {text('body', 'Body', { multiline: true, rows: 3 })}
              {text('data', 'Data for the app (optional)', { multiline: true, rows: 2, help: 'One key=value per line, given to your app with the notification.' })}
            </>
          ) : null}
          {draft.channel === 'in_app' ? (
            <>
              {text('title', 'Title')}
              {text('body', 'Body', { multiline: true, rows: 3 })}
              <GroupErrors path={`${path}.callToAction`} errors={errors} />
              {text('ctaLabel', 'Button label (optional)', { apiField: 'callToAction.label' })}
              {text('ctaUrl', 'Button link (optional)', { apiField: 'callToAction.url', type: 'url' })}
            </>
          ) : null}
          {draft.channel === 'webhook' ? (
            <>
              {text('url', 'HTTPS URL', { type: 'url', help: 'Your provider (WhatsApp, voice, letters…) receives a signed POST here.' })}
              {text('payloadTemplate', 'JSON payload', { multiline: true, rows: 6, help: 'Valid JSON, with each {{variable}} inside a string.' })}
            </>
          ) : null}
          {canRemove ? (
            <button type="button" class="secondary" onClick={onRemove}>
              Remove {name}
            </button>
          ) : null}
        </div>
        <ChannelPreview content={contentOf(draft)} samples={samples} label={name} />
      </div>
    </fieldset>
  );
}
