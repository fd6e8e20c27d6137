/** The experiment editor (placeholder of the scaffold). */

/** Properties of {@link EditorPage}. */
export interface EditorPageProps {
  /** The draft to edit; absent: a new experiment. */
  readonly id?: string;
  /** Clone this experiment's definition into the new draft. */
  readonly cloneFrom?: string;
}

/** Create or edit a draft. */
export function EditorPage({ id }: EditorPageProps) {
  return (
    <section>
      <h1 tabIndex={-1}>{id ? 'Edit experiment' : 'New experiment'}</h1>
    </section>
  );
}
