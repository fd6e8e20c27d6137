/** A modal confirmation (the native `<dialog>`: focus kept inside, Escape cancels). */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** Properties of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  /** Heading. */
  readonly title: string;
  /** What will happen. */
  readonly children: ComponentChildren;
  /** Label of the confirming button. */
  readonly confirmLabel: string;
  /** Whether the action is hard to undo. */
  readonly serious?: boolean;
  /** Called on confirm. */
  readonly onConfirm: () => void;
  /** Called on cancel (button, Escape). */
  readonly onCancel: () => void;
}

/** Asks before doing something that changes traffic. */
export function ConfirmDialog({ title, children, confirmLabel, serious = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-body" onCancel={(event) => { event.preventDefault(); onCancel(); }}>
      <h2 id="confirm-title">{title}</h2>
      <div id="confirm-body">{children}</div>
      <div class="dialog-actions">
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" class={serious ? 'danger' : ''} onClick={onConfirm} autofocus>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
