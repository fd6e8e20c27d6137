/**
 * Labelled form fields with one sentence of help and the API's errors beside them: the input is
 * `aria-invalid` and described by its help and its error, so screen readers say both.
 */
import type { ComponentChildren } from 'preact';
import { fieldId, type FieldErrors } from '../pages/editor/field-errors';

/** What every field takes. */
interface FieldBase {
  /** API path of the value (decides the id and which errors show here). */
  readonly path: string;
  readonly label: string;
  /** One sentence of help in plain words. */
  readonly help?: ComponentChildren;
  readonly errors: FieldErrors;
  readonly disabled?: boolean;
}

function describedBy(id: string, help: boolean, error: boolean): string | undefined {
  const ids = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter((value) => value !== '');
  return ids.length === 0 ? undefined : ids.join(' ');
}

/** Help and errors under a control. */
export function FieldNotes({ id, help, messages }: { readonly id: string; readonly help?: ComponentChildren; readonly messages: readonly string[] }) {
  return (
    <>
      {help ? (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      {messages.length > 0 ? (
        <p class="field-error" id={`${id}-error`} data-error-for={id}>
          {messages.join(' · ')}
        </p>
      ) : null}
    </>
  );
}

/** A text input or textarea. */
export function TextField(
  props: FieldBase & {
    readonly value: string;
    readonly onInput: (value: string) => void;
    readonly type?: 'text' | 'url' | 'email' | 'time' | 'number';
    readonly multiline?: boolean;
    readonly rows?: number;
    readonly inputMode?: 'decimal' | 'numeric' | 'text';
    readonly placeholder?: string;
    readonly class?: string;
  },
) {
  const id = fieldId(props.path);
  const messages = props.errors.at(props.path);
  const common = {
    id,
    value: props.value,
    disabled: props.disabled,
    placeholder: props.placeholder,
    'aria-invalid': messages.length > 0 ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, props.help !== undefined, messages.length > 0),
  };
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 4} onInput={(event) => props.onInput(event.currentTarget.value)} />
      ) : (
        <input {...common} type={props.type === 'number' ? 'text' : (props.type ?? 'text')} inputMode={props.inputMode ?? (props.type === 'number' ? 'decimal' : undefined)} onInput={(event) => props.onInput(event.currentTarget.value)} />
      )}
      <FieldNotes id={id} help={props.help} messages={messages} />
    </div>
  );
}

/** A select of named options. */
export function SelectField<V extends string>(
  props: FieldBase & { readonly value: V; readonly options: readonly { readonly value: V; readonly label: string }[]; readonly onChange: (value: V) => void; readonly class?: string },
) {
  const id = fieldId(props.path);
  const messages = props.errors.at(props.path);
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={messages.length > 0 ? 'true' : undefined}
        aria-describedby={describedBy(id, props.help !== undefined, messages.length > 0)}
        onChange={(event) => props.onChange(event.currentTarget.value as V)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldNotes id={id} help={props.help} messages={messages} />
    </div>
  );
}

/** A checkbox that turns a section on or off. */
export function CheckboxField(props: { readonly id: string; readonly label: string; readonly checked: boolean; readonly onChange: (checked: boolean) => void; readonly help?: ComponentChildren }) {
  return (
    <div class="field checkbox">
      <div>
        <input id={props.id} type="checkbox" checked={props.checked} aria-describedby={props.help ? `${props.id}-help` : undefined} onChange={(event) => props.onChange(event.currentTarget.checked)} />
        <label for={props.id}> {props.label}</label>
      </div>
      {props.help ? (
        <p class="help" id={`${props.id}-help`}>
          {props.help}
        </p>
      ) : null}
    </div>
  );
}

/** Errors of a group of fields (a channel, a segment) that no single field carries. */
export function GroupErrors({ path, errors }: { readonly path: string; readonly errors: FieldErrors }) {
  const messages = errors.at(path);
  if (messages.length === 0) return null;
  return (
    <p class="field-error" id={`${fieldId(path)}-error`} data-error-for={fieldId(path)} tabIndex={-1}>
      {messages.join(' · ')}
    </p>
  );
}
