import { useState } from 'preact/hooks';

/** What {@link AddPicker} needs: the choices left, how each reads, and what adding one does. */
export interface AddPickerProps<T extends string> {
  /** Id of the select (its label points at it; tests find it by it). */
  readonly id: string;
  /** The select's label, e.g. "Add a channel". */
  readonly label: string;
  /** The button's text, e.g. "Add channel". */
  readonly action: string;
  /** Class of the row beside `row`, for layout. */
  readonly rowClass: string;
  /** The choices not taken yet. */
  readonly options: readonly T[];
  /** How a choice reads. */
  readonly nameOf: (option: T) => string;
  /** Adds the chosen option. */
  readonly onAdd: (option: T) => void;
}

/** A select of what can still be added and its "Add" button (disabled until something is chosen). */
export function AddPicker<T extends string>({ id, label, action, rowClass, options, nameOf, onAdd }: AddPickerProps<T>) {
  const [chosen, setChosen] = useState<T | ''>('');
  return (
    <div class={`row ${rowClass}`}>
      <div class="field">
        <label for={id}>{label}</label>
        <select id={id} value={chosen} onChange={(event) => setChosen(event.currentTarget.value as T | '')}>
          <option value="">Choose…</option>
          {options.map((option) => (
            <option key={option} value={option}>
              {nameOf(option)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        class="secondary"
        disabled={chosen === ''}
        onClick={() => {
          if (chosen === '') return;
          onAdd(chosen);
          setChosen('');
        }}
      >
        {action}
      </button>
    </div>
  );
}
